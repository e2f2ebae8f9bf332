// Serializers with warm caches, on one 10-field record per format: encodes/s and decodes/s of ours (awaited,
// and the synchronous path), @confluentinc/schemaregistry, @kafkajs/confluent-schema-registry, and the bare
// codec with no framing and no registry as the ceiling (avsc toBuffer/fromBuffer; ajv + JSON.stringify /
// JSON.parse; protobufjs encode / decode+toObject). Every contender's bytes and values are checked
// before anything is timed. Goals (issue 5): >= 1.5x the faster client, >= 0.85x the bare codec.

import assert from 'node:assert/strict'
import { create } from '@bufbuild/protobuf'
import {
  AvroDeserializer as CfAvroDeserializer,
  AvroSerializer as CfAvroSerializer,
  JsonDeserializer as CfJsonDeserializer,
  JsonSerializer as CfJsonSerializer,
  ProtobufDeserializer as CfProtobufDeserializer,
  ProtobufSerializer as CfProtobufSerializer,
  SchemaRegistryClient,
  SerdeType,
} from '@confluentinc/schemaregistry'
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry'
import { Ajv } from 'ajv'
import avsc from 'avsc'
import protobuf from 'protobufjs'
import { AvroDeserializer, AvroSerializer } from '../src/serde/avro.ts'
import { RegistryClient } from '../src/serde/client.ts'
import { JsonDeserializer, JsonSerializer } from '../src/serde/json.ts'
import { ProtobufDeserializer, ProtobufSerializer } from '../src/serde/protobuf.ts'
import { bufbuildRegistry } from '../test/support/bufbuild.ts'
import { registryServer } from '../test/support/registry.ts'
import { AVRO_SCHEMA, AVRO_VALUE, JSON_SCHEMA, JSON_VALUE, PROTO_INPUT, PROTO_SCHEMA, PROTO_VALUE } from './support/serde-records.ts'
import { timeAsyncOps } from './support/serde-timing.ts'
import { timeOps } from './support/timing.ts'

/** One way of encoding and decoding the record, synchronous or awaited. */
interface Contender {
  readonly name: string
  readonly encode: () => unknown
  readonly decode: () => unknown
  readonly async: boolean
}

interface Table {
  readonly format: string
  readonly ours: Contender
  readonly oursSync: Contender
  readonly clients: readonly Contender[]
  readonly bare: Contender
}

const plain = (value: unknown) => JSON.parse(JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? `${item}n` : item))) as unknown

const rate = (contender: Contender, op: 'encode' | 'decode') =>
  contender.async ? timeAsyncOps(contender[op] as () => Promise<unknown>) : Promise.resolve(timeOps(contender[op]))

