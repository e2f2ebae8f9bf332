// Fault test 4 of issue 4: a topic pre-filled, byte for byte, with what a Confluent registry wrote (deletes,
// configs, modes, tombstones, an import, a rejected duplicate id, records of unknown type) is served by a real
// registry process exactly as Confluent serves it, and new registrations carry on its id and version counters.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, test } from 'node:test'
import { createKafka } from '../../../src/kafka/connection.ts'
import { CONFLUENT_TOPIC, CUSTOMER_REFERENCE, SCHEMAS } from '../../fixtures/kafka/confluent-topic.ts'
import { startKafkaBroker } from '../../support/kafka-broker.ts'
import type { TestKafkaBroker } from '../../support/kafka-broker.ts'
import type { RegistryProcess } from '../../support/registry-process.ts'
import { call, eventually, newGroup, startInstance } from '../../support/registry-instances.ts'

let broker: TestKafkaBroker
let instance: RegistryProcess | undefined
let groupId: string

before(async () => {
  broker = await startKafkaBroker()
  const group = { ...newGroup(broker.bootstrap), topic: `_schemas_confluent_${randomUUID().slice(0, 8)}` }
  groupId = group.groupId
  await fillTopic(group.topic)
  instance = await startInstance(group)
})
after(async () => {
  await instance?.stop()
  await broker?.close()
})

