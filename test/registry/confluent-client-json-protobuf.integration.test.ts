// Confluent's JavaScript client (@confluentinc/schemaregistry) with its JSON Schema and Protobuf serializers,
// auto-registration on, against a running schemaport registry: registrations succeed and records round-trip.

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { create } from '@bufbuild/protobuf'
import {
  JsonDeserializer,
  JsonSerializer,
  ProtobufDeserializer,
  ProtobufSerializer,
  SchemaRegistryClient,
  SerdeType,
} from '@confluentinc/schemaregistry'
import { bufbuildRegistry, SHOP_PROTO } from '../support/bufbuild.ts'
import { registryServer } from '../support/registry.ts'

let server: Awaited<ReturnType<typeof registryServer>>
let client: SchemaRegistryClient

before(async () => {
  server = await registryServer()
  client = new SchemaRegistryClient({ baseURLs: [server.url], maxRetries: 0 })
})

after(async () => {
  client.close()
  await server.close()
})

test('JSON Schema records round-trip through the Confluent serializer, auto-registering', async () => {
  const serializer = new JsonSerializer(client, SerdeType.VALUE, { autoRegisterSchemas: true, validate: true })
  const deserializer = new JsonDeserializer(client, SerdeType.VALUE, { validate: true })
  const record = { id: 7, name: 'Ada', tags: ['x', 'y'], address: { city: 'Ghent' }, note: null }
  const bytes = await serializer.serialize('people', record)
  assert.equal(bytes[0], 0)
  const id = bytes.readInt32BE(1)
  const registered = await client.getLatestSchemaMetadata('people-value')
  assert.deepEqual([registered.id, registered.schemaType], [id, 'JSON'])
  assert.deepEqual(await deserializer.deserialize('people', bytes), record)

  const schema = JSON.stringify({
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: { sku: { type: 'string' }, qty: { type: 'integer', minimum: 1 } },
    required: ['sku', 'qty'],
  })
  await client.register('items-value', { schemaType: 'JSON', schema })
  const strict = new JsonSerializer(client, SerdeType.VALUE, { useLatestVersion: true, autoRegisterSchemas: false, validate: true })
  const item = { sku: 'a-1', qty: 3 }
  assert.deepEqual(await deserializer.deserialize('items', await strict.serialize('items', item)), item)
  await assert.rejects(strict.serialize('items', { sku: 'a-1', qty: 0 }))
})


test('Protobuf records round-trip through the Confluent serializer, auto-registering, with message indexes', async () => {
  const registry = bufbuildRegistry(SHOP_PROTO, 'shop/order.proto')
  const serializer = new ProtobufSerializer(client, SerdeType.VALUE, { autoRegisterSchemas: true, registry })
  const deserializer = new ProtobufDeserializer(client, SerdeType.VALUE, {})
  const Order = registry.getMessage('shop.Order')!
  const Line = registry.getMessage('shop.Order.Line')!
  const order = create(Order, {
    id: 'o-1',
    total: { currency: 'EUR', cents: 1250n },
    lines: [{ sku: 'a', qty: 2 }],
    labels: { channel: 'web' },
    status: 1,
    payment: { case: 'iban', value: 'BE00' },
  } as any)
  const bytes = await serializer.serialize('orders', order)
  assert.equal(bytes[0], 0)
  // Order is the second top-level message: its message-index list is [1] (zig-zag varints: count 1, index 1).
  assert.deepEqual([...bytes.subarray(5, 7)], [2, 2])
  const back: any = await deserializer.deserialize('orders', bytes)
  assert.deepEqual([back.id, back.total.cents, back.lines[0].sku, back.labels.channel, back.payment.value], ['o-1', 1250n, 'a', 'web', 'BE00'])
  const stored = await client.getLatestSchemaMetadata('orders-value')
  assert.equal(stored.schemaType, 'PROTOBUF')
  assert.match(stored.schema!, /message Order/)

  const line = create(Line, { sku: 'b', qty: 5 } as any)
  const lineBytes = await serializer.serialize('lines', line)
  const lineBack: any = await deserializer.deserialize('lines', lineBytes)
  assert.deepEqual([lineBack.sku, lineBack.qty], ['b', 5])
})
