// Fills a compacted one-partition `_schemas` topic with the busy log's records (busy-log.ts) in one of three
// shapes: many records to a record batch (the fastest to fill and to read, but no registry writes that), one
// record batch per record (how the Confluent registry writes: one produce request per registration), or one
// committed transaction per record (a batch and its commit marker: how schemaport's leader writes).

import { createKafka, silentLogger } from '../../src/kafka/connection.ts'
import { ensureLogTopic } from '../../src/kafka/topic-admin.ts'
import { busyLogRecords } from './busy-log.ts'

type Kafka = ReturnType<typeof createKafka>

/** Room for a batch of 10,000 records (about 3 MiB). */
const TOPIC_CONFIGS = { 'max.message.bytes': String(16 * 1024 * 1024) }
const SETTLE_MS = 30_000

/** Creates the topic and produces the records, in order, `batch` to a produce request, with acks=all; resolves
 * with the seconds the producing took. */
export async function writeBatches(bootstrap: string, topic: string, count: number, batch: number): Promise<number> {
  const kafka = await createTopic(bootstrap, topic)
  if (count === 0) return 0
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false })
  await producer.connect()
  try {
    const records = busyLogRecords(count)
    const start = performance.now()
    for (let i = 0; i < records.length; i += batch) {
      const messages = records.slice(i, i + batch).map(({ key, value }) => ({ key, value, partition: 0 }))
      await producer.send({ topic, acks: -1, messages })
    }
    return (performance.now() - start) / 1000
  } finally {
    await producer.disconnect()
  }
}

/**
 * Creates the topic and produces the records, in order, one produce request (so one record batch) each, until
 * all are in the log; resolves with the seconds that took. With acks=0 each request is written to the socket
 * without waiting for the answer of the one before, and the broker handles a connection's requests in order.
 * Overlapping sends with acks=1 were no faster (about 5,000 records/s on two cores, where this does 10,000) and
 * land out of order: kafkajs does not keep the order of concurrent send() calls. acks=0 would lose a record
 * silently, so the end offset is checked, as the catch-up checks the count.
 */
export async function writeOneBatchEach(bootstrap: string, topic: string, count: number): Promise<number> {
  const kafka = await createTopic(bootstrap, topic)
  const producer = kafka.producer({ allowAutoTopicCreation: false })
  await producer.connect()
  try {
    const start = performance.now()
    for (const { key, value } of busyLogRecords(count)) {
      await producer.send({ topic, acks: 0, messages: [{ key, value, partition: 0 }] })
    }
    await waitForEndOffset(kafka, topic, count)
    return (performance.now() - start) / 1000
  } finally {
    await producer.disconnect()
  }
}

/**
 * Creates the topic and produces each record in its own transaction, committed before the producer sends its
 * next, from `writers` transactional producers at once (one alone commits only about 100 a second); resolves
 * with the seconds that took, once every commit marker is in the log.
 * The writers interleave, so a record may land a few dozen places from its turn: in the busy log no subject
 * recurs within 20,000 records, so only the order of the schema ids changes.
 */
export async function writeOneTransactionEach(bootstrap: string, topic: string, count: number, writers: number): Promise<number> {
  const kafka = await createTopic(bootstrap, topic)
  const producers = Array.from({ length: writers }, (_, i) =>
    kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      transactionalId: `schemaport-bench-${topic}-${i}`,
      // A new transaction is refused (CONCURRENT_TRANSACTIONS) until the broker finished the last commit, a few
      // milliseconds: retry soon, as src/kafka/log-writer.ts does.
      retry: { retries: 100, initialRetryTime: 5, maxRetryTime: 1000 },
    }),
  )
  await Promise.all(producers.map((producer) => producer.connect()))
  try {
    const records = busyLogRecords(count)
    let next = 0
    const start = performance.now()
    await Promise.all(
      producers.map(async (producer) => {
        while (next < records.length) {
          const { key, value } = records[next++]
          const transaction = await producer.transaction()
          await transaction.send({ topic, acks: -1, messages: [{ key, value, partition: 0 }] })
          await transaction.commit()
        }
      }),
    )
    // The broker writes the markers after it answered the commits: a reader must find all of them.
    await waitForEndOffset(kafka, topic, 2 * count)
    return (performance.now() - start) / 1000
  } finally {
    await Promise.all(producers.map((producer) => producer.disconnect()))
  }
}

async function createTopic(bootstrap: string, topic: string): Promise<Kafka> {
  const kafka = createKafka({ bootstrapServers: [bootstrap], clientId: 'schemaport-bench' })
  await ensureLogTopic(kafka, { topic, replicationFactor: 1, configs: TOPIC_CONFIGS }, silentLogger)
  return kafka
}

/** Waits until the partition's high watermark reaches `offset`. */
async function waitForEndOffset(kafka: Kafka, topic: string, offset: number): Promise<void> {
  const admin = kafka.admin()
  await admin.connect()
  try {
    const deadline = performance.now() + SETTLE_MS
    for (;;) {
      const end = Number((await admin.fetchTopicOffsets(topic))[0]?.high ?? 0)
      if (end === offset) return
      if (end > offset) throw new Error(`topic ${topic} ends at offset ${end}, past the ${offset} written`)
      if (performance.now() > deadline) throw new Error(`topic ${topic} ends at offset ${end} after ${SETTLE_MS} ms, not at ${offset}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  } finally {
    await admin.disconnect()
  }
}
