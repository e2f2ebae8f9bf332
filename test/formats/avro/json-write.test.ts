// Writing JSON as Avro Java's Jackson generator does: Java number formatting and Jackson's string escaping.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { javaDouble, javaFloat, quote } from '../../../src/formats/avro/json-write.ts'

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

test('escapes quotes, backslashes and control characters only, with upper-case hex', () => {
  assert.equal(quote('"a\\b"\b\f\n\r\t\u0001\u001f/é\u2028'), '"\\"a\\\\b\\"\\b\\f\\n\\r\\t\\u0001\\u001F/é\u2028"')
})
