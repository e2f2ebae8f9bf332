// The Avro serializer and deserializer against a running registry: Confluent's options (auto-registration,
// lookup, latest version, fixed id, normalization, key mode, subject name strategies), schema evolution with a
// reader schema, 64-bit longs, the synchronous path, and the errors a user meets.

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { AvroDeserializer, AvroSerializer } from '../../src/serde/avro.ts'
import { RegistryClient } from '../../src/serde/client.ts'
import { SerdeError } from '../../src/serde/errors.ts'
import { readSchemaId } from '../../src/serde/wire-format.ts'
import { countingFetch } from './support/counting-fetch.ts'
import { registryServer } from '../support/registry.ts'
import { fails } from './support/fails.ts'
import type { RegistryServer } from '../support/registry.ts'
import { waitFor } from './support/wait.ts'

let registry: RegistryServer
let client: RegistryClient

before(async () => {
  registry = await registryServer()
  client = new RegistryClient({ baseUrls: registry.url })
})

after(() => registry.close())

const order = {
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'customer', type: { type: 'record', name: 'Customer', fields: [{ name: 'name', type: 'string' }, { name: 'vip', type: 'boolean' }] } },
    { name: 'lines', type: { type: 'array', items: { type: 'record', name: 'Line', fields: [{ name: 'sku', type: 'string' }, { name: 'qty', type: 'int' }] } } },
    { name: 'labels', type: { type: 'map', values: 'string' } },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID', 'SHIPPED'] } },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'total', type: 'double' },
  ],
}
const orderValue = {
  id: 'o-1',
  customer: { name: 'Ada', vip: true },
  lines: [{ sku: 'a', qty: 2 }, { sku: 'b', qty: 1 }],
  labels: { channel: 'web' },
  status: 'PAID',
  note: null,
  total: 12.5,
}
const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown

test('a record with nested records, arrays, maps, enums and nullable unions round-trips, auto-registered', async () => {
  const serializer = new AvroSerializer(client, { schema: JSON.stringify(order) })
  const bytes = await serializer.serialize('avro-orders', orderValue)
  const latest = await client.getLatestVersion('avro-orders-value')
  assert.equal(readSchemaId(bytes), latest.id)
  const back = await new AvroDeserializer(client).deserialize('avro-orders', bytes)
  assert.deepEqual(plain(back), orderValue)
  assert.deepEqual(plain(await new AvroDeserializer(client).deserialize('avro-orders', await serializer.serialize('avro-orders', { ...orderValue, note: 'fragile' }))), {
    ...orderValue,
    note: 'fragile',
  })
})

test('key mode registers under <topic>-key', async () => {
  const bytes = await new AvroSerializer(client, { schema: '"string"', isKey: true }).serialize('avro-keyed', 'k-1')
  const latest = await client.getLatestVersion('avro-keyed-key')
  assert.equal(readSchemaId(bytes), latest.id)
  assert.equal(await new AvroDeserializer(client).deserialize('avro-keyed', bytes), 'k-1')
})

test('without auto-registration the schema is looked up, and an unregistered one is a REGISTRY 404 naming the subject', async () => {
  const schema = JSON.stringify({ type: 'record', name: 'Lookup', fields: [{ name: 'a', type: 'int' }] })
  const serializer = new AvroSerializer(client, { schema, autoRegisterSchemas: false })
  await assert.rejects(serializer.serialize('avro-lookup', { a: 1 }), (error: unknown) => {
    assert.ok(error instanceof SerdeError)
    assert.deepEqual([error.reason, error.status, error.errorCode], ['REGISTRY', 404, 40401])
    assert.match(error.message, /not registered under subject 'avro-lookup-value' and autoRegisterSchemas is off/)
    return true
  })
  const id = await client.register('avro-lookup-value', { schema })
  assert.equal(readSchemaId(await serializer.serialize('avro-lookup', { a: 1 })), id)
})

