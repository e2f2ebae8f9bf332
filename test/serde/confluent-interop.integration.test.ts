// Interoperability with Confluent's JavaScript serializers (@confluentinc/schemaregistry) through one running
// schemaport registry: what theirs write, ours read; what ours write, theirs read; and for the same value and
// schema both write the same bytes. Avro, JSON Schema and Protobuf (nested messages: non-zero indexes).

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { create } from '@bufbuild/protobuf'
import {
  AvroDeserializer as TheirAvroDeserializer,
  AvroSerializer as TheirAvroSerializer,
  JsonDeserializer as TheirJsonDeserializer,
  JsonSerializer as TheirJsonSerializer,
  ProtobufDeserializer as TheirProtobufDeserializer,
  ProtobufSerializer as TheirProtobufSerializer,
  SchemaRegistryClient,
  SerdeType,
} from '@confluentinc/schemaregistry'
import { AvroDeserializer, AvroSerializer } from '../../src/serde/avro.ts'
import { RegistryClient } from '../../src/serde/client.ts'
import { JsonDeserializer, JsonSerializer } from '../../src/serde/json.ts'
import { ProtobufDeserializer, ProtobufSerializer } from '../../src/serde/protobuf.ts'
import { bufbuildRegistry, SHOP_PROTO } from '../support/bufbuild.ts'
import { registryServer } from '../support/registry.ts'
import type { RegistryServer } from '../support/registry.ts'

let registry: RegistryServer
let ours: RegistryClient
let theirs: SchemaRegistryClient

before(async () => {
  registry = await registryServer()
  ours = new RegistryClient({ baseUrls: registry.url })
  theirs = new SchemaRegistryClient({ baseURLs: [registry.url], maxRetries: 0 })
})

after(async () => {
  theirs.close()
  await registry.close()
})

const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown

const avroOrder = {
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'customer', type: { type: 'record', name: 'Customer', fields: [{ name: 'name', type: 'string' }, { name: 'since', type: 'long' }] } },
    { name: 'lines', type: { type: 'array', items: { type: 'record', name: 'Line', fields: [{ name: 'sku', type: 'string' }, { name: 'qty', type: 'int' }] } } },
    { name: 'labels', type: { type: 'map', values: 'string' } },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID'] } },
    { name: 'note', type: ['null', 'string'], default: null },
    {
      name: 'payment',
      type: [
        { type: 'record', name: 'Card', fields: [{ name: 'number', type: 'string' }] },
        { type: 'record', name: 'Transfer', fields: [{ name: 'iban', type: 'string' }] },
      ],
    },
    { name: 'amount', type: 'double' },
  ],
}

const avroValues = [
  {
    id: 'o-1',
    customer: { name: 'Ada', since: 1_700_000_000_000 },
    lines: [{ sku: 'a', qty: 2 }],
    labels: { channel: 'web' },
    status: 'PAID',
    note: null,
    payment: { 'shop.Card': { number: '4111' } },
    amount: 12.5,
  },
  {
    id: 'o-2',
    customer: { name: 'Bo', since: -3 },
    lines: [],
    labels: {},
    status: 'NEW',
    note: 'gift',
    payment: { 'shop.Transfer': { iban: 'BE00' } },
    amount: 0,
  },
]

test('Avro: Confluent writes, we read; we write, Confluent reads; the bytes are the same', async () => {
  await ours.register('cf-avro-value', { schema: JSON.stringify(avroOrder) })
  const theirSerializer = new TheirAvroSerializer(theirs, SerdeType.VALUE, { useLatestVersion: true, autoRegisterSchemas: false })
  const theirDeserializer = new TheirAvroDeserializer(theirs, SerdeType.VALUE, {})
  const ourSerializer = new AvroSerializer(ours, { useLatestVersion: true })
  const ourDeserializer = new AvroDeserializer(ours)
  for (const value of avroValues) {
    const theirBytes = await theirSerializer.serialize('cf-avro', value)
    const ourBytes = await ourSerializer.serialize('cf-avro', value)
    assert.deepEqual(ourBytes, theirBytes)
    assert.deepEqual(plain(await ourDeserializer.deserialize('cf-avro', theirBytes)), value)
    assert.deepEqual(plain(await theirDeserializer.deserialize('cf-avro', ourBytes)), value)
  }
})

const jsonSchema = JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    id: { type: 'string' },
    customer: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
    lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer' } } } },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    status: { enum: ['NEW', 'PAID'] },
    note: { type: ['string', 'null'] },
    payment: { oneOf: [{ type: 'object', properties: { card: { type: 'string' } }, required: ['card'] }, { type: 'object', properties: { iban: { type: 'string' } }, required: ['iban'] }] },
  },
  required: ['id'],
})

const jsonValues = [
  { id: 'o-1', customer: { name: 'Ada' }, lines: [{ sku: 'a', qty: 2 }], labels: { channel: 'web' }, status: 'PAID', note: null, payment: { card: '4111' } },
  { id: 'o-2', lines: [], labels: {}, status: 'NEW', note: 'gift', payment: { iban: 'BE00' } },
]

