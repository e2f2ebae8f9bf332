// The error catalogue: codes start with their HTTP status, and the README's error table lists exactly them.

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { ERROR_CODES } from '../src/errors.ts'

test('every error code starts with its HTTP status', () => {
  for (const [name, { code, status }] of Object.entries(ERROR_CODES)) {
    assert.ok(String(code).startsWith(String(status)), `${name}: ${code} does not start with ${status}`)
  }
})

test('no code is used twice', () => {
  const codes = Object.values(ERROR_CODES).map((e) => e.code)
  assert.equal(new Set(codes).size, codes.length)
})

test("the README's error table lists every code of the catalogue with its status", () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
  const rows = [...readme.matchAll(/^\| (\d{3}) \| (\d+) \| `(\w+)` \|/gm)].map((m) => `${m[3]} ${m[2]} ${m[1]}`)
  const catalogue = Object.entries(ERROR_CODES).map(([name, { code, status }]) => `${name} ${code} ${status}`)
  assert.deepEqual(rows.sort(), catalogue.sort())
})