test('useLatestVersion writes with the latest version; useSchemaId with the given id', async () => {
  const v1 = JSON.stringify({ type: 'record', name: 'Pick', fields: [{ name: 'a', type: 'int' }] })
  const v2 = JSON.stringify({ type: 'record', name: 'Pick', fields: [{ name: 'a', type: 'int' }, { name: 'b', type: 'string', default: '' }] })
  const id1 = await client.register('avro-pick-value', { schema: v1 })
  const id2 = await client.register('avro-pick-value', { schema: v2 })
  const latest = await new AvroSerializer(client, { useLatestVersion: true }).serialize('avro-pick', { a: 1, b: 'x' })
  assert.equal(readSchemaId(latest), id2)
  const fixed = await new AvroSerializer(client, { useSchemaId: id1 }).serialize('avro-pick', { a: 1 })
  assert.equal(readSchemaId(fixed), id1)
  assert.deepEqual(plain(await new AvroDeserializer(client).deserialize('avro-pick', fixed)), { a: 1 })
})

test('normalizeSchemas registers with normalize=true', async () => {
  const counter = countingFetch()
  const counting = new RegistryClient({ baseUrls: registry.url, fetch: counter.fetch })
  await new AvroSerializer(counting, { schema: '{"type": "string"}', normalizeSchemas: true }).serialize('avro-normal', 'x')
  assert.deepEqual(counter.calls, ['POST /subjects/avro-normal-value/versions?normalize=true'])
})

test('subject name strategies: RecordName, TopicRecordName and a custom function', async () => {
  const schema = JSON.stringify({ type: 'record', name: 'Event', namespace: 'audit', fields: [{ name: 'at', type: 'long' }] })
  await new AvroSerializer(client, { schema, subjectNameStrategy: 'RecordName' }).serialize('t1', { at: 1 })
  await new AvroSerializer(client, { schema, subjectNameStrategy: 'TopicRecordName' }).serialize('t2', { at: 1 })
  const custom = (topic: string, isKey: boolean, recordName: string | undefined) => `custom.${topic}.${isKey}.${recordName}`
  await new AvroSerializer(client, { schema, subjectNameStrategy: custom }).serialize('t3', { at: 1 })
  for (const subject of ['audit.Event', 't2-audit.Event', 'custom.t3.false.audit.Event']) {
    assert.equal((await client.getLatestVersion(subject)).subject, subject)
  }
  await assert.rejects(
    new AvroSerializer(client, { schema: '"string"', subjectNameStrategy: 'RecordName' }).serialize('t4', 'x'),
    fails('INVALID_SCHEMA', /RecordNameStrategy needs a record name/),
  )
})

test('a reader schema reads older data: added fields take their defaults, removed fields are skipped, ints widen', async () => {
  const writer = JSON.stringify({
    type: 'record',
    name: 'Payment',
    fields: [{ name: 'id', type: 'string' }, { name: 'cents', type: 'int' }, { name: 'legacy', type: 'string' }],
  })
  const reader = JSON.stringify({
    type: 'record',
    name: 'Payment',
    fields: [{ name: 'id', type: 'string' }, { name: 'cents', type: 'long' }, { name: 'currency', type: 'string', default: 'EUR' }],
  })
  const bytes = await new AvroSerializer(client, { schema: writer }).serialize('avro-evolve', { id: 'p', cents: 250, legacy: 'x' })
  const evolved = new AvroDeserializer(client, { readerSchema: reader })
  assert.deepEqual(plain(await evolved.deserialize('avro-evolve', bytes)), { id: 'p', cents: 250, currency: 'EUR' })
  assert.deepEqual(plain(evolved.deserializeSync('avro-evolve', bytes)), { id: 'p', cents: 250, currency: 'EUR' })

  await client.register('avro-evolve-value', { schema: reader })
  const latest = new AvroDeserializer(client, { useLatestVersion: true })
  assert.deepEqual(plain(await latest.deserialize('avro-evolve', bytes)), { id: 'p', cents: 250, currency: 'EUR' })

  const incompatible = new AvroDeserializer(client, { readerSchema: JSON.stringify({ type: 'record', name: 'Payment', fields: [{ name: 'must', type: 'string' }] }) })
  await assert.rejects(incompatible.deserialize('avro-evolve', bytes), fails('INVALID_SCHEMA', /reader schema cannot read data written with schema id \d+/))
})