async function measure(table: Table): Promise<string[]> {
  const lines: string[] = []
  for (const op of ['encode', 'decode'] as const) {
    const ours = await rate(table.ours, op)
    const oursSync = await rate(table.oursSync, op)
    const clients: [string, number][] = []
    for (const client of table.clients) clients.push([client.name, await rate(client, op)])
    const bare = await rate(table.bare, op)
    const fastest = Math.max(...clients.map(([, perSecond]) => perSecond))
    const figure = (perSecond: number) => Math.round(perSecond).toLocaleString('en-US')
    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`
    lines.push(
      `${table.format} ${op}/s: schemaport ${figure(ours)} (sync ${figure(oursSync)}) | ` +
        clients.map(([name, perSecond]) => `${name} ${figure(perSecond)}`).join(' | ') +
        ` | ${table.bare.name} ${figure(bare)} => vs faster client ${ratio(ours, fastest)} (sync ${ratio(oursSync, fastest)}; goal >= 1.5x), ` +
        `vs ${table.bare.name} ${ratio(ours, bare)} (sync ${ratio(oursSync, bare)}; goal >= 0.85x)`,
    )
  }
  return lines
}

async function avroTable(ours: RegistryClient, confluent: SchemaRegistryClient, kafkajs: SchemaRegistry): Promise<Table> {
  const serializer = new AvroSerializer(ours, { schema: AVRO_SCHEMA })
  const deserializer = new AvroDeserializer(ours)
  const bytes = await serializer.serialize('bench-avro', AVRO_VALUE)
  const id = bytes.readInt32BE(1)
  const cfSerializer = new CfAvroSerializer(confluent, SerdeType.VALUE, { useLatestVersion: true, autoRegisterSchemas: false })
  const cfDeserializer = new CfAvroDeserializer(confluent, SerdeType.VALUE, {})
  const type = avsc.Type.forSchema(JSON.parse(AVRO_SCHEMA) as avsc.Schema)
  const payload = type.toBuffer(AVRO_VALUE)

  assert.deepEqual(await cfSerializer.serialize('bench-avro', AVRO_VALUE), bytes, 'Confluent writes the same bytes')
  assert.deepEqual(await kafkajs.encode(id, AVRO_VALUE), bytes, 'kafkajs writes the same bytes')
  assert.deepEqual(bytes.subarray(5), payload, 'the payload is what avsc writes')
  for (const value of [await deserializer.deserialize('bench-avro', bytes), await cfDeserializer.deserialize('bench-avro', bytes), await kafkajs.decode(bytes), type.fromBuffer(payload)]) {
    assert.deepEqual(plain(value), AVRO_VALUE)
  }
  return {
    format: 'avro',
    ours: { name: 'schemaport', async: true, encode: () => serializer.serialize('bench-avro', AVRO_VALUE), decode: () => deserializer.deserialize('bench-avro', bytes) },
    oursSync: { name: 'schemaport sync', async: false, encode: () => serializer.serializeSync('bench-avro', AVRO_VALUE), decode: () => deserializer.deserializeSync('bench-avro', bytes) },
    clients: [
      { name: '@confluentinc/schemaregistry', async: true, encode: () => cfSerializer.serialize('bench-avro', AVRO_VALUE), decode: () => cfDeserializer.deserialize('bench-avro', bytes) },
      { name: '@kafkajs/confluent-schema-registry', async: true, encode: () => kafkajs.encode(id, AVRO_VALUE), decode: () => kafkajs.decode(bytes) },
    ],
    bare: { name: 'avsc', async: false, encode: () => type.toBuffer(AVRO_VALUE), decode: () => type.fromBuffer(payload) },
  }
}

async function jsonTable(ours: RegistryClient, confluent: SchemaRegistryClient, kafkajs: SchemaRegistry): Promise<Table> {
  const serializer = new JsonSerializer(ours, { schema: JSON_SCHEMA })
  const deserializer = new JsonDeserializer(ours)
  const bytes = await serializer.serialize('bench-json', JSON_VALUE)
  const id = bytes.readInt32BE(1)
  // Every writer validates (kafkajs always does, on reading too); readers other than kafkajs do not.
  const cfSerializer = new CfJsonSerializer(confluent, SerdeType.VALUE, { useLatestVersion: true, autoRegisterSchemas: false, validate: true })
  const cfDeserializer = new CfJsonDeserializer(confluent, SerdeType.VALUE, {})
  const validate = new Ajv().compile(JSON.parse(JSON_SCHEMA) as object)
  const bareEncode = () => {
    if (!validate(JSON_VALUE)) throw new Error('invalid')
    return Buffer.from(JSON.stringify(JSON_VALUE))
  }
  const payload = bareEncode()

  assert.deepEqual(await cfSerializer.serialize('bench-json', JSON_VALUE), bytes, 'Confluent writes the same bytes')
  assert.deepEqual(await kafkajs.encode(id, JSON_VALUE), bytes, 'kafkajs writes the same bytes')
  assert.deepEqual(bytes.subarray(5), payload)
  for (const value of [await deserializer.deserialize('bench-json', bytes), await cfDeserializer.deserialize('bench-json', bytes), await kafkajs.decode(bytes), JSON.parse(payload.toString())]) {
    assert.deepEqual(value, JSON_VALUE)
  }
  return {
    format: 'json',
    ours: { name: 'schemaport', async: true, encode: () => serializer.serialize('bench-json', JSON_VALUE), decode: () => deserializer.deserialize('bench-json', bytes) },
    oursSync: { name: 'schemaport sync', async: false, encode: () => serializer.serializeSync('bench-json', JSON_VALUE), decode: () => deserializer.deserializeSync('bench-json', bytes) },
    clients: [
      { name: '@confluentinc/schemaregistry', async: true, encode: () => cfSerializer.serialize('bench-json', JSON_VALUE), decode: () => cfDeserializer.deserialize('bench-json', bytes) },
      { name: '@kafkajs/confluent-schema-registry', async: true, encode: () => kafkajs.encode(id, JSON_VALUE), decode: () => kafkajs.decode(bytes) },
    ],
    bare: { name: 'ajv+JSON', async: false, encode: bareEncode, decode: () => JSON.parse(payload.toString()) },
  }
}

async function protobufTable(ours: RegistryClient, confluent: SchemaRegistryClient, kafkajs: SchemaRegistry): Promise<Table> {
  const serializer = new ProtobufSerializer(ours, { schema: PROTO_SCHEMA })
  const deserializer = new ProtobufDeserializer(ours)
  const bytes = await serializer.serialize('bench-proto', PROTO_INPUT)
  const id = bytes.readInt32BE(1)
  const registry = bufbuildRegistry(PROTO_SCHEMA, 'bench/payment.proto')
  const cfSerializer = new CfProtobufSerializer(confluent, SerdeType.VALUE, { useLatestVersion: true, autoRegisterSchemas: false, registry })
  const cfDeserializer = new CfProtobufDeserializer(confluent, SerdeType.VALUE, {})
  const cfMessage = create(registry.getMessage('bench.Payment')!, { ...PROTO_VALUE, currency: 0 } as never)
  const kafkajsBytes = await kafkajs.encode(id, PROTO_INPUT)
  const type = protobuf.parse(PROTO_SCHEMA, { keepCase: true }).root.lookupType('bench.Payment')
  const conversion = { longs: BigInt, enums: String, defaults: true }
  const payload = type.encode(PROTO_INPUT).finish()

  assert.deepEqual(await cfSerializer.serialize('bench-proto', cfMessage), bytes, 'Confluent writes the same bytes')
  assert.deepEqual(await serializer.serialize('bench-proto', PROTO_VALUE), bytes, 'enum names and bigints give the same bytes')
  assert.deepEqual(Buffer.from(payload), bytes.subarray(6))
  // kafkajs's older protobufjs also writes proto3 fields at their default value (currency 0): other bytes, same message.
  const unindexed = new ProtobufDeserializer(ours, { withoutMessageIndexes: true })
  assert.deepEqual(await unindexed.deserialize('bench-proto', kafkajsBytes), PROTO_VALUE, 'kafkajs writes the same message')
  assert.deepEqual(await deserializer.deserialize('bench-proto', bytes), PROTO_VALUE)
  assert.deepEqual(type.toObject(type.decode(payload), conversion), PROTO_VALUE)
  const theirs = (await cfDeserializer.deserialize('bench-proto', bytes)) as Record<string, unknown>
  assert.deepEqual([theirs.id, theirs.createdAt, theirs.attributes], [PROTO_VALUE.id, PROTO_VALUE.createdAt, PROTO_VALUE.attributes])
  assert.equal(((await kafkajs.decode(kafkajsBytes)) as Record<string, unknown>).customer, PROTO_VALUE.customer)
  return {
    format: 'protobuf',
    ours: { name: 'schemaport', async: true, encode: () => serializer.serialize('bench-proto', PROTO_INPUT), decode: () => deserializer.deserialize('bench-proto', bytes) },
    oursSync: { name: 'schemaport sync', async: false, encode: () => serializer.serializeSync('bench-proto', PROTO_INPUT), decode: () => deserializer.deserializeSync('bench-proto', bytes) },
    clients: [
      { name: '@confluentinc/schemaregistry', async: true, encode: () => cfSerializer.serialize('bench-proto', cfMessage), decode: () => cfDeserializer.deserialize('bench-proto', bytes) },
      { name: '@kafkajs/confluent-schema-registry', async: true, encode: () => kafkajs.encode(id, PROTO_INPUT), decode: () => kafkajs.decode(kafkajsBytes) },
    ],
    bare: { name: 'protobufjs', async: false, encode: () => type.encode(PROTO_INPUT).finish(), decode: () => type.toObject(type.decode(payload), conversion) },
  }
}

export async function run(): Promise<string[]> {
  const server = await registryServer()
  const confluent = new SchemaRegistryClient({ baseURLs: [server.url], maxRetries: 0 })
  try {
    const ours = new RegistryClient({ baseUrls: server.url })
    const kafkajs = new SchemaRegistry({ host: server.url })
    const tables = [await avroTable(ours, confluent, kafkajs), await jsonTable(ours, confluent, kafkajs), await protobufTable(ours, confluent, kafkajs)]
    const lines = [
      'warm caches, one message at a time, best of 5 rounds of 400 ms; JSON writers all validate; Protobuf writes take enums and ' +
        'int64 as numbers (Confluent: a @bufbuild message), reads return plain objects (ours and protobufjs: toObject with ' +
        'longs BigInt, enums String, defaults), @bufbuild messages (Confluent), protobufjs messages (kafkajs)',
    ]
    for (const table of tables) lines.push(...(await measure(table)))
    return lines
  } finally {
    confluent.close()
    await server.close()
  }
}
