// References: referenced schemas are read first (recursively) and their types are written by name in canonical text.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ApiError } from '../../../src/errors.ts'
import { avroFormat } from '../../../src/formats/avro/index.ts'
import type { ReferencedSchema, ReferenceLookup, SchemaReference } from '../../../src/formats/format.ts'

const stored: Record<string, ReferencedSchema> = {
  'zip/1': { schemaType: 'AVRO', schema: '{"type":"fixed","name":"com.acme.Zip","size":5}', references: [] },
  'address/1': {
    schemaType: 'AVRO',
    schema: '{"type":"record","name":"com.acme.Address","fields":[{"name":"zip","type":"Zip"},{"name":"geo","type":{"type":"record","name":"Geo","fields":[]}}]}',
    references: [{ name: 'com.acme.Zip', subject: 'zip', version: 1 }],
  },
  'json/1': { schemaType: 'JSON', schema: '{"type":"object"}', references: [] },
}
const lookup: ReferenceLookup = (ref) => stored[`${ref.subject}/${ref.version}`]
const address: SchemaReference = { name: 'com.acme.Address', subject: 'address', version: 1 }
const user = '{"type":"record","name":"com.acme.User","fields":[{"name":"home","type":"Address"},{"name":"work","type":["null","com.acme.Address"]}]}'

const rejects = (text: string, references: SchemaReference[], message: RegExp) =>
  assert.throws(
    () => avroFormat.parse(text, references, lookup),
    (error: unknown) => error instanceof ApiError && error.errorCode === 42201 && message.test(error.message),
  )

test('canonical text writes a referenced type by name, relative to the namespace', () => {
  const schema = avroFormat.parse(user, [address], lookup)
  assert.equal(schema.canonical, '{"type":"record","name":"User","namespace":"com.acme","fields":[{"name":"home","type":"Address"},{"name":"work","type":["null","Address"]}]}')
  assert.deepEqual(schema.references, [address])
})

test('nested references are resolved: a referenced schema uses the types of its own references', () => {
  const schema = avroFormat.parse('{"type":"array","items":"com.acme.Address"}', [address], lookup)
  assert.equal(schema.canonical, '{"type":"array","items":"com.acme.Address"}')
})

test('a schema may be just the name of a referenced type', () => {
  assert.equal(avroFormat.parse('"com.acme.Address"', [address], lookup).canonical, '"com.acme.Address"')
})

test('only the references’ top-level types are written by name; their nested types are written in full', () => {
  const schema = avroFormat.parse('{"type":"record","name":"com.acme.Place","fields":[{"name":"at","type":"Geo"},{"name":"of","type":"Address"}]}', [address], lookup)
  assert.equal(schema.canonical, '{"type":"record","name":"Place","namespace":"com.acme","fields":[{"name":"at","type":{"type":"record","name":"Geo","fields":[]}},{"name":"of","type":"Address"}]}')
})

test('rendering as resolved inlines referenced types at their first use', () => {
  const schema = avroFormat.parse(user, [address], lookup)
  assert.equal(
    avroFormat.render?.(schema, 'resolved'),
    '{"type":"record","name":"User","namespace":"com.acme","fields":[{"name":"home","type":{"type":"record","name":"Address","fields":[{"name":"zip","type":{"type":"fixed","name":"Zip","size":5}},{"name":"geo","type":{"type":"record","name":"Geo","fields":[]}}]}},{"name":"work","type":["null","Address"]}]}',
  )
})

test('rendering in any other output format is left to the canonical text', () => {
  const schema = avroFormat.parse(user, [address], lookup)
  assert.equal(avroFormat.render?.(schema, 'serialized'), undefined)
})

test('rejects a missing reference with 42201', () => {
  rejects(user, [{ name: 'com.acme.Address', subject: 'address', version: 9 }], /^Invalid schema: reference 'com\.acme\.Address' \(subject 'address', version 9\) not found$/)
})

test('rejects a missing nested reference with 42201', () => {
  const broken: ReferenceLookup = (ref) => (ref.subject === 'zip' ? undefined : lookup(ref))
  assert.throws(() => avroFormat.parse(user, [address], broken), /reference 'com\.acme\.Zip' \(subject 'zip', version 1\) not found/)
})

test('rejects a type that is used but neither defined nor referenced with 42201', () => {
  rejects(user, [], /field 'home': unknown type 'Address'/)
})

test('rejects a reference to a schema of another type with 42201', () => {
  rejects(user, [{ name: 'x', subject: 'json', version: 1 }], /reference 'x' \(subject 'json', version 1\) is a JSON schema/)
})

test('rejects an invalid referenced schema with 42201 naming the reference', () => {
  const bad: ReferenceLookup = () => ({ schemaType: 'AVRO', schema: '{"type":"record","name":"B","fields":[{"name":"a","type":"Nope"}]}', references: [] })
  assert.throws(() => avroFormat.parse('"B"', [{ name: 'B', subject: 'b', version: 1 }], bad), {
    message: "Invalid schema: reference 'B' (subject 'b', version 1), field 'a': unknown type 'Nope'",
  })
})

test('a reference reached twice is read once', () => {
  const seen: string[] = []
  const counting: ReferenceLookup = (ref) => {
    seen.push(ref.subject)
    return lookup(ref)
  }
  avroFormat.parse(user, [address, { name: 'com.acme.Zip', subject: 'zip', version: 1 }], counting)
  assert.deepEqual(seen, ['address', 'zip'])
})
