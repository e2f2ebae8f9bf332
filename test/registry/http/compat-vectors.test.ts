// A sample of the compatibility vectors of all three formats through the REST API: the writer is
// registered, then the reader is tested against it under BACKWARD, and the verdict must match the vector.

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { testApp } from '../../support/registry.ts'

const fixture = (path: string) => JSON.parse(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8'))

interface Sample {
  readonly name: string
  readonly schemaType: 'AVRO' | 'JSON' | 'PROTOBUF'
  readonly writer: string
  readonly reader: string
  readonly compatible: boolean
}

const every = <T>(items: T[], n: number) => items.filter((_, i) => i % n === 0)
const text = (s: unknown) => (typeof s === 'string' ? s : JSON.stringify(s))

const avro: Sample[] = every(fixture('avro/compatibility-cases.json').pairs as unknown[][], 7)
  .map((row) => ({
    name: String(row[0]),
    schemaType: 'AVRO' as const,
    reader: JSON.stringify(row[4]),
    writer: JSON.stringify(row[5]),
    compatible: row[3] as boolean,
  }))

const json: Sample[] = [
  'diff-schema-examples.json',
  'diff-schema-examples-2020-12.json',
  'diff-combined-schema-examples.json',
  'diff-combined-schema-examples-2020-12.json',
].flatMap((file) =>
  every(fixture(`json/${file}`).cases, 6).map((c: any, i: number) => ({
    name: `${file} #${i * 6}: ${c.description}`,
    schemaType: 'JSON' as const,
    writer: text(c.original),
    reader: text(c.update),
    compatible: c.compatible,
  })),
)

const protobuf: Sample[] = every(
  fixture('protobuf/confluent-diff-cases.json').cases.filter(
    (c: any) => typeof c.original === 'string' && typeof c.update === 'string' && !c.originalReferences && !c.updateReferences,
  ),
  3,
).map((c: any) => ({ name: `${c.upstream}: ${c.description}`, schemaType: 'PROTOBUF' as const, writer: c.original, reader: c.update, compatible: c.compatible }))

for (const sample of [...avro, ...json, ...protobuf]) {
  test(`${sample.schemaType} ${sample.name}: reader <- writer is ${sample.compatible ? 'compatible' : 'incompatible'} over HTTP`, async () => {
    const t = await testApp()
    const reg = await t.call('POST', '/subjects/s/versions', { schemaType: sample.schemaType, schema: sample.writer })
    assert.equal(reg.status, 200, reg.raw)
    const res = await t.call('POST', '/compatibility/subjects/s/versions/latest', { schemaType: sample.schemaType, schema: sample.reader })
    assert.equal(res.status, 200, res.raw)
    assert.equal(res.body.is_compatible, sample.compatible)
  })
}

test('the sample covers every format', () => {
  assert.ok(avro.length >= 20 && json.length >= 40 && protobuf.length >= 10, `${avro.length} ${json.length} ${protobuf.length}`)
})
