// The payload glob matcher: `*`, `?`, `**`, `{a,b}` and `[...]`, dot-files skipped, only files returned.

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expandGlob, isGlob } from '../../../src/cli/ci/glob.ts'
import { tempDir } from './run.ts'

const FILES = ['a.jsonl', 'b.json', 'c.txt', '.hidden.jsonl', 'x/d.jsonl', 'x/y/e.jsonl', 'x/y/f1.json', '.git/g.jsonl', 'z.jsonl/h.jsonl']

function tree(): string {
  const root = tempDir()
  for (const file of FILES) {
    mkdirSync(path.join(root, path.dirname(file)), { recursive: true })
    writeFileSync(path.join(root, file), '{}\n')
  }
  return root
}

test('patterns match files segment by segment', async () => {
  const root = tree()
  const match = async (pattern: string) => (await expandGlob(path.join(root, pattern))).map((file) => path.relative(root, file))
  assert.deepEqual(await match('*.jsonl'), ['a.jsonl'])
  assert.deepEqual(await match('*.{json,jsonl}'), ['a.jsonl', 'b.json'])
  assert.deepEqual(await match('**/*.jsonl'), ['a.jsonl', 'x/d.jsonl', 'x/y/e.jsonl', 'z.jsonl/h.jsonl'])
  assert.deepEqual(await match('x/**/f?.json'), ['x/y/f1.json'])
  assert.deepEqual(await match('x/y/[a-e].jsonl'), ['x/y/e.jsonl'])
  assert.deepEqual(await match('x/y/[!e]*'), ['x/y/f1.json'])
  assert.deepEqual(await match('.hidden*'), ['.hidden.jsonl'])
  assert.deepEqual(await match('nowhere/*.jsonl'), [])
})

test('isGlob tells patterns from paths', () => {
  assert.deepEqual(['a/*.json', 'a/?.json', 'a/{b,c}', 'a/[bc]', 'a/b.json'].map(isGlob), [true, true, true, true, false])
})
