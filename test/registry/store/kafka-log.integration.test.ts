// The Kafka log against a real broker: the SchemaLog contract, topics as the Confluent registry and Karapace
// write them, the topic checks, two instances on one topic and writer fencing.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { test } from 'node:test'
import { createKafka } from '../../../src/kafka/connection.ts'
import { KafkaLog } from '../../../src/registry/store/kafka/kafka-log.ts'
import type { KafkaLogOptions } from '../../../src/registry/store/kafka/kafka-log.ts'
import type { LogRecord } from '../../../src/registry/store/schema-log.ts'
import { brokerForFile, waitUntil } from '../../support/kafka-broker.ts'
import { openCollecting, schemaKey, schemaLogContract, schemaRecord } from './schema-log.contract.ts'

const broker = brokerForFile()

const uniqueTopic = (): string => `schemas-${randomUUID()}`
/** Without the NOOP records a log writes to catch up (after claiming the writer, or a failed append). */
const data = (records: readonly LogRecord[]) => records.filter((r) => r.key !== '{"keytype":"NOOP","magic":0}')
const connection = () => ({ bootstrapServers: [broker().bootstrap] })
/** A log on `topic`; a 5 s timeout, so that a loaded 2-core machine does not fail appends that are merely slow. */
const kafkaLog = (topic: string, options: Partial<KafkaLogOptions> = {}) =>
  new KafkaLog({ connection: connection(), topic, replicationFactor: 1, timeoutMs: 5000, ...options })
/** A raw kafkajs client, from the same factory the log uses: for writing records as other registries do. */
const rawKafka = () => createKafka(connection())

schemaLogContract('KafkaLog', async () => {
  const topic = uniqueTopic()
  const opened: KafkaLog[] = []
  const open = () => {
    const log = kafkaLog(topic)
    opened.push(log)
    return log
  }
  return {
    log: open(),
    reopen: async () => open(),
    cleanup: async () => {
      await Promise.all(opened.map((log) => log.close()))
    },
  }
})

