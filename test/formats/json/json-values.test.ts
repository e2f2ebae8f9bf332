// Document values as JSON Schema sees them: equality by value, plain values for ajv.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { readJson } from '../../../src/formats/json-document/read.ts'
import { JsonNumber } from '../../../src/formats/json-document/value.ts'
import { jsonEquals, toPlain } from '../../../src/formats/json/json-values.ts'

const read = (text: string) => readJson(text, { maxDepth: 10 })

test('converts to plain values, letting a hook substitute objects', () => {
  const value = read('{"a": 1.5, "b": [true, null, "x"], "__proto__": {"c": 1}}')
  const plain = toPlain(value, (object) => (object.has('c') ? new Map([['c', new JsonNumber('2')]]) : object)) as Record<string, unknown>
  assert.deepEqual(Object.keys(plain), ['a', 'b', '__proto__'])
  assert.equal(plain.a, 1.5)
  assert.deepEqual(plain.b, [true, null, 'x'])
  assert.deepEqual(Object.getOwnPropertyDescriptor(plain, '__proto__')?.value, { c: 2 })
})

test('compares JSON by value: numbers numerically, objects without regard to key order', () => {
  const equal = (a: string, b: string) => jsonEquals(read(a), read(b))
  assert.equal(equal('1', '1.0'), true)
  assert.equal(equal('0.5', '5e-1'), true)
  assert.equal(equal('{"a": 1, "b": [2]}', '{"b": [2.0], "a": 1}'), true)
  assert.equal(equal('[1, 2]', '[2, 1]'), false)
  assert.equal(equal('"1"', '1'), false)
  assert.equal(equal('{"a": null}', '{}'), false)
})