test('JSON Schema: Confluent writes, we read (validating); we write, Confluent reads (validating); the bytes are the same', async () => {
  await ours.register('cf-json-value', { schema: jsonSchema, schemaType: 'JSON' })
  const theirSerializer = new TheirJsonSerializer(theirs, SerdeType.VALUE, { useLatestVersion: true, autoRegisterSchemas: false, validate: true })
  const theirDeserializer = new TheirJsonDeserializer(theirs, SerdeType.VALUE, { validate: true })
  const ourSerializer = new JsonSerializer(ours, { useLatestVersion: true })
  const ourDeserializer = new JsonDeserializer(ours, { validate: true })
  for (const value of jsonValues) {
    const theirBytes = await theirSerializer.serialize('cf-json', value)
    const ourBytes = await ourSerializer.serialize('cf-json', value)
    assert.deepEqual(ourBytes, theirBytes)
    assert.deepEqual(await ourDeserializer.deserialize('cf-json', theirBytes), value)
    assert.deepEqual(await theirDeserializer.deserialize('cf-json', ourBytes), value)
  }
})


test('Protobuf: Confluent writes, we read; we write, Confluent reads; nested messages carry their indexes', async () => {
  await ours.register('cf-proto-value', { schema: SHOP_PROTO, schemaType: 'PROTOBUF' })
  const bufbuild = bufbuildRegistry(SHOP_PROTO, 'shop/order.proto')
  const theirSerializer = new TheirProtobufSerializer(theirs, SerdeType.VALUE, { useLatestVersion: true, autoRegisterSchemas: false, registry: bufbuild })
  const theirDeserializer = new TheirProtobufDeserializer(theirs, SerdeType.VALUE, {})
  const ourSerializer = new ProtobufSerializer(ours, { useLatestVersion: true })
  const ourDeserializer = new ProtobufDeserializer(ours)

  const order = {
    id: 'o-1',
    total: { currency: 'EUR', cents: 9007199254740993n },
    lines: [{ sku: 'a', qty: 2, discount: { percent: 10 } }, { sku: 'b', qty: 1 }],
    labels: { channel: 'web' },
    status: 1,
  }
  const theirOrder = create(bufbuild.getMessage('shop.Order')!, { ...order, payment: { case: 'iban', value: 'BE00' } } as any)
  const theirBytes = await theirSerializer.serialize('cf-proto', theirOrder)
  const ourBytes = await ourSerializer.serialize('cf-proto', { ...order, iban: 'BE00' }, 'shop.Order')
  assert.deepEqual(ourBytes, theirBytes)
  assert.deepEqual([...ourBytes.subarray(5, 7)], [2, 2], 'Order is message [1]')
  assert.deepEqual(await ourDeserializer.deserialize('cf-proto', theirBytes), {
    ...order,
    lines: [{ sku: 'a', qty: 2, discount: { percent: 10 } }, { sku: 'b', qty: 1, discount: null }],
    status: 'PAID',
    iban: 'BE00',
  })
  const back: any = await theirDeserializer.deserialize('cf-proto', ourBytes)
  assert.deepEqual(
    [back.id, back.total.cents, back.lines[0].discount.percent, back.lines[1].sku, back.labels, back.status, back.payment],
    ['o-1', 9007199254740993n, 10, 'b', { channel: 'web' }, 1, { case: 'iban', value: 'BE00' }],
  )

  const discount = { percent: 25 }
  const theirNested = await theirSerializer.serialize('cf-proto', create(bufbuild.getMessage('shop.Order.Line.Discount')!, discount as any))
  const ourNested = await ourSerializer.serialize('cf-proto', discount, 'shop.Order.Line.Discount')
  assert.deepEqual(ourNested, theirNested)
  assert.deepEqual([...ourNested.subarray(5, 9)], [6, 2, 0, 0], 'indexes [1, 0, 0]')
  assert.deepEqual(await ourDeserializer.deserialize('cf-proto', theirNested), discount)
  assert.equal(((await theirDeserializer.deserialize('cf-proto', ourNested)) as any).percent, 25)
})

test('Protobuf: schemas Confluent registers itself (as descriptors, auto-registered) are read by us', async () => {
  const bufbuild = bufbuildRegistry(SHOP_PROTO, 'shop/auto.proto')
  const theirSerializer = new TheirProtobufSerializer(theirs, SerdeType.VALUE, { autoRegisterSchemas: true, registry: bufbuild })
  const line = create(bufbuild.getMessage('shop.Order.Line')!, { sku: 'z', qty: 9 } as any)
  const bytes = await theirSerializer.serialize('cf-proto-auto', line)
  assert.deepEqual([...bytes.subarray(5, 8)], [4, 2, 0])
  assert.deepEqual(await new ProtobufDeserializer(ours).deserialize('cf-proto-auto', bytes), { sku: 'z', qty: 9, discount: null })
})
