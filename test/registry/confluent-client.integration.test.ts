// Confluent's own JavaScript client (@confluentinc/schemaregistry) against a running schemaport registry:
// registration, reads, compatibility, config, and an Avro record through its serializer and deserializer.

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { AvroDeserializer, AvroSerializer, SchemaRegistryClient, SerdeType } from '@confluentinc/schemaregistry'
import { registryServer } from '../support/registry.ts'

let server: Awaited<ReturnType<typeof registryServer>>
let client: SchemaRegistryClient

const payment = {
  type: 'record',
  name: 'Payment',
  namespace: 'shop',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'amount', type: 'double' },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'note', type: ['null', 'string'], default: null },
  ],
}

before(async () => {
  server = await registryServer()
  client = new SchemaRegistryClient({ baseURLs: [server.url], maxRetries: 0 })
})

after(async () => {
  client.close()
  await server.close()
})

test('the Confluent client registers, reads back and checks compatibility', async () => {
  const schema = JSON.stringify(payment)
  const id = await client.register('payments-value', { schemaType: 'AVRO', schema })
  assert.equal(id, 1)
  const byId = await client.getBySubjectAndId('payments-value', id)
  assert.deepEqual(JSON.parse(byId.schema), payment)
  const latest = await client.getLatestSchemaMetadata('payments-value')
  assert.deepEqual([latest.id, latest.version], [1, 1])
  assert.deepEqual(await client.getAllSubjects(), ['payments-value'])
  assert.deepEqual(await client.getAllVersions('payments-value'), [1])
  assert.equal(await client.getId('payments-value', { schemaType: 'AVRO', schema }), 1)
  const evolved = { ...payment, fields: [...payment.fields, { name: 'currency', type: 'string', default: 'EUR' }] }
  assert.equal(await client.testSubjectCompatibility('payments-value', { schemaType: 'AVRO', schema: JSON.stringify(evolved) }), true)
  const broken = { ...payment, fields: [{ name: 'id', type: 'int' }] }
  assert.equal(await client.testSubjectCompatibility('payments-value', { schemaType: 'AVRO', schema: JSON.stringify(broken) }), false)
  await assert.rejects(client.register('payments-value', { schemaType: 'AVRO', schema: JSON.stringify(broken) }), (err: any) => {
    assert.equal(err.status, 409)
    return true
  })
  assert.equal(await client.updateCompatibility('payments-value', 'FULL' as any), 'FULL')
  assert.equal(await client.getCompatibility('payments-value'), 'FULL')
})

test('an Avro record round-trips through the Confluent serializer and deserializer', async () => {
  const serializer = new AvroSerializer(client, SerdeType.VALUE, { autoRegisterSchemas: true })
  const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {})
  const record = { id: 'p-1', amount: 12.5, tags: ['a', 'b'], note: 'hello' }
  // The serializer derives its schema from the record; register ours first so it uses this exact one.
  const serializerWithSchema = new AvroSerializer(client, SerdeType.VALUE, { useLatestVersion: true, autoRegisterSchemas: false })
  await client.register('orders-value', { schemaType: 'AVRO', schema: JSON.stringify(payment) })
  const bytes = await serializerWithSchema.serialize('orders', record)
  assert.equal(bytes[0], 0)
  const id = bytes.readInt32BE(1)
  assert.equal(id, 1)
  assert.deepEqual({ ...(await deserializer.deserialize('orders', bytes)) }, record)
  const auto = await serializer.serialize('auto', { id: 'x', amount: 1, tags: [], note: null })
  const autoId = auto.readInt32BE(1)
  assert.ok((await client.getAllSubjects()).includes('auto-value'))
  assert.deepEqual({ ...(await deserializer.deserialize('auto', auto)) }, { id: 'x', amount: 1, tags: [], note: null })
  assert.ok(autoId >= 1)
})
