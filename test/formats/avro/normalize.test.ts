// normalize=true: Confluent's normalized form (AvroSchemaUtils.toNormalizedString), read again and stored canonically.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ApiError } from '../../../src/errors.ts'
import { avroFormat } from '../../../src/formats/avro/index.ts'
import type { ReferenceLookup, SchemaReference } from '../../../src/formats/format.ts'

const normalized = (text: string, references: SchemaReference[] = [], lookup: ReferenceLookup = () => undefined) =>
  avroFormat.parse(text, references, lookup, { normalize: true })

const cases: [string, string, string][] = [
  ['sorts props and aliases, drops an empty type doc and keeps an empty field doc',
    '{"type":"record","name":"R","namespace":"n","doc":"","aliases":["Z","A"],"fields":[{"name":"a","type":{"type":"fixed","name":"F","size":2},"aliases":["y","x"],"doc":""}],"zz":1,"aa":2}',
    '{"type":"record","name":"R","namespace":"n","fields":[{"name":"a","type":{"type":"fixed","name":"F","size":2},"doc":"","aliases":["x","y"]}],"aa":2,"zz":1,"aliases":["A","Z"]}'],
  ['writes a valid logical type’s attributes first, then the other props sorted',
    '{"type":"bytes","x":1,"scale":2,"precision":5,"logicalType":"decimal"}', '{"type":"bytes","logicalType":"decimal","precision":5,"scale":2,"x":1}'],
  ['leaves out an absent decimal scale', '{"type":"bytes","precision":5,"logicalType":"decimal"}', '{"type":"bytes","logicalType":"decimal","precision":5}'],
  ['sorts an invalid logical type with the other props', '{"type":"string","logicalType":"date","a":1}', '{"type":"string","a":1,"logicalType":"date"}'],
  ['sorts the keys of object values', '{"type":"int","meta":{"b":[{"d":1,"c":2}],"a":null}}', '{"type":"int","meta":{"a":null,"b":[{"c":2,"d":1}]}}'],
  ['converts defaults through the field type as Avro Java does',
    '{"type":"record","name":"R","fields":[{"name":"m","type":{"type":"map","values":"int"},"default":{"b":1,"a":2}},{"name":"d","type":"double","default":1},{"name":"f","type":"float","default":0.1},{"name":"u","type":["null","string"],"default":"x"},{"name":"v","type":["string","null"],"default":"x"},{"name":"b","type":"bytes","default":"\\u0100A"}]}',
    '{"type":"record","name":"R","fields":[{"name":"m","type":{"type":"map","values":"int"},"default":{"a":2,"b":1}},{"name":"d","type":"double"},{"name":"f","type":"float","default":0.1},{"name":"u","type":["null","string"]},{"name":"v","type":["string","null"],"default":"x"},{"name":"b","type":"bytes","default":"?A"}]}'],
  ['turns an error type into a record and moves a null-namespace type into the enclosing namespace',
    '{"type":"error","name":"n.E","fields":[{"name":"a","type":{"type":"fixed","name":"F","namespace":"","size":1}}]}',
    '{"type":"record","name":"E","namespace":"n","fields":[{"name":"a","type":{"type":"fixed","name":"F","size":1}}]}'],
  ['keeps field order, docs, non-ascending orders and enum defaults',
    '{"type":"record","name":"R","fields":[{"name":"b","type":{"type":"enum","name":"E","symbols":["X","Y"],"default":"Y"},"doc":"B","order":"ignore"},{"name":"a","type":"E"}]}',
    '{"type":"record","name":"R","fields":[{"name":"b","type":{"type":"enum","name":"E","symbols":["X","Y"],"default":"Y"},"doc":"B","order":"ignore"},{"name":"a","type":"E"}]}'],
]

for (const [behaviour, input, expected] of cases) {
  test(`normalization ${behaviour}`, () => {
    assert.equal(normalized(input).canonical, expected)
  })
}

test('schemas that differ only in prop order, alias order and spacing normalize to the same text', () => {
  const a = normalized('{"type":"fixed","name":"F","size":1,"aliases":["B","A"],"x":1,"y":2}')
  const b = normalized('{ "y": 2, "x": 1, "aliases": ["A", "B"], "size": 1, "name": "F", "type": "fixed" }')
  assert.equal(a.canonical, b.canonical)
})

test('schemas that differ in a doc stay different after normalization', () => {
  assert.notEqual(normalized('{"type":"fixed","name":"F","size":1,"doc":"x"}').canonical, normalized('{"type":"fixed","name":"F","size":1}').canonical)
})

test('normalizing twice changes nothing more', () => {
  for (const [, input] of cases) assert.equal(normalized(normalized(input).canonical).canonical, normalized(input).canonical)
})

test('normalization sorts references by subject then version and drops repeated ones', () => {
  const lookup: ReferenceLookup = (ref) => ({ schemaType: 'AVRO', schema: `{"type":"fixed","name":"${ref.name}","size":1}`, references: [] })
  const a = { name: 'A', subject: 'a', version: 2 }
  const b = { name: 'B', subject: 'b', version: 1 }
  const a1 = { name: 'A1', subject: 'a', version: 1 }
  const schema = normalized('{"type":"record","name":"R","fields":[{"name":"x","type":["A","B","A1"]}]}', [b, a, a1, b], lookup)
  assert.deepEqual(schema.references, [a1, a, b])
  assert.equal(schema.canonical, '{"type":"record","name":"R","fields":[{"name":"x","type":["A","B","A1"]}]}')
})

test('rejects with 42201 a default that Confluent cannot normalize', () => {
  assert.throws(
    () => normalized('{"type":"record","name":"R","fields":[{"name":"a","type":["null",{"type":"array","items":"int"}],"default":[1]}]}'),
    (error: unknown) => error instanceof ApiError && error.errorCode === 42201 && /cannot normalize the default of field 'a'/.test(error.message),
  )
})
