// Exact comparison of JSON number texts, as the diff needs for limits and multipleOf.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { compareDecimals, isMultipleOf } from '../../../src/formats/json/decimal.ts'

test('compares numbers exactly, whatever their spelling', () => {
  assert.equal(compareDecimals('0.5', '0.50'), 0)
  assert.equal(compareDecimals('1e2', '100'), 0)
  assert.equal(compareDecimals('0.3', '0.30000000000000001'), -1)
  assert.equal(compareDecimals('-1', '-2'), 1)
  assert.equal(compareDecimals('12345678901234567890', '12345678901234567891'), -1)
})

test('falls back to doubles for exponents too far apart to scale', () => {
  assert.equal(compareDecimals('1e5000', '1'), 1)
  assert.equal(compareDecimals('1e-5000', '1'), -1)
})

test('tells whether one number is an integer multiple of another', () => {
  assert.equal(isMultipleOf('10', '5'), true)
  assert.equal(isMultipleOf('5', '10'), false)
  assert.equal(isMultipleOf('0.3', '0.1'), true)
  assert.equal(isMultipleOf('5', '2.5'), true)
  assert.equal(isMultipleOf('1', '0'), false)
})
