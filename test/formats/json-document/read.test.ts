// Reading JSON into the shared document model: spelling and key order kept, comments on request, 42201 errors.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ApiError } from '../../../src/errors.ts'
import { readJson, readJsonPrefix } from '../../../src/formats/json-document/read.ts'
import type { ReadOptions } from '../../../src/formats/json-document/read.ts'
import { JsonNumber } from '../../../src/formats/json-document/value.ts'

test('keeps each number as written', () => {
  assert.deepEqual(
    readJson('[1.0, 0.50, -0, 1e2, 1E-7, 12345678901234567890]', { maxDepth: 1 }),
    ['1.0', '0.50', '-0', '1e2', '1E-7', '12345678901234567890'].map((text) => new JsonNumber(text)),
  )
})

test('keeps object keys in order, a repeated key at its first position with its last value', () => {
  assert.deepEqual([...(readJson('{"b": 1, "a": {"z": true, "y": null}, "b": 3}', { maxDepth: 2 }) as Map<string, unknown>)], [
    ['b', new JsonNumber('3')],
    ['a', new Map<string, unknown>([['z', true], ['y', null]])],
  ])
})

test('reads escapes, including surrogate pairs', () => {
  assert.equal(readJson('"a\\n\\u00e9\\ud83d\\ude00\\/"', { maxDepth: 0 }), 'a\né😀/')
})

test('skips comments between tokens when comments are allowed', () => {
  const text = '// head\n[ /* one */ 1, // two\n 2 ] /* tail */'
  assert.deepEqual(readJson(text, { maxDepth: 1, comments: true }), [new JsonNumber('1'), new JsonNumber('2')])
})

const rejectsWith = (message: RegExp) => (error: unknown) =>
  error instanceof ApiError && error.errorCode === 42201 && message.test(error.message)

const rejected: [string, string, RegExp, Partial<ReadOptions>?][] = [
  ['a trailing comma in an array', '[1,]', /line 1, column 4: unexpected character '\]'/],
  ['a trailing comma in an object', '{"a": 1,}', /line 1, column 9: expected a quoted key/],
  ['a comment, unless allowed', '// x\n{}', /line 1, column 1: unexpected character '\/'/],
  ['an unterminated comment', '/* x', /line 1, column 1: unterminated comment/, { comments: true }],
  ['a leading zero', '01', /line 1, column 2: unexpected content after the document/],
  ['content after the document', '{} {}', /line 1, column 4: unexpected content after the document/],
  ['an empty text', '', /unexpected end of input/],
  ['an unclosed object', '{"a": 1', /line 1, column 8: unexpected end of input/],
  ['an unescaped control character', '"a\tb"', /unescaped control character in string/],
  ['an invalid escape', '"\\x"', /invalid escape '\\x'/],
  ['an invalid \\u escape', '"\\u12g4"', /invalid \\u escape/],
  ['an unterminated string', '"abc', /unterminated string/],
  ['a single-quoted key', "{'a': 1}", /expected a quoted key/],
  ['a bare word', 'nul', /unexpected character 'n'/],
  ['a position on a later line', '{\n  "a": tru\n}', /line 2, column 8/],
]

for (const [what, text, message, options] of rejected) {
  test(`rejects ${what} with 42201`, () => {
    assert.throws(() => readJson(text, { maxDepth: 10, ...options }), rejectsWith(message))
  })
}

test('rejects nesting deeper than the limit with 42201, and accepts exactly the limit', () => {
  assert.doesNotThrow(() => readJson('{"a": [{}]}', { maxDepth: 3 }))
  assert.throws(() => readJson('{"a": [{}]}', { maxDepth: 2 }), rejectsWith(/line 1, column 8: the document is nested deeper than the limit of 2/))
})

test('words the depth error as the caller asks', () => {
  const tooDeep = (limit: number) => `more than ${limit} levels`
  assert.throws(() => readJson('[[[]]]', { maxDepth: 2, tooDeep }), rejectsWith(/^Invalid schema: invalid JSON at line 1, column 3: more than 2 levels$/))
})

test('names the document in the message when given a label', () => {
  const label = "reference 'a.json'"
  assert.throws(() => readJson('{', { maxDepth: 5, label }), rejectsWith(/^Invalid schema: reference 'a\.json', invalid JSON at line 1, column 2: expected a quoted key$/))
})

test('reads only the document a text starts with when asked, returning where it ends', () => {
  assert.deepEqual(readJsonPrefix(' {"a": 1} // x', { maxDepth: 1, comments: true }), { value: new Map([['a', new JsonNumber('1')]]), end: 9 })
})
