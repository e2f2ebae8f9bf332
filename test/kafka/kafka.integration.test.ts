// src/kafka against the pinned broker: kafkajs 2.2.4 group membership works with it (the cluster layer's leader
// election needs it), and the partition reader stops at an open transaction until it is committed.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { test } from 'node:test'
import { createKafka } from '../../src/kafka/connection.ts'
import type { PartitionRecord } from '../../src/kafka/fetched-records.ts'
import { PartitionReader } from '../../src/kafka/partition-reader.ts'
import { ensureLogTopic } from '../../src/kafka/topic-admin.ts'
import { brokerForFile, waitUntil } from '../support/kafka-broker.ts'

const broker = brokerForFile()

const kafka = () => createKafka({ bootstrapServers: [broker().bootstrap] })

test('a kafkajs consumer joins a group on the pinned broker and reads what was produced', async (t) => {
  const topic = `compat-${randomUUID()}`, groupId = `group-${randomUUID()}`
  const client = kafka()
  await ensureLogTopic(client, { topic, replicationFactor: 1 }, console)
  const producer = client.producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  t.after(() => producer.disconnect())
  await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: 'v', partition: 0 }] })
  // A short fetch wait: disconnect() waits for the fetch in flight.
  const consumer = client.consumer({ groupId, maxWaitTimeInMs: 100 })
  t.after(() => consumer.disconnect())
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  const received: string[] = []
  await consumer.run({ eachMessage: async ({ message }) => void received.push(String(message.value)) })
  await waitUntil(() => received.length === 1, 20_000, 'the consumer to join its group and read the record')
  const admin = client.admin()
  await admin.connect()
  t.after(() => admin.disconnect())
  const { groups } = await admin.describeGroups([groupId])
  assert.deepEqual([received, groups[0].state, groups[0].members.length], [['v'], 'Stable', 1])
})

test('the reader stops before an open transaction and reads it once committed', async (t) => {
  const topic = `reader-${randomUUID()}`
  const client = kafka()
  await ensureLogTopic(client, { topic, replicationFactor: 1 }, console)
  const writer = client.producer({ transactionalId: `tx-${topic}`, idempotent: true, maxInFlightRequests: 1 })
  await writer.connect()
  t.after(() => writer.disconnect())
  const plain = client.producer({ idempotent: true, maxInFlightRequests: 1 })
  await plain.connect()
  t.after(() => plain.disconnect())
  const transaction = await writer.transaction()
  await transaction.send({ topic, acks: -1, messages: [{ key: 'in-tx', value: '1', partition: 0 }] })
  await plain.send({ topic, acks: -1, messages: [{ key: 'after-tx', value: '2', partition: 0 }] })

  const delivered: PartitionRecord[] = []
  const reader = new PartitionReader(client, { topic, onRecords: (records) => delivered.push(...records) })
  t.after(() => reader.stop())
  reader.start()
  assert.equal(await reader.fetchEndOffset(), 0, 'the end a read-committed reader can reach is the open transaction')
  await reader.waitFor(0)
  await transaction.commit()
  // The commit returns before the broker writes the marker that lets read-committed readers see the records.
  await waitUntil(() => delivered.length === 2, 5000, 'the reader to read the committed transaction')
  assert.deepEqual(
    delivered.map((r) => [r.offset, r.key]),
    [
      [0, 'in-tx'],
      [1, 'after-tx'],
    ],
  )
  assert.equal(reader.status().position, 3, 'past the commit marker')
})
