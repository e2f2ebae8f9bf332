// Writing JSON as Avro Java's Jackson generator does: integers as digits, other numbers in Java's formatting.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { javaDouble, javaFloat, writeJackson } from '../../../src/formats/avro/json-write.ts'
import { readJson } from '../../../src/formats/json-document/read.ts'

test('writes a number written as an integer as digits, any other as a Java double', () => {
  const value = readJson('[1, -0, 12345678901234567890, 1.0, 1e2, -0.5, 1.50]', { maxDepth: 1 })
  assert.equal(writeJackson(value), '[1,0,12345678901234567890,1.0,100.0,-0.5,1.5]')
})

const doubles: [number, string][] = [
  [0, '0.0'],
  [-0, '-0.0'],
  [1.5, '1.5'],
  [100, '100.0'],
  [0.001, '0.001'],
  [0.00099, '9.9E-4'],
  [9999999, '9999999.0'],
  [1e7, '1.0E7'],
  [-1.25e-7, '-1.25E-7'],
  [123456.789, '123456.789'],
  [Number.NaN, '"NaN"'],
  [Number.NEGATIVE_INFINITY, '"-Infinity"'],
]

for (const [value, text] of doubles) {
  test(`writes the double ${value} as Java does: ${text}`, () => {
    assert.equal(javaDouble(value), text)
  })
}

const floats: [number, string][] = [
  [0.1, '0.1'],
  [1 / 3, '0.33333334'],
  [16777216, '1.6777216E7'],
  [3.4028234663852886e38, '3.4028235E38'],
  [-2, '-2.0'],
]

for (const [value, text] of floats) {
  test(`writes the float nearest ${value} as Java does: ${text}`, () => {
    assert.equal(javaFloat(value), text)
  })
}
