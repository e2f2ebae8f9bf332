// The Protobuf serializer and deserializer against a running registry, without generated classes: plain
// objects with a message name, protobufjs Types and messages, message indexes on the wire, conversions of what
// is read, payloads written without indexes, and the errors.

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import protobuf from 'protobufjs'
import { RegistryClient } from '../../src/serde/client.ts'
import { ProtobufDeserializer, ProtobufSerializer } from '../../src/serde/protobuf.ts'
import { frame, readSchemaId } from '../../src/serde/wire-format.ts'
import { registryServer } from '../support/registry.ts'
import { SHOP_PROTO } from '../support/bufbuild.ts'
import { fails } from './support/fails.ts'
import type { RegistryServer } from '../support/registry.ts'

let registry: RegistryServer
let client: RegistryClient

before(async () => {
  registry = await registryServer()
  client = new RegistryClient({ baseUrls: registry.url })
})

after(() => registry.close())

const order = {
  id: 'o-1',
  total: { currency: 'EUR', cents: 9007199254740993n },
  lines: [{ sku: 'a', qty: 2, discount: { percent: 10 } }],
  labels: { channel: 'web' },
  status: 'PAID',
  iban: 'BE00',
}

test('a plain object with its message name round-trips, with message indexes [1] on the wire', async () => {
  const bytes = await new ProtobufSerializer(client, { schema: SHOP_PROTO }).serialize('pb-orders', order, 'shop.Order')
  const id = (await client.getLatestVersion('pb-orders-value')).id
  assert.deepEqual([...bytes.subarray(0, 7)], [0, 0, 0, 0, id, 2, 2])
  const back = await new ProtobufDeserializer(client).deserialize('pb-orders', bytes)
  assert.deepEqual(back, { ...order, total: { currency: 'EUR', cents: 9007199254740993n } })
})

test('a nested message is written with indexes [1, 0]; the first message with the one-byte [0]', async () => {
  const serializer = new ProtobufSerializer(client, { schema: SHOP_PROTO })
  const line = await serializer.serialize('pb-mixed', { sku: 'b', qty: 5 }, 'Order.Line')
  assert.deepEqual([...line.subarray(5, 8)], [4, 2, 0])
  const money = await serializer.serialize('pb-mixed', { currency: 'USD', cents: 1 })
  assert.deepEqual([...money.subarray(5, 6)], [0])
  const deserializer = new ProtobufDeserializer(client)
  assert.deepEqual(await deserializer.deserialize('pb-mixed', line), { sku: 'b', qty: 5, discount: null })
  assert.deepEqual(await deserializer.deserialize('pb-mixed', money), { currency: 'USD', cents: 1n })
})

test('a protobufjs Type, or a protobufjs message, names the message itself', async () => {
  const root = protobuf.parse(SHOP_PROTO, { keepCase: true }).root
  const Line = root.lookupType('shop.Order.Line')
  const serializer = new ProtobufSerializer(client, { schema: SHOP_PROTO })
  const byType = await serializer.serialize('pb-typed', { sku: 'c', qty: 1 }, Line)
  const byMessage = await serializer.serialize('pb-typed', Line.create({ sku: 'c', qty: 1 }))
  assert.deepEqual(byMessage, byType)
  assert.deepEqual([...byType.subarray(5, 8)], [4, 2, 0])
})

test('messageName sets the default message; toObject controls what is returned', async () => {
  const bytes = await new ProtobufSerializer(client, { schema: SHOP_PROTO, messageName: 'shop.Order' }).serialize('pb-options', { id: 'x', status: 0 })
  assert.deepEqual(await new ProtobufDeserializer(client).deserialize('pb-options', bytes), { id: 'x', total: null, lines: [], labels: {}, status: 'NEW' })
  const numbers = new ProtobufDeserializer(client, { toObject: { enums: Number } })
  assert.deepEqual(await numbers.deserialize('pb-options', bytes), { id: 'x' })
  const message = await new ProtobufDeserializer(client, { toObject: false }).deserialize<protobuf.Message>('pb-options', bytes)
  assert.equal((message?.$type as protobuf.Type).fullName, '.shop.Order')
})

test('RecordName strategies use the full name of the message written', async () => {
  await new ProtobufSerializer(client, { schema: SHOP_PROTO, subjectNameStrategy: 'TopicRecordName' }).serialize('pb-rn', { sku: 'x' }, 'Order.Line')
  assert.equal((await client.getLatestVersion('pb-rn-shop.Order.Line')).subject, 'pb-rn-shop.Order.Line')
})

test('payloads without message indexes are read only when asked, and only where they cannot be mistaken', async () => {
  const id = readSchemaId(await new ProtobufSerializer(client, { schema: SHOP_PROTO }).serialize('pb-bare', { currency: 'EUR' }))
  const Money = protobuf.parse(SHOP_PROTO, { keepCase: true }).root.lookupType('shop.Money')
  const bare = frame(id, Money.encode({ currency: 'EUR', cents: 5 }).finish())
  await assert.rejects(new ProtobufDeserializer(client).deserialize('pb-bare', bare), fails('BAD_MESSAGE_INDEXES', /negative index -2/))
  assert.deepEqual(await new ProtobufDeserializer(client, { withoutMessageIndexes: true }).deserialize('pb-bare', bare), { currency: 'EUR', cents: 5n })
  assert.deepEqual(await new ProtobufDeserializer(client, { withoutMessageIndexes: 'shop.Money' }).deserialize('pb-bare', frame(id, new Uint8Array(0))), {
    currency: '',
    cents: 0n,
  })
  const indexed = await new ProtobufSerializer(client, { schema: SHOP_PROTO }).serialize('pb-bare', { id: 'o' }, 'shop.Order')
  assert.deepEqual((await new ProtobufDeserializer(client, { withoutMessageIndexes: true }).deserialize<{ id: string }>('pb-bare', indexed))?.id, 'o')
})

