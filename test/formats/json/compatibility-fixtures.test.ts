// Confluent's own JSON Schema diff vectors (restated in test/fixtures/json/, see each file's `source`): every
// case must give exactly the upstream differences, compared as multisets, and the upstream verdicts.

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { diffJsonSchemas, jsonFormat } from '../../../src/formats/json/index.ts'
import type { JsonSchema } from '../../../src/formats/json/index.ts'

interface DiffCase {
  readonly description: string
  readonly original: unknown
  readonly update: unknown
  readonly changes: readonly string[]
  readonly compatible: boolean
  readonly compatibleLenient?: boolean
}

const fixture = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../../fixtures/json/${name}`, import.meta.url), 'utf8')) as T
const parse = (schema: unknown): JsonSchema => jsonFormat.parse(JSON.stringify(schema), [], () => undefined)
const sorted = (list: readonly string[]) => [...list].sort()

const FILES = [
  'diff-schema-examples.json',
  'diff-schema-examples-2020-12.json',
  'diff-combined-schema-examples.json',
  'diff-combined-schema-examples-2020-12.json',
]

for (const file of FILES) {
  describe(file, () => {
    fixture<{ cases: DiffCase[] }>(file).cases.forEach((c, i) => {
      test(`#${i} ${c.description}`, () => {
        const original = parse(c.original)
        const update = parse(c.update)
        const found = diffJsonSchemas(original, update).map((d) => `${d.type} ${d.path}`)
        assert.deepEqual(sorted(found), sorted(c.changes))
        assert.equal(jsonFormat.checkReadable(update, original).length === 0, c.compatible, 'STRICT verdict')
        const lenient = jsonFormat.checkReadable(update, original, { policy: 'LENIENT' }).length === 0
        assert.equal(lenient, c.compatibleLenient ?? c.compatible, 'LENIENT verdict')
      })
    })
  })
}

test('a recursive schema diffed against itself terminates with no differences', () => {
  const { schema } = fixture<{ schema: unknown }>('recursive-schema.json')
  assert.deepEqual(diffJsonSchemas(parse(schema), parse(schema)), [])
  assert.deepEqual(diffJsonSchemas(parse(schema), parse(schema), 'LENIENT'), [])
})
