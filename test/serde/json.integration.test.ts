// The JSON Schema serializer and deserializer against a running registry: the bytes (header plus JSON text),
// validation before writing and on request after reading, record names from `title`, and the errors.

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { RegistryClient } from '../../src/serde/client.ts'
import { JsonDeserializer, JsonSerializer } from '../../src/serde/json.ts'
import { frame, readSchemaId } from '../../src/serde/wire-format.ts'
import { registryServer } from '../support/registry.ts'
import { fails } from './support/fails.ts'
import type { RegistryServer } from '../support/registry.ts'

let registry: RegistryServer
let client: RegistryClient

before(async () => {
  registry = await registryServer()
  client = new RegistryClient({ baseUrls: registry.url })
})

after(() => registry.close())

const person = JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Person',
  type: 'object',
  properties: {
    name: { type: 'string' },
    age: { type: 'integer', minimum: 0 },
    tags: { type: 'array', items: { type: 'string' } },
    address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    nickname: { type: ['string', 'null'] },
  },
  required: ['name', 'age'],
})
const ada = { name: 'Ada', age: 36, tags: ['math'], address: { city: 'London' }, nickname: null }

test('a value is written as the header and its JSON text, and read back', async () => {
  const bytes = await new JsonSerializer(client, { schema: person }).serialize('json-people', ada)
  const id = (await client.getLatestVersion('json-people-value')).id
  assert.deepEqual(bytes, frame(id, Buffer.from(JSON.stringify(ada))))
  assert.deepEqual(await new JsonDeserializer(client).deserialize('json-people', bytes), ada)
  const unicode = { name: 'Zoë ☃', age: 1 }
  assert.deepEqual(await new JsonDeserializer(client).deserialize('json-people', await new JsonSerializer(client, { schema: person }).serialize('json-people', unicode)), unicode)
})

test('a value that breaks the schema is refused before writing, naming where; validate: false writes it', async () => {
  const serializer = new JsonSerializer(client, { schema: person })
  await assert.rejects(serializer.serialize('json-people', { name: 'Ada', age: -1 }), fails('INVALID_VALUE', /'\/age' must be >= 0/))
  await assert.rejects(serializer.serialize('json-people', { age: 3 }), fails('INVALID_VALUE', /the value must have required property 'name'/))
  const lax = new JsonSerializer(client, { schema: person, validate: false })
  assert.deepEqual(await new JsonDeserializer(client).deserialize('json-people', await lax.serialize('json-people', { age: -1 })), { age: -1 })
})

test('reading validates only on request', async () => {
  const bytes = await new JsonSerializer(client, { schema: person, validate: false }).serialize('json-people', { name: 7, age: 1 })
  assert.deepEqual(await new JsonDeserializer(client).deserialize('json-people', bytes), { name: 7, age: 1 })
  await assert.rejects(new JsonDeserializer(client, { validate: true }).deserialize('json-people', bytes), fails('INVALID_PAYLOAD', /'\/name' must be string/))
})

test('RecordName strategies use the title; useLatestVersion writes with the latest version', async () => {
  await new JsonSerializer(client, { schema: person, subjectNameStrategy: 'RecordName' }).serialize('any', ada)
  assert.equal((await client.getLatestVersion('Person')).subject, 'Person')
  const latest = await new JsonSerializer(client, { useLatestVersion: true }).serialize('json-people', ada)
  assert.equal(readSchemaId(latest), (await client.getLatestVersion('json-people-value')).id)
  await assert.rejects(
    new JsonSerializer(client, { schema: '{"type": "object"}', subjectNameStrategy: 'TopicRecordName' }).serialize('t', {}),
    fails('INVALID_SCHEMA', /TopicRecordNameStrategy needs a record name/),
  )
})

test('bad values and payloads are named', async () => {
  const serializer = new JsonSerializer(client, { schema: '{"type": "object"}' })
  await assert.rejects(serializer.serialize('json-any', { n: 1n }), fails('INVALID_VALUE', /cannot be written as JSON.*BigInt/))
  const id = readSchemaId(await serializer.serialize('json-any', {}))
  const deserializer = new JsonDeserializer(client)
  await assert.rejects(deserializer.deserialize('json-any', frame(id, Buffer.from('{"a":'))), fails('INVALID_PAYLOAD', /schema id \d+ is not JSON/))
  await assert.rejects(deserializer.deserialize('json-any', Buffer.from('{"a":1}')), fails('UNKNOWN_MAGIC_BYTE', /plain JSON/))
  const avroId = await client.register('json-avro-value', { schema: '"string"' })
  await assert.rejects(deserializer.deserialize('json-any', frame(avroId, Buffer.from('"x"'))), fails('INVALID_SCHEMA', /is a AVRO schema/))
  assert.throws(() => new JsonSerializer(client, { schema: { schema: '"string"' } }), fails('CONFIG', /a AVRO schema was given to a JSON serializer/))
})

test('the synchronous path after the first call', async () => {
  const serializer = new JsonSerializer(client, { schema: person })
  const deserializer = new JsonDeserializer(client)
  assert.throws(() => serializer.serializeSync('json-sync', ada), fails('NOT_CACHED', /json-sync/))
  const bytes = await serializer.serialize('json-sync', ada)
  assert.deepEqual(serializer.serializeSync('json-sync', ada), bytes)
  assert.throws(() => deserializer.deserializeSync('json-sync', bytes), fails('NOT_CACHED', /schema id/))
  await deserializer.deserialize('json-sync', bytes)
  assert.deepEqual(deserializer.deserializeSync('json-sync', bytes), ada)
})

test('ids whose header bytes reach 0x80 are framed the same way', async () => {
  const put = (method: string, path: string, body: unknown) =>
    fetch(`${registry.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  assert.equal((await put('PUT', '/mode/json-high-id-value', { mode: 'IMPORT' })).status, 200)
  for (const id of [0xc8, 0x8000]) {
    assert.equal((await put('POST', '/subjects/json-high-id-value/versions', { schema: person, schemaType: 'JSON', id })).status, 200)
    const bytes = await new JsonSerializer(client, { useSchemaId: id }).serialize('json-high-id', { ...ada, name: 'Zoë' })
    assert.deepEqual(bytes, frame(id, Buffer.from(JSON.stringify({ ...ada, name: 'Zoë' }))))
  }
})