/** Creates the topic as Confluent does (compacted, one partition) and writes the history in one ordered batch. */
async function fillTopic(topic: string): Promise<void> {
  const kafka = createKafka({ bootstrapServers: [broker.bootstrap] })
  const admin = kafka.admin()
  await admin.connect()
  await admin.createTopics({
    topics: [{ topic, numPartitions: 1, replicationFactor: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
  })
  await admin.disconnect()
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  await producer.send({ topic, acks: -1, messages: CONFLUENT_TOPIC.map((r) => ({ ...r, partition: 0 })) })
  await producer.disconnect()
}

const get = (path: string) => call('GET', `${instance!.url}${path}`)

/** The path is part of both sides, so a failing diff names the request. */
async function expectBody(path: string, body: unknown): Promise<void> {
  const answer = await get(path)
  assert.deepEqual({ path, status: answer.status, body: answer.body }, { path, status: 200, body })
}

async function expectError(path: string, status: number, errorCode: number): Promise<void> {
  const answer = await get(path)
  assert.deepEqual({ path, status: answer.status, errorCode: answer.body?.error_code }, { path, status, errorCode })
}

/** Registers through the instance, waiting out the moments before it leads (50004) or has claimed the log (50002). */
async function register(subject: string, body: object) {
  return eventually(`registering under ${subject}`, 30_000, async () => {
    const answer = await call('POST', `${instance!.url}/subjects/${subject}/versions`, body)
    return answer.status === 500 && [50002, 50004].includes(answer.body?.error_code) ? undefined : answer
  })
}

const bySubject = (a: { subject: string }, b: { subject: string }) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0)

const LIVE_SUBJECTS = [
  'customer',
  'inventory-value',
  'order-event-value',
  'orders-archive-value',
  'orders-value',
  'profile-value',
  'shipment-value',
]

test('lists subjects with a live version; deleted=true adds soft-deleted ones, never hard-deleted or rejected ones', async () => {
  await expectBody('/subjects', LIVE_SUBJECTS)
  // Spec 3.2: legacy-value was hard-deleted; payments-value only ever had the rejected duplicate-id record.
  await expectBody('/subjects?deleted=true', ['audit-value', ...LIVE_SUBJECTS])
  await expectBody('/subjects?deletedOnly=true', ['audit-value'])
})

test('GET /schemas?deleted=true serves every stored version, sorted by subject then version', async () => {
  await expectBody('/schemas?deleted=true', [
    { subject: 'audit-value', version: 1, id: 9, schema: SCHEMAS.audit1 },
    { subject: 'audit-value', version: 2, id: 10, schema: SCHEMAS.audit2 },
    { subject: 'customer', version: 1, id: 3, schema: SCHEMAS.customer },
    { subject: 'inventory-value', version: 1, id: 100, schema: SCHEMAS.importedStock },
    { subject: 'order-event-value', version: 1, id: 4, references: [CUSTOMER_REFERENCE], schema: SCHEMAS.orderEvent },
    { subject: 'orders-archive-value', version: 1, id: 2, schema: SCHEMAS.order2 },
    { subject: 'orders-value', version: 2, id: 2, schema: SCHEMAS.order2 },
    { subject: 'orders-value', version: 3, id: 8, schema: SCHEMAS.order4 },
    { subject: 'orders-value', version: 4, id: 101, schema: SCHEMAS.order5 },
    { subject: 'profile-value', version: 1, id: 5, schemaType: 'JSON', schema: SCHEMAS.profile },
    { subject: 'shipment-value', version: 1, id: 6, schemaType: 'PROTOBUF', schema: SCHEMAS.shipment },
  ])
})

test('a soft-deleted version answers 40402 unless deleted=true; a hard-deleted one 40402 even then', async () => {
  await expectBody('/subjects/orders-value/versions', [2, 3])
  await expectBody('/subjects/orders-value/versions?deleted=true', [2, 3, 4])
  await expectError('/subjects/orders-value/versions/4', 404, 40402)
  await expectBody('/subjects/orders-value/versions/4?deleted=true', { subject: 'orders-value', version: 4, id: 101, schema: SCHEMAS.order5 })
  // Spec 3.8: after a hard delete (here an empty value, spec 5.1) the version is gone even for deleted=true.
  await expectError('/subjects/orders-value/versions/1', 404, 40402)
  await expectError('/subjects/orders-value/versions/1?deleted=true', 404, 40402)
  // Version 3 was hard-deleted and handed out again: the later record is the one served.
  const v3 = { subject: 'orders-value', version: 3, id: 8, schema: SCHEMAS.order4 }
  await expectBody('/subjects/orders-value/versions/3', v3)
  // Spec 1.3: latest skips the soft-deleted version 4, even with deleted=true.
  await expectBody('/subjects/orders-value/versions/latest', v3)
  await expectBody('/subjects/orders-value/versions/latest?deleted=true', v3)
})

test('a subject soft-deleted by DELETE_SUBJECT answers 40401 unless deleted=true', async () => {
  await expectError('/subjects/audit-value/versions', 404, 40401)
  await expectBody('/subjects/audit-value/versions?deleted=true', [1, 2])
  // Spec 3.5: 40401 when no version is visible under the filter, whichever version is asked for.
  await expectError('/subjects/audit-value/versions/1', 404, 40401)
  await expectError('/subjects/audit-value/versions/latest', 404, 40401)
  await expectBody('/subjects/audit-value/versions/2?deleted=true', { subject: 'audit-value', version: 2, id: 10, schema: SCHEMAS.audit2 })
})

test('a subject hard-deleted to its last version is gone, with its config and mode', async () => {
  await expectError('/subjects/legacy-value/versions?deleted=true', 404, 40401)
  await expectError('/subjects/legacy-value/versions/1?deleted=true', 404, 40401)
  // Spec 2.6: the subject's CONFIG and MODE tombstones follow its SCHEMA tombstones.
  await expectError('/config/legacy-value', 404, 40408)
  await expectError('/mode/legacy-value', 404, 40409)
  await expectError('/schemas/ids/102', 404, 40403)
  await expectError('/schemas/ids/103', 404, 40403)
})

test('CLEAR_SUBJECT drops the soft-deleted versions; the version imported after it stays', async () => {
  // Spec 5.3: soft-deleted version 2 (id 12) is gone, though no tombstone was written for it.
  await expectBody('/subjects/inventory-value/versions?deleted=true', [1])
  await expectBody('/subjects/inventory-value/versions/1', { subject: 'inventory-value', version: 1, id: 100, schema: SCHEMAS.importedStock })
  await expectError('/schemas/ids/11', 404, 40403)
  await expectError('/schemas/ids/12', 404, 40403)
})

test('serves JSON and Protobuf schemas with their type, and a referencing schema with its references', async () => {
  await expectBody('/subjects/profile-value/versions/1', { subject: 'profile-value', version: 1, id: 5, schemaType: 'JSON', schema: SCHEMAS.profile })
  await expectBody('/subjects/shipment-value/versions/latest', {
    subject: 'shipment-value',
    version: 1,
    id: 6,
    schemaType: 'PROTOBUF',
    schema: SCHEMAS.shipment,
  })
  await expectBody('/subjects/order-event-value/versions/1', {
    subject: 'order-event-value',
    version: 1,
    id: 4,
    references: [CUSTOMER_REFERENCE],
    schema: SCHEMAS.orderEvent,
  })
  // Spec 1.4: no schemaType for AVRO.
  await expectBody('/schemas/ids/3', { schema: SCHEMAS.customer })
  await expectBody('/schemas/ids/4', { schema: SCHEMAS.orderEvent, references: [CUSTOMER_REFERENCE] })
  await expectBody('/schemas/ids/5', { schema: SCHEMAS.profile, schemaType: 'JSON' })
  await expectBody('/schemas/ids/6', { schema: SCHEMAS.shipment, schemaType: 'PROTOBUF' })
  await expectBody('/subjects/customer/versions/1/referencedby', [4])
})

test('resolves ids as Confluent does: soft-deleted ones still, hard-deleted ones no more, a duplicate id by its first content', async () => {
  // Spec 2.6: a soft-deleted version keeps its id resolvable, but only deleted=true lists it (spec 3.13).
  await expectBody('/schemas/ids/101', { schema: SCHEMAS.order5 })
  await expectBody('/schemas/ids/101/versions', [])
  await expectBody('/schemas/ids/101/versions?deleted=true', [{ subject: 'orders-value', version: 4 }])
  await expectBody('/schemas/ids/101/subjects', [])
  await expectBody('/schemas/ids/101/subjects?deleted=true', ['orders-value'])
  await expectBody('/schemas/ids/10', { schema: SCHEMAS.audit2 })
  // Spec 2.1: an id whose every version was hard-deleted is forgotten (id 1 by an empty-value tombstone).
  await expectError('/schemas/ids/1', 404, 40403)
  await expectError('/schemas/ids/7', 404, 40403)
  // Spec 5.3: the second record for id 2 names other content and is skipped; the first one wins.
  await expectBody('/schemas/ids/2', { schema: SCHEMAS.order2 })
  await expectError('/subjects/payments-value/versions?deleted=true', 404, 40401)
  // Spec 3.13 fixes no order for these lists: compared sorted.
  const versions = await get('/schemas/ids/2/versions')
  assert.deepEqual(versions.body.sort(bySubject), [
    { subject: 'orders-archive-value', version: 1 },
    { subject: 'orders-value', version: 2 },
  ])
  const subjects = await get('/schemas/ids/2/subjects')
  assert.deepEqual(subjects.body.sort(), ['orders-archive-value', 'orders-value'])
})

test('serves global and subject configs and modes; tombstones remove them', async () => {
  await expectBody('/config', { compatibilityLevel: 'FULL' })
  await expectBody('/mode', { mode: 'READWRITE' })
  // The later of two CONFIG records for one subject wins.
  await expectBody('/config/shipment-value', { compatibilityLevel: 'FORWARD_TRANSITIVE' })
  await expectBody('/mode/shipment-value', { mode: 'READONLY' })
  await expectError('/config/profile-value', 404, 40408)
  await expectError('/mode/profile-value', 404, 40409)
  // Spec 3.15/3.16: defaultToGlobal falls back to the global config and mode.
  await expectBody('/config/profile-value?defaultToGlobal=true', { compatibilityLevel: 'FULL' })
  await expectBody('/mode/profile-value?defaultToGlobal=true', { mode: 'READWRITE' })
  await expectError('/mode/inventory-value', 404, 40409)
})

// The only test that writes: the tests before it read the history as it was written.
test('new registrations continue the log: next id after the highest id seen, next version after the highest stored', async () => {
  const order6 = await register('orders-value', { schema: SCHEMAS.order6 })
  // Spec 2.1: the highest id in the log is 103 (legacy-value, since hard-deleted); ids are never handed out twice.
  assert.deepEqual([order6.status, order6.body.id], [200, 104], JSON.stringify(order6.body))
  // Spec 2.1 (R-VERSION-NUM): the highest stored version is the soft-deleted 4, so the new one is 5.
  await expectBody('/subjects/orders-value/versions', [2, 3, 5])
  await expectBody('/subjects/orders-value/versions/latest', { subject: 'orders-value', version: 5, id: 104, schema: SCHEMAS.order6 })

  const ids: number[] = []
  for (const [subject, schema] of [
    ['orders-copy-value', SCHEMAS.order2], // live content: its id is reused (spec 2.1)
    ['orders-backup-value', SCHEMAS.order5], // content held only by a soft-deleted version: reused too
    ['payments-value', SCHEMAS.payment], // the rejected duplicate left nothing behind: a new id
    ['orders-history-value', SCHEMAS.order1], // content whose versions were all hard-deleted: a new id
  ]) {
    const answer = await register(subject, { schema })
    assert.equal(answer.status, 200, JSON.stringify(answer.body))
    ids.push(answer.body.id)
  }
  assert.deepEqual(ids, [2, 101, 105, 106])
  // The subject-level READONLY mode read from the log still holds.
  const shipment = await register('shipment-value', { schemaType: 'PROTOBUF', schema: 'syntax = "proto3";\nmessage Other {\n  string a = 1;\n}\n' })
  assert.deepEqual([shipment.status, shipment.body.error_code], [422, 42205])
})

test('/v1/metadata/id names the Kafka cluster the registry reads from, and its group', async () => {
  const admin = createKafka({ bootstrapServers: [broker.bootstrap] }).admin()
  await admin.connect()
  const { clusterId } = await admin.describeCluster()
  await admin.disconnect()
  await expectBody('/v1/metadata/id', { scope: { path: [], clusters: { 'kafka-cluster': clusterId, 'schema-registry-cluster': groupId } } })
})
