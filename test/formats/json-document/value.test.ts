// The shared document model: what a number's spelling says (Jackson's integer or double node) and its value.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { integerOf, JsonNumber, textOf } from '../../../src/formats/json-document/value.ts'

test('tells integer literals from other numbers by their spelling, as Jackson does', () => {
  const kinds = ['1', '-0', '12345678901234567890', '1.0', '1e2', '-0.5'].map((text) => new JsonNumber(text).isIntegerLiteral())
  assert.deepEqual(kinds, [true, true, true, false, false, false])
})

test('gives an integer literal its exact value, however large', () => {
  assert.deepEqual(['12345678901234567890', '-0', '-7'].map((text) => new JsonNumber(text).bigintValue()), [12345678901234567890n, 0n, -7n])
})

test('refuses an integer value for a number with a fraction or exponent', () => {
  assert.throws(() => new JsonNumber('1.0').bigintValue(), RangeError)
})

test('gives any number its nearest double', () => {
  assert.deepEqual(['0.50', '1e2', '-0', '12345678901234567890'].map((text) => new JsonNumber(text).doubleValue()), [0.5, 100, -0, 12345678901234567000])
})

test('reads a value as text or integer only when it is one, as Jackson’s textValue and bigIntegerValue', () => {
  assert.deepEqual([textOf('a'), textOf(new JsonNumber('1')), textOf(undefined)], ['a', undefined, undefined])
  assert.deepEqual([integerOf(new JsonNumber('3')), integerOf(new JsonNumber('3.0')), integerOf('3')], [3n, undefined, undefined])
})