test('longs beyond 2^53: exact in bigint mode; refused with LONG_PRECISION in the default number mode', async () => {
  const schema = JSON.stringify({ type: 'record', name: 'Big', fields: [{ name: 'n', type: 'long' }, { name: 'm', type: ['null', 'long'] }] })
  const big = 2n ** 53n + 1n
  const bytes = await new AvroSerializer(client, { schema, longs: 'bigint' }).serialize('avro-longs', { n: big, m: -big })
  assert.deepEqual({ ...(await new AvroDeserializer(client, { longs: 'bigint' }).deserialize<object>('avro-longs', bytes)) }, { n: big, m: -big })

  const numbers = new AvroSerializer(client, { schema })
  await assert.rejects(numbers.serialize('avro-longs', { n: big, m: null }), fails('LONG_PRECISION', /field 'n' \(9007199254740993n\).*longs: 'bigint'/))
  await assert.rejects(numbers.serialize('avro-longs', { n: 2 ** 60, m: null }), fails('LONG_PRECISION', /field 'n'/))
  await assert.rejects(new AvroDeserializer(client).deserialize('avro-longs', bytes), fails('LONG_PRECISION', /field 'n', 'm' of the payload .* longs: 'bigint'/))
  await assert.rejects(numbers.serialize('avro-longs', { n: 1, m: 2n }), fails('INVALID_VALUE', /field 'm' expects .*got 2n/))
})

test('in number mode every long up to ±(2^53 - 1) round-trips exactly, the negative ones avsc alone corrupts included', async () => {
  const schema = JSON.stringify({ type: 'array', items: 'long' })
  const edges = [0, -1, 63, -64, 2 ** 30, -(2 ** 30) - 1, 2 ** 52 + 3, -(2 ** 52) - 3, -(2 ** 53) + 3, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]
  const numbers = await new AvroSerializer(client, { schema }).serialize('avro-long-edges', edges)
  const bigints = await new AvroSerializer(client, { schema, longs: 'bigint' }).serialize('avro-long-edges', edges.map(BigInt))
  assert.deepEqual(numbers, bigints, 'the same bytes in both modes')
  assert.deepEqual(await new AvroDeserializer(client).deserialize('avro-long-edges', bigints), edges)
})

test('the synchronous path works once the asynchronous one has cached the schema, and says NOT_CACHED before', async () => {
  const serializer = new AvroSerializer(client, { schema: '"int"' })
  const deserializer = new AvroDeserializer(client)
  assert.throws(() => serializer.serializeSync('avro-sync', 1), fails('NOT_CACHED', /topic 'avro-sync'/))
  const bytes = await serializer.serialize('avro-sync', 1)
  assert.deepEqual(serializer.serializeSync('avro-sync', 2), Buffer.from([...bytes.subarray(0, 5), 4]))
  assert.throws(() => deserializer.deserializeSync('avro-sync', bytes), fails('NOT_CACHED', /schema id/))
  assert.equal(await deserializer.deserialize('avro-sync', bytes), 1)
  assert.equal(deserializer.deserializeSync('avro-sync', serializer.serializeSync('avro-sync', 3)), 3)
})

test('a value that does not fit the schema is INVALID_VALUE naming the field', async () => {
  const serializer = new AvroSerializer(client, { schema: JSON.stringify(order) })
  await assert.rejects(serializer.serialize('avro-orders', { ...orderValue, status: 'LOST' }), fails('INVALID_VALUE', /field 'status' expects shop.Status, got "LOST"/))
  await assert.rejects(serializer.serialize('avro-orders', { ...orderValue, customer: { name: 'Ada' } }), fails('INVALID_VALUE', /field 'customer.vip' expects boolean, got undefined/))
})