test('in a schema nesting messages 4 deep, a first byte that may start an index list is read as one', async () => {
  const deep = 'syntax = "proto3";\nmessage A { message B { message C { message D { int32 x = 1; } } } int32 y = 1; }\n'
  const serializer = new ProtobufSerializer(client, { schema: deep })
  const d = await serializer.serialize('pb-deep', { x: 3 }, 'A.B.C.D')
  assert.deepEqual([...d.subarray(5, 10)], [8, 0, 0, 0, 0])
  const lenient = new ProtobufDeserializer(client, { withoutMessageIndexes: true })
  assert.deepEqual(await lenient.deserialize('pb-deep', d), { x: 3 })
  const bareA = frame(readSchemaId(d), Buffer.from([0x08, 0x07]))
  assert.deepEqual(await lenient.deserialize('pb-deep', frame(readSchemaId(d), Buffer.from([0x10, 0x07]))), { y: 0 }, 'field 2 of A is unknown: byte 0x10 = 16 > 2·4')
  await assert.rejects(lenient.deserialize('pb-deep', bareA), fails('BAD_MESSAGE_INDEXES', /count 4/))
})

test('bad indexes, bad values and unknown messages are named', async () => {
  const serializer = new ProtobufSerializer(client, { schema: SHOP_PROTO })
  const id = readSchemaId(await serializer.serialize('pb-errors', { currency: 'EUR' }))
  const deserializer = new ProtobufDeserializer(client)
  await assert.rejects(deserializer.deserialize('pb-errors', frame(id, new Uint8Array(0), [5])), fails('BAD_MESSAGE_INDEXES', new RegExp(`\\[5\\] do not fit schema id ${id}`)))
  await assert.rejects(deserializer.deserialize('pb-errors', frame(id, Buffer.from([0x0a, 0x05, 0x41]), [0])), fails('INVALID_PAYLOAD', /does not decode as shop.Money/))
  await assert.rejects(serializer.serialize('pb-errors', { total: 'cheap' }, 'shop.Order'), fails('INVALID_VALUE', /does not fit message shop.Order.*total: object expected/))
  await assert.rejects(serializer.serialize('pb-errors', {}, 'shop.Nope'), fails('CONFIG', /message 'shop.Nope' is not declared/))
  await assert.rejects(new ProtobufDeserializer(client, { withoutMessageIndexes: 'Nope' }).deserialize('pb-errors', frame(id, new Uint8Array(0), [0])), fails('CONFIG', /'Nope'/))
})

test('the synchronous path after the first call, per topic and message', async () => {
  const serializer = new ProtobufSerializer(client, { schema: SHOP_PROTO })
  assert.throws(() => serializer.serializeSync('pb-sync', { sku: 'a' }, 'shop.Order.Line'), fails('NOT_CACHED', /for shop.Order.Line/))
  const bytes = await serializer.serialize('pb-sync', { sku: 'a' }, 'shop.Order.Line')
  assert.deepEqual(serializer.serializeSync('pb-sync', { sku: 'a' }, 'shop.Order.Line'), bytes)
  const deserializer = new ProtobufDeserializer(client)
  await deserializer.deserialize('pb-sync', bytes)
  assert.deepEqual(deserializer.deserializeSync('pb-sync', bytes), { sku: 'a', qty: 0, discount: null })
})

test('large schema ids and a multi-byte message index are framed byte for byte as the wire format says', async () => {
  const messages = Array.from({ length: 70 }, (_, i) => `message M${i} { int32 v = 1; }`).join('\n')
  const schema = `syntax = "proto3";\npackage many;\n${messages}\n`
  const send = (method: string, path: string, body: unknown) =>
    fetch(`${registry.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  assert.equal((await send('PUT', '/mode/pb-many-value', { mode: 'IMPORT' })).status, 200)
  for (const [id, header] of [[0x01028304, [0, 0x01, 0x02, 0x83, 0x04]], [0xc8, [0, 0, 0, 0, 0xc8]]] as const) {
    assert.equal((await send('POST', '/subjects/pb-many-value/versions', { schema, schemaType: 'PROTOBUF', id })).status, 200)
    const bytes = await new ProtobufSerializer(client, { useSchemaId: id }).serialize('pb-many', { v: 7 }, 'many.M69')
    assert.deepEqual(bytes, frame(id, Buffer.from([0x08, 0x07]), [69]))
    assert.deepEqual([...bytes.subarray(0, 8)], [...header, 2, 0x8a, 0x01])
    assert.deepEqual(await new ProtobufDeserializer(client).deserialize('pb-many', bytes), { v: 7 })
  }
})
