// Catch-up at start-up from a `_schemas` topic of 100,000 records in Confluent's format: seconds until the
// registry on the Kafka store is open, and resident memory after, in a fresh process each; the baseline is the
// same process catching up with the bare Kafka log (a no-op listener). Then the seconds until a real
// `schemaport registry --store kafka` on that topic answers /ready, beside the same command on an empty topic.
// Goal: < 5 s.

import { createKafka, silentLogger } from '../src/kafka/connection.ts'
import { ensureLogTopic } from '../src/kafka/topic-admin.ts'
import { busyLogRecords } from './support/busy-log.ts'
import { KAFKA_VERSION, withBroker } from './support/kafka-broker.ts'
import { startScript, stop } from './support/process.ts'
import { startRegistry } from './support/schemaport.ts'

const RECORDS = 100_000
/** Records per produce request: about 2 MiB, under the topic's max.message.bytes set below. */
const BATCH = 10_000
const TOPIC = '_schemas'

/** Creates the compacted one-partition topic and produces the records, in order, with acks=all. */
async function writeTopic(bootstrap: string, topic: string, count: number): Promise<void> {
  const kafka = createKafka({ bootstrapServers: [bootstrap], clientId: 'schemaport-bench' })
  await ensureLogTopic(kafka, { topic, replicationFactor: 1, configs: { 'max.message.bytes': String(16 * 1024 * 1024) } }, silentLogger)
  if (count === 0) return
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false })
  await producer.connect()
  try {
    const records = busyLogRecords(count)
    for (let i = 0; i < records.length; i += BATCH) {
      const messages = records.slice(i, i + BATCH).map(({ key, value }) => ({ key, value, partition: 0 }))
      await producer.send({ topic, acks: -1, messages })
    }
  } finally {
    await producer.disconnect()
  }
}

async function measure(bootstrap: string, mode: 'registry' | 'log'): Promise<{ seconds: number; rssMiB: number }> {
  const started = await startScript('support/kafka-catch-up.ts', [bootstrap, TOPIC, mode])
  const [seconds, rss, records, skipped] = started.ready.map(Number)
  await stop(started)
  if (records !== RECORDS || skipped !== 0) throw new Error(`${mode}: read ${records} records of ${RECORDS}, ${skipped} skipped`)
  return { seconds, rssMiB: rss / 1024 / 1024 }
}

/** Seconds from spawning `schemaport registry --store kafka` on `topic` until it prints its URL and until /ready is 200. */
async function serve(bootstrap: string, topic: string): Promise<{ listening: number; ready: number }> {
  const args = ['--store', 'kafka', '--bootstrap-servers', bootstrap, '--kafka-topic', topic, '--kafka-replication-factor', '1']
  const server = await startRegistry([...args, '--group-id', `bench-${topic}`])
  try {
    const listening = (performance.now() - server.spawnedAt) / 1000
    await server.ready()
    return { listening, ready: (performance.now() - server.spawnedAt) / 1000 }
  } finally {
    await server.stop()
  }
}

export async function run(): Promise<string[]> {
  return withBroker(async (bootstrap) => {
    await writeTopic(bootstrap, TOPIC, RECORDS)
    await writeTopic(bootstrap, '_schemas_empty', 0)
    const log = await measure(bootstrap, 'log')
    const registry = await measure(bootstrap, 'registry')
    const empty = await serve(bootstrap, '_schemas_empty')
    const full = await serve(bootstrap, TOPIC)
    const n = RECORDS.toLocaleString('en-US')
    return [
      `catch-up of ${n} records (Kafka ${KAFKA_VERSION}, produced in batches of ${BATCH.toLocaleString('en-US')}): ${registry.seconds.toFixed(2)} s (goal < 5 s), ${registry.rssMiB.toFixed(0)} MiB RSS; ` +
        `bare Kafka log ${log.seconds.toFixed(2)} s, ${log.rssMiB.toFixed(0)} MiB; registry/log ${(registry.seconds / log.seconds).toFixed(2)}x`,
      `schemaport registry --store kafka, from spawn: /ready after ${full.ready.toFixed(2)} s on ${n} records (listening after ` +
        `${full.listening.toFixed(2)} s); ${empty.ready.toFixed(2)} s on an empty topic (listening after ${empty.listening.toFixed(2)} s); ` +
        `ratio ${(full.ready / empty.ready).toFixed(2)}x`,
    ]
  })
}