test('bad payloads are named: unknown id, wrong schema type, truncated, trailing bytes, tombstones read as null', async () => {
  const deserializer = new AvroDeserializer(client)
  await assert.rejects(deserializer.deserialize('x', Buffer.from([0, 0, 0, 0x30, 0x39, 2])), (error: unknown) => {
    assert.ok(error instanceof SerdeError)
    assert.deepEqual([error.reason, error.status, error.errorCode], ['UNKNOWN_SCHEMA_ID', 404, 40403])
    assert.match(error.message, /schema id 12345 is not registered/)
    return true
  })
  const jsonId = await client.register('avro-json-value', { schema: '{"type":"object"}', schemaType: 'JSON' })
  await assert.rejects(deserializer.deserialize('x', Buffer.from([0, 0, 0, 0, jsonId, 1])), fails('INVALID_SCHEMA', /schema id \d+ is a JSON schema/))

  const bytes = await new AvroSerializer(client, { schema: JSON.stringify(order) }).serialize('avro-orders', orderValue)
  await assert.rejects(deserializer.deserialize('avro-orders', bytes.subarray(0, bytes.length - 3)), fails('INVALID_PAYLOAD', /truncated/))
  await assert.rejects(deserializer.deserialize('avro-orders', Buffer.concat([bytes, Buffer.from([1])])), fails('INVALID_PAYLOAD', /1 byte\(s\) follow/))
  await assert.rejects(deserializer.deserialize('avro-orders', Buffer.from([1, 0, 0, 0, 1])), fails('UNKNOWN_MAGIC_BYTE', /magic byte 0x01/))
  assert.equal(await deserializer.deserialize('avro-orders', null), null)
})

test('conflicting or missing options are refused at construction', () => {
  const bad: [() => unknown, RegExp][] = [
    [() => new AvroSerializer(client), /schema: give the schema to write with/],
    [() => new AvroSerializer(client, { useLatestVersion: true, autoRegisterSchemas: true }), /useLatestVersion and autoRegisterSchemas/],
    [() => new AvroSerializer(client, { useSchemaId: 1, useLatestVersion: true }), /useSchemaId and useLatestVersion/],
    [() => new AvroSerializer(client, { useSchemaId: -1 }), /schema id -1/],
    [() => new AvroSerializer(client, { schema: '"int"', subjectNameStrategy: 'Nope' as never }), /subjectNameStrategy: 'Nope'/],
    [() => new AvroSerializer(client, { schema: { schema: '{}', schemaType: 'JSON' } }), /a JSON schema was given to a AVRO serializer/],
    [() => new AvroSerializer(client, { schema: '"int"', longs: 'string' as never }), /longs: 'string'/],
    [() => new AvroDeserializer(client, { readerSchema: '"int"', useLatestVersion: true }), /readerSchema and useLatestVersion/],
  ]
  for (const [make, message] of bad) assert.throws(make, fails('CONFIG', message))
})

test('a schema with references is registered with them and encodes through them', async () => {
  await client.register('avro-ref-money', { schema: JSON.stringify({ type: 'record', name: 'Money', namespace: 'fin', fields: [{ name: 'cents', type: 'long' }] }) })
  const schema = {
    schema: JSON.stringify({ type: 'record', name: 'Bill', namespace: 'fin', fields: [{ name: 'total', type: 'fin.Money' }] }),
    references: [{ name: 'fin.Money', subject: 'avro-ref-money', version: 1 }],
  }
  const bytes = await new AvroSerializer(client, { schema }).serialize('avro-bills', { total: { cents: 99 } })
  assert.deepEqual(plain(await new AvroDeserializer(client).deserialize('avro-bills', bytes)), { total: { cents: 99 } })
})

test('with useLatestVersion, a new latest version is written once the client lets the old one expire', async () => {
  const short = new RegistryClient({ baseUrls: registry.url, latestTtlMs: 100 })
  const v1 = JSON.stringify({ type: 'record', name: 'Roll', fields: [{ name: 'a', type: 'int' }] })
  const v2 = JSON.stringify({ type: 'record', name: 'Roll', fields: [{ name: 'a', type: 'int' }, { name: 'b', type: 'int', default: 0 }] })
  const id1 = await client.register('avro-roll-value', { schema: v1 })
  const serializer = new AvroSerializer(short, { useLatestVersion: true })
  assert.equal(readSchemaId(await serializer.serialize('avro-roll', { a: 1 })), id1)
  const id2 = await client.register('avro-roll-value', { schema: v2 })
  assert.equal(readSchemaId(serializer.serializeSync('avro-roll', { a: 1 })), id1, 'still the cached latest version')
  const expired = () => {
    try {
      serializer.serializeSync('avro-roll', { a: 1, b: 2 })
      return false
    } catch (error) {
      return error instanceof SerdeError && error.reason === 'NOT_CACHED'
    }
  }
  await waitFor(expired, 'the writer built from the cached latest version expires with it')
  assert.equal(readSchemaId(await serializer.serialize('avro-roll', { a: 1, b: 2 })), id2)
})
