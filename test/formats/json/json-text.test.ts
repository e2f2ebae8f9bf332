// Reading and writing schema JSON as Confluent stores it: key order, number spelling, escapes, limits.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ApiError } from '../../../src/errors.ts'
import { jsonEquals, JsonNumber, readJson, toPlain, writeJson } from '../../../src/formats/json/json-text.ts'

const roundTrip = (text: string) => writeJson(readJson(text, 10))

test('keeps numbers exactly as written', () => {
  assert.equal(roundTrip('[1.0, 0.50, -0, 1e2, 1E-7, 12345678901234567890]'), '[1.0,0.50,-0,1e2,1E-7,12345678901234567890]')
})

test('keeps key order, a repeated key at its first position with its last value', () => {
  assert.equal(roundTrip('{"b": 1, "a": {"z": true, "y": null}, "b": 3}'), '{"b":3,"a":{"z":true,"y":null}}')
  assert.equal(roundTrip('{"2": "two", "1": "one"}'), '{"2":"two","1":"one"}')
})

test('sorts keys at every level when asked, by UTF-16 code units', () => {
  const value = readJson('{"b": {"d": 1, "c": [{"y": 1, "x": 2}]}, "a": 1, "B": 0, "é": 2}', 10)
  assert.equal(writeJson(value, true), '{"B":0,"a":1,"b":{"c":[{"x":2,"y":1}],"d":1},"é":2}')
})

test('escapes only quote, backslash and control characters, with upper-case hex', () => {
  assert.equal(roundTrip('"a\\"b\\\\c\\/d\\n\\u001f\\u00e9😀"'), '"a\\"b\\\\c/d\\n\\u001Fé😀"')
})

const rejected: [string, string, RegExp][] = [
  ['a trailing comma', '{"a": 1,}', /line 1, column 9: expected a quoted key/],
  ['a comment', '// x\n{}', /unexpected character '\/'/],
  ['a leading zero', '01', /unexpected content after the document/],
  ['an unterminated string', '"abc', /unterminated string/],
  ['an invalid escape', '"\\x"', /invalid escape '\\x'/],
  ['content after the document', '{} {}', /unexpected content after the document/],
  ['an empty text', '', /unexpected end of input/],
]
for (const [what, text, message] of rejected) {
  test(`rejects ${what} with 42201`, () => {
    assert.throws(() => readJson(text, 10), (error: unknown) => error instanceof ApiError && error.errorCode === 42201 && message.test(error.message))
  })
}

test('rejects nesting deeper than the limit with 42201, and accepts exactly the limit', () => {
  assert.doesNotThrow(() => readJson('{"a": [{}]}', 3))
  assert.throws(() => readJson('{"a": [{}]}', 2), /nested deeper than the limit of 2/)
})

test('names the document in the message when given a label', () => {
  assert.throws(() => readJson('{', 5, "reference 'a.json'"), /Invalid schema: reference 'a.json', invalid JSON at line 1, column 2/)
})

test('converts to plain values, letting a hook substitute objects', () => {
  const value = readJson('{"a": 1.5, "b": [true, null, "x"], "__proto__": {"c": 1}}', 10)
  const plain = toPlain(value, (object) => (object.has('c') ? new Map([['c', new JsonNumber('2')]]) : object)) as Record<string, unknown>
  assert.deepEqual(Object.keys(plain), ['a', 'b', '__proto__'])
  assert.equal(plain.a, 1.5)
  assert.deepEqual(plain.b, [true, null, 'x'])
  assert.deepEqual(Object.getOwnPropertyDescriptor(plain, '__proto__')?.value, { c: 2 })
})

test('compares JSON by value: numbers numerically, objects without regard to key order', () => {
  const equal = (a: string, b: string) => jsonEquals(readJson(a, 10), readJson(b, 10))
  assert.equal(equal('1', '1.0'), true)
  assert.equal(equal('0.5', '5e-1'), true)
  assert.equal(equal('{"a": 1, "b": [2]}', '{"b": [2.0], "a": 1}'), true)
  assert.equal(equal('[1, 2]', '[2, 1]'), false)
  assert.equal(equal('"1"', '1'), false)
  assert.equal(equal('{"a": null}', '{}'), false)
})
