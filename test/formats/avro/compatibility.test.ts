// Avro Java's reader/writer compatibility check, case by case: the 177 pairs of the project's fixture table
// (restated from the shared compatibility vectors) must match on verdict, types, messages and Avro 1.12 locations.

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { avroFormat } from '../../../src/formats/avro/index.ts'

type Expected = [type: string, location: string, message: string, locationAvro111?: string]
type PairCase = [id: string, source: string, description: string, compatible: boolean, reader: unknown, writer: unknown, incompatibilities: Expected[], note: string]

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/avro/compatibility-cases.json', import.meta.url), 'utf8')) as { pairs: PairCase[] }
const parse = (schema: unknown) => avroFormat.parse(JSON.stringify(schema), [], () => undefined)

for (const [id, , description, compatible, reader, writer, expected] of fixture.pairs) {
  test(`${id} reader <- writer: ${description}`, () => {
    const found = avroFormat.checkReadable(parse(reader), parse(writer))
    assert.deepEqual(
      { compatible: found.length === 0, incompatibilities: found.map((i) => [i.type, i.path, i.message]) },
      { compatible, incompatibilities: expected.map(([type, location, message]) => [type, location, message]) },
    )
  })
}

test('a reader field whose name and alias both match writer fields becomes one unexpected-exception incompatibility', () => {
  const reader = parse({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'int', aliases: ['b'] }] })
  const writer = parse({ type: 'record', name: 'R', fields: [{ name: 'a', type: 'int' }, { name: 'b', type: 'int' }] })
  const found = avroFormat.checkReadable(reader, writer)
  assert.equal(found.length, 1)
  assert.equal(found[0].type, 'UNEXPECTED_EXCEPTION')
  assert.match(found[0].message, /^Unexpected exception during compatibility check: reader field 'a' matches 2 fields/)
})

test('a recursive record read by itself terminates and is compatible', () => {
  const list = { type: 'record', name: 'Node', fields: [{ name: 'next', type: ['null', 'Node'] }, { name: 'value', type: 'long' }] }
  assert.deepEqual(avroFormat.checkReadable(parse(list), parse(list)), [])
})

test('types from references take part in the check like inline ones', () => {
  const lookup = (ref: { subject: string }) =>
    ref.subject === 'old-address'
      ? { schemaType: 'AVRO' as const, schema: '{"type":"record","name":"Address","fields":[{"name":"zip","type":"int"}]}', references: [] }
      : { schemaType: 'AVRO' as const, schema: '{"type":"record","name":"Address","fields":[{"name":"zip","type":"string"}]}', references: [] }
  const schema = '{"type":"record","name":"User","fields":[{"name":"address","type":"Address"}]}'
  const reader = avroFormat.parse(schema, [{ name: 'Address', subject: 'new-address', version: 1 }], lookup)
  const writer = avroFormat.parse(schema, [{ name: 'Address', subject: 'old-address', version: 1 }], lookup)
  assert.deepEqual(avroFormat.checkReadable(reader, writer), [
    { type: 'TYPE_MISMATCH', path: '/fields/0/type/fields/0/type', message: 'reader type: STRING not compatible with writer type: INT' },
  ])
})