test('reads a topic written by the Confluent registry and Karapace exactly as written, skipping aborted transactions', async () => {
  const topic = uniqueTopic()
  const kafka = rawKafka()
  const admin = kafka.admin()
  await admin.connect()
  await admin.createTopics({
    topics: [{ topic, numPartitions: 1, replicationFactor: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
  })
  await admin.disconnect()
  // As the Confluent registry writes them: modern global keys without subject, NOOP with a null value.
  const confluent: LogRecord[] = [
    { key: '{"keytype":"NOOP","magic":0}', value: null },
    { key: '{"keytype":"CONFIG","magic":0}', value: '{"compatibilityLevel":"FULL"}' },
    { key: '{"keytype":"MODE","magic":0}', value: '{"mode":"READWRITE"}' },
    schemaRecord('orders-value', 1, 1),
    { key: schemaKey('orders-value', 2), value: '{"subject":"orders-value","version":2,"id":2,"schemaType":"AVRO","schema":"\\"long\\"","deleted":false}' },
    { key: '{"keytype":"DELETE_SUBJECT","subject":"orders-value","magic":0}', value: '{"subject":"orders-value","version":2}' },
    { key: schemaKey('orders-value', 1), value: null },
    { key: '{"keytype":"CONTEXT","tenant":"default","context":".staging","magic":0}', value: '{"tenant":"default","context":".staging"}' },
  ]
  // As older Confluent and Karapace write them: "subject":null global keys, a legacy key property order with
  // Python's spacing, a zero-length value as tombstone, and headers on every record.
  const karapace: LogRecord[] = [
    { key: '{"keytype":"CONFIG","subject":null,"magic":0}', value: '{"compatibilityLevel":"BACKWARD"}' },
    { key: '{"subject": "payments-value", "version": 1, "magic": 1, "keytype": "SCHEMA"}', value: '{"subject": "payments-value", "version": 1, "id": 3, "schema": "\\"int\\"", "deleted": false}' },
    { key: '{"subject": "payments-value", "version": 1, "magic": 1, "keytype": "SCHEMA"}', value: '' },
    { key: '{"keytype":"ASSOC","subject":"orders-value","magic":0}', value: '{"association":"future"}' },
  ]
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  await producer.send({ topic, acks: -1, messages: confluent.map((r) => ({ ...r, partition: 0 })) })
  await producer.send({
    topic,
    acks: -1,
    messages: karapace.map((r) => ({ ...r, partition: 0, headers: { 'X-Registry-Version': '4.1.0', 'X-Origin-Host': 'karapace-1' } })),
  })
  await producer.disconnect()
  // A transaction that was aborted (a fenced leader's write) and one that was committed.
  const transactional = kafka.producer({ transactionalId: `tx-${topic}`, idempotent: true, maxInFlightRequests: 1 })
  await transactional.connect()
  const aborted = await transactional.transaction()
  await aborted.send({ topic, acks: -1, messages: [{ key: schemaKey('zombie'), value: '{"aborted":true}', partition: 0 }] })
  await aborted.abort()
  const committed: LogRecord = schemaRecord('after-abort', 1, 4)
  const transaction = await transactional.transaction()
  await transaction.send({ topic, acks: -1, messages: [{ ...committed, partition: 0 }] })
  await transaction.commit()
  await transactional.disconnect()

  const log = kafkaLog(topic)
  const delivered = await openCollecting(log)
  assert.deepEqual(delivered, [...confluent, ...karapace, committed])
  assert.equal(delivered[confluent.length + 2].value, '')
  assert.equal(log.stats().records, confluent.length + karapace.length + 1)
  await log.close()
})

test('creates a missing topic compacted, with one partition', async () => {
  const topic = uniqueTopic()
  const log = kafkaLog(topic, { replicationFactor: 3 })
  await openCollecting(log)
  await log.close()
  const admin = rawKafka().admin()
  await admin.connect()
  const metadata = await admin.fetchTopicMetadata({ topics: [topic] })
  const configs = await admin.describeConfigs({ resources: [{ type: 2, name: topic, configNames: ['cleanup.policy'] }], includeSynonyms: false })
  await admin.disconnect()
  assert.deepEqual(
    [metadata.topics[0].partitions.length, metadata.topics[0].partitions[0].replicas.length, configs.resources[0].configEntries[0].configValue],
    [1, 1, 'compact'],
  )
})

test('refuses a topic that is not compacted, or has two partitions, naming the problem', async () => {
  const admin = rawKafka().admin()
  await admin.connect()
  const deleting = uniqueTopic(), split = uniqueTopic()
  await admin.createTopics({
    topics: [
      { topic: deleting, numPartitions: 1, replicationFactor: 1, configEntries: [{ name: 'cleanup.policy', value: 'delete' }] },
      { topic: split, numPartitions: 2, replicationFactor: 1, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] },
    ],
  })
  await admin.disconnect()
  const deletingLog = kafkaLog(deleting)
  await assert.rejects(deletingLog.open(() => {}), /topic '.*' has cleanup.policy=delete; the registry log needs cleanup.policy=compact/)
  const splitLog = kafkaLog(split)
  await assert.rejects(splitLog.open(() => {}), /topic '.*' has 2 partitions; the registry log needs exactly 1/)
  assert.deepEqual([deletingLog.ready(), splitLog.ready()], [false, false])
  await Promise.all([deletingLog.close(), splitLog.close()])
})

test('two logs on one topic deliver each other\'s records, in one order', async () => {
  const topic = uniqueTopic()
  const a = kafkaLog(topic), b = kafkaLog(topic)
  const [seenByA, seenByB] = await Promise.all([openCollecting(a), openCollecting(b)])
  await Promise.all([a.append([schemaRecord('from-a')]), b.append([schemaRecord('from-b')])])
  await a.append([schemaRecord('from-a', 2)])
  await waitUntil(() => seenByB.length === 3, 5000, 'b to read all three records')
  assert.equal(seenByA.length, 3)
  assert.deepEqual(seenByA, seenByB)
  await Promise.all([a.close(), b.close()])
})

test('a second log claiming the writer fences the first: its next append fails with 50001', async () => {
  const topic = uniqueTopic()
  const lost: string[] = []
  const first = kafkaLog(topic, { onWriterLost: (mode) => lost.push(mode) }), second = kafkaLog(topic)
  const [seenByFirst, seenBySecond] = await Promise.all([openCollecting(first), openCollecting(second)])
  await first.claimWriter('schema-registry-leader')
  await first.append([schemaRecord('led-by-first')])
  await second.claimWriter('schema-registry-leader')
  assert.deepEqual(data(seenBySecond), [schemaRecord('led-by-first')], 'the claim reads everything written before it')
  await assert.rejects(first.append([schemaRecord('deposed')]), { errorCode: 50001, message: /fenc/ })
  await second.append([schemaRecord('led-by-second')])
  await waitUntil(() => data(seenByFirst).length === 2, 5000, 'the first log to read the second one\'s record')
  assert.deepEqual(data(seenByFirst), [schemaRecord('led-by-first'), schemaRecord('led-by-second')])
  assert.deepEqual(data(seenBySecond), data(seenByFirst))
  assert.deepEqual([first.status().writer, second.status().writer, lost], ['fenced', 'transactional', ['fenced']])
  await assert.rejects(first.append([schemaRecord('still-deposed')]), { errorCode: 50001 })
  await Promise.all([first.close(), second.close()])
})
