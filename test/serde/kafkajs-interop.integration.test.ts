// Interoperability with @kafkajs/confluent-schema-registry through one running schemaport registry: Avro and
// JSON Schema both ways with the same bytes. Its Protobuf writes no message indexes: we read those payloads when
// told to (withoutMessageIndexes), and it reads ours only for the first message of a schema.

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry'
import { AvroDeserializer, AvroSerializer } from '../../src/serde/avro.ts'
import { RegistryClient } from '../../src/serde/client.ts'
import { JsonDeserializer, JsonSerializer } from '../../src/serde/json.ts'
import { ProtobufDeserializer, ProtobufSerializer } from '../../src/serde/protobuf.ts'
import { registryServer } from '../support/registry.ts'
import type { RegistryServer } from '../support/registry.ts'

let registry: RegistryServer
let ours: RegistryClient
let kafkajs: SchemaRegistry

before(async () => {
  registry = await registryServer()
  ours = new RegistryClient({ baseUrls: registry.url })
  kafkajs = new SchemaRegistry({ host: registry.url })
})

after(() => registry.close())

const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown

const avroSchema = JSON.stringify({
  type: 'record',
  name: 'Shipment',
  namespace: 'logistics',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'to', type: { type: 'record', name: 'Address', fields: [{ name: 'city', type: 'string' }, { name: 'zip', type: ['null', 'string'], default: null }] } },
    { name: 'parcels', type: { type: 'array', items: { type: 'record', name: 'Parcel', fields: [{ name: 'grams', type: 'int' }] } } },
    { name: 'meta', type: { type: 'map', values: 'long' } },
    { name: 'speed', type: { type: 'enum', name: 'Speed', symbols: ['SLOW', 'FAST'] } },
  ],
})
const shipment = { id: 's-1', to: { city: 'Gent', zip: null }, parcels: [{ grams: 500 }, { grams: 20 }], meta: { tries: 2 }, speed: 'FAST' }

test('Avro: kafkajs writes, we read; we write, kafkajs reads; the bytes are the same', async () => {
  const { id } = await kafkajs.register({ type: SchemaType.AVRO, schema: avroSchema }, { subject: 'kj-avro-value' })
  const theirBytes = await kafkajs.encode(id, shipment)
  const ourBytes = await new AvroSerializer(ours, { schema: avroSchema }).serialize('kj-avro', shipment)
  assert.deepEqual(ourBytes, theirBytes)
  assert.deepEqual(plain(await new AvroDeserializer(ours).deserialize('kj-avro', theirBytes)), shipment)
  assert.deepEqual(plain(await kafkajs.decode(ourBytes)), shipment)
})

const jsonSchema = JSON.stringify({
  type: 'object',
  properties: {
    id: { type: 'string' },
    to: { type: 'object', properties: { city: { type: 'string' }, zip: { type: ['string', 'null'] } } },
    parcels: { type: 'array', items: { type: 'object', properties: { grams: { type: 'integer' } } } },
    speed: { enum: ['SLOW', 'FAST'] },
  },
  required: ['id'],
})

test('JSON Schema: kafkajs writes, we read; we write, kafkajs reads; the bytes are the same', async () => {
  const { id } = await kafkajs.register({ type: SchemaType.JSON, schema: jsonSchema }, { subject: 'kj-json-value' })
  const value = { id: 's-1', to: { city: 'Gent', zip: null }, parcels: [{ grams: 500 }], speed: 'SLOW' }
  const theirBytes = await kafkajs.encode(id, value)
  const ourBytes = await new JsonSerializer(ours, { schema: jsonSchema }).serialize('kj-json', value)
  assert.deepEqual(ourBytes, theirBytes)
  assert.deepEqual(await new JsonDeserializer(ours, { validate: true }).deserialize('kj-json', theirBytes), value)
  assert.deepEqual(await kafkajs.decode(ourBytes), value)
})

const protoSchema = `syntax = "proto3";
package logistics;

message Shipment {
  message Parcel {
    int32 grams = 1;
  }
  string id = 1;
  repeated Parcel parcels = 2;
  map<string, int64> meta = 3;
}

message Receipt {
  string shipment = 1;
}
`

test('Protobuf: kafkajs payloads (no message indexes) are read with withoutMessageIndexes; kafkajs reads our first message', async () => {
  const { id } = await kafkajs.register({ type: SchemaType.PROTOBUF, schema: protoSchema }, { subject: 'kj-proto-value' })
  const value = { id: 's-1', parcels: [{ grams: 500 }], meta: { tries: 2n } }
  const theirBytes = await kafkajs.encode(id, { id: 's-1', parcels: [{ grams: 500 }], meta: { tries: 2 } })
  const lenient = new ProtobufDeserializer(ours, { withoutMessageIndexes: true })
  assert.deepEqual(await lenient.deserialize('kj-proto', theirBytes), value)

  const ourBytes = await new ProtobufSerializer(ours, { schema: protoSchema }).serialize('kj-proto', value)
  assert.deepEqual(ourBytes.subarray(6), theirBytes.subarray(5), 'the same payload after our one-byte [0] index list')
  const read: any = await kafkajs.decode(ourBytes)
  assert.deepEqual([read.id, read.parcels[0].grams, Number(read.meta.tries)], ['s-1', 500, 2])
  assert.deepEqual(await lenient.deserialize('kj-proto', ourBytes), value, 'indexed payloads still read as such')
})
