// Writing the shared document model as compact JSON: spelling and key order kept, Jackson's string escaping.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { readJson } from '../../../src/formats/json-document/read.ts'
import { quote, writeJson } from '../../../src/formats/json-document/write.ts'

const roundTrip = (text: string) => writeJson(readJson(text, { maxDepth: 10 }))

test('writes numbers exactly as they were written', () => {
  assert.equal(roundTrip('[1.0, 0.50, -0, 1e2, 1E-7, 12345678901234567890]'), '[1.0,0.50,-0,1e2,1E-7,12345678901234567890]')
})

test('keeps key order, a repeated key at its first position with its last value', () => {
  assert.equal(roundTrip('{"b": 1, "a": {"z": true, "y": null}, "b": 3}'), '{"b":3,"a":{"z":true,"y":null}}')
  assert.equal(roundTrip('{"2": "two", "1": "one"}'), '{"2":"two","1":"one"}')
})

test('sorts keys at every level when asked, by UTF-16 code units', () => {
  const value = readJson('{"b": {"d": 1, "c": [{"y": 1, "x": 2}]}, "a": 1, "B": 0, "é": 2}', { maxDepth: 10 })
  assert.equal(writeJson(value, { sortKeys: true }), '{"B":0,"a":1,"b":{"c":[{"x":2,"y":1}],"d":1},"é":2}')
})

test('writes numbers as the caller renders them when asked', () => {
  const value = readJson('{"a": [1, 2.50]}', { maxDepth: 10 })
  assert.equal(writeJson(value, { number: (number) => `<${number.text}>` }), '{"a":[<1>,<2.50>]}')
})

test('escapes quotes, backslashes and control characters only, with upper-case hex', () => {
  assert.equal(quote('"a\\b"\b\f\n\r\t\u0001\u001f/é\u2028😀'), '"\\"a\\\\b\\"\\b\\f\\n\\r\\t\\u0001\\u001F/é\u2028😀"')
  assert.equal(roundTrip('"a\\"b\\\\c\\/d\\n\\u001f\\u00e9😀"'), '"a\\"b\\\\c/d\\n\\u001Fé😀"')
})
