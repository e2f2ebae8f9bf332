// Reading schema JSON as Avro Java's Jackson parser does: number kinds, repeated keys, comments, limits.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { JsonFloat, JsonInteger, readJson } from '../../../src/formats/avro/json-read.ts'

test('tells integers from other numbers, whatever their size', () => {
  assert.deepEqual(readJson('[1, -0, 12345678901234567890, 1.0, 1e2, -0.5]', 10), [
    new JsonInteger(1n),
    new JsonInteger(0n),
    new JsonInteger(12345678901234567890n),
    new JsonFloat(1),
    new JsonFloat(100),
    new JsonFloat(-0.5),
  ])
})

test('keeps object keys in order, a repeated key at its first position with its last value', () => {
  assert.deepEqual([...(readJson('{"b": 1, "a": 2, "b": 3}', 10) as Map<string, unknown>)], [
    ['b', new JsonInteger(3n)],
    ['a', new JsonInteger(2n)],
  ])
})

test('reads escapes, including surrogate pairs', () => {
  assert.equal(readJson('"a\\n\\u00e9\\ud83d\\ude00\\/"', 1), 'a\né😀/')
})

test('skips comments between tokens', () => {
  assert.deepEqual(readJson('// head\n[ /* one */ 1, // two\n 2 ]', 2), [new JsonInteger(1n), new JsonInteger(2n)])
})

const rejected: [string, string, RegExp][] = [
  ['a trailing comma', '[1,]', /line 1, column 4: unexpected character '\]'/],
  ['a leading zero', '01', /unexpected content after the schema/],
  ['an unescaped control character', '"a\tb"', /unescaped control character/],
  ['an invalid escape', '"\\x"', /invalid escape '\\x'/],
  ['an unterminated string', '"abc', /unterminated string/],
  ['an unterminated comment', '/* x', /unterminated comment/],
  ['a single-quoted string', "{'a': 1}", /expected a quoted key/],
  ['containers deeper than the limit', '[[[]]]', /line 1, column 3: schema nesting is deeper than the limit of 2/],
  ['a position on a later line', '{\n  "a": tru\n}', /line 2, column 8/],
]

for (const [what, text, message] of rejected) {
  test(`rejects ${what} with 42201`, () => {
    assert.throws(() => readJson(text, 2), (error: { errorCode?: number; message?: string }) => error.errorCode === 42201 && message.test(error.message ?? ''))
  })
}
