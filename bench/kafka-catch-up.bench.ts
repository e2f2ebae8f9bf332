// Catch-up at start-up from a `_schemas` topic of 100,000 records in Confluent's format: seconds until the
// registry on the Kafka store is open, and resident memory after, in a fresh process each; the baseline is the
// same process catching up with the bare Kafka log (a no-op listener). The topic is read in two shapes: produced
// in batches of 10,000 records (optimistic), and one record batch per record, as registries write it. Then a
// topic where each record is its own committed transaction, as schemaport's leader writes, so a commit marker
// (a batch too) follows each record: filling it with 100,000 would take minutes, so 10,000 are compared per
// record with 10,000 one batch each, and that ratio applied to the 100,000 one batch each estimates the full
// size. Last, the seconds until a real `schemaport registry --store kafka` on the batched topic answers /ready,
// beside the same command on an empty topic.
// Goal: < 5 s.

import { KAFKA_VERSION, withBroker } from './support/kafka-broker.ts'
import { startScript, stop } from './support/process.ts'
import { startRegistry } from './support/schemaport.ts'
import { writeBatches, writeOneBatchEach, writeOneTransactionEach } from './support/schemas-topic.ts'

const RECORDS = 100_000
/** Records per produce request: about 3 MiB, under the topic's max.message.bytes. */
const BATCH = 10_000
/** Records of the transactional topic: 64 producers commit about 1,000 transactions a second on two cores. */
const TRANSACTIONS = 10_000
const WRITERS = 64
const TOPIC = '_schemas'
const SINGLES = '_schemas_one_batch_each'
const FEW_SINGLES = '_schemas_few_one_batch_each'
const COMMITTED = '_schemas_one_transaction_each'
const EMPTY = '_schemas_empty'

interface CatchUp {
  readonly seconds: number
  readonly rssMiB: number
}

interface Both {
  readonly registry: CatchUp
  readonly log: CatchUp
}

async function measure(bootstrap: string, topic: string, mode: 'registry' | 'log', expected: number): Promise<CatchUp> {
  const started = await startScript('support/kafka-catch-up.ts', [bootstrap, topic, mode])
  const [seconds, rss, records, skipped] = started.ready.map(Number)
  await stop(started)
  if (records !== expected || skipped !== 0) throw new Error(`${mode} on ${topic}: read ${records} records of ${expected}, ${skipped} skipped`)
  return { seconds, rssMiB: rss / 1024 / 1024 }
}

/** The registry, then the bare log. */
async function measureBoth(bootstrap: string, topic: string, expected: number): Promise<Both> {
  const log = await measure(bootstrap, topic, 'log', expected)
  const registry = await measure(bootstrap, topic, 'registry', expected)
  return { registry, log }
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

const count = (n: number) => n.toLocaleString('en-US')
const figures = ({ registry, log }: Both, goal = ' (goal < 5 s)') =>
  `${registry.seconds.toFixed(2)} s${goal}, ${registry.rssMiB.toFixed(0)} MiB RSS; bare Kafka log ` +
  `${log.seconds.toFixed(2)} s, ${log.rssMiB.toFixed(0)} MiB; registry/log ${(registry.seconds / log.seconds).toFixed(2)}x`

export async function run(): Promise<string[]> {
  return withBroker(async (bootstrap) => {
    await writeBatches(bootstrap, TOPIC, RECORDS, BATCH)
    await writeBatches(bootstrap, EMPTY, 0, BATCH)
    const singlesFill = await writeOneBatchEach(bootstrap, SINGLES, RECORDS)
    await writeOneBatchEach(bootstrap, FEW_SINGLES, TRANSACTIONS)
    const committedFill = await writeOneTransactionEach(bootstrap, COMMITTED, TRANSACTIONS, WRITERS)

    const batched = await measureBoth(bootstrap, TOPIC, RECORDS)
    const singles = await measureBoth(bootstrap, SINGLES, RECORDS)
    const fewSingles = await measureBoth(bootstrap, FEW_SINGLES, TRANSACTIONS)
    const committed = await measureBoth(bootstrap, COMMITTED, TRANSACTIONS)
    const empty = await measureBoth(bootstrap, EMPTY, 0)
    const emptyServe = await serve(bootstrap, EMPTY)
    const fullServe = await serve(bootstrap, TOPIC)

    // Microseconds per record beyond the catch-up of the empty topic (connecting, the topic checks).
    const us = (of: Both, c: keyof Both, records: number) => ((of[c].seconds - empty[c].seconds) / records) * 1e6
    const ratio = (c: keyof Both) => us(committed, c, TRANSACTIONS) / us(fewSingles, c, TRANSACTIONS)
    // The transactional topic's catch-up at full size: that of the topic one batch each, scaled by the ratio
    // measured at 10,000 records of each.
    const estimate = empty.registry.seconds + (singles.registry.seconds - empty.registry.seconds) * ratio('registry')
    return [
      `catch-up of ${count(RECORDS)} records (Kafka ${KAFKA_VERSION}, produced in batches of ${count(BATCH)}): ${figures(batched)}`,
      `catch-up of ${count(RECORDS)} records, one record batch each (as registries write them; produced at ` +
        `${count(Math.round(RECORDS / singlesFill))} records/s): ${figures(singles)}; against batches of ${count(BATCH)}: registry ` +
        `${(singles.registry.seconds / batched.registry.seconds).toFixed(2)}x, log ${(singles.log.seconds / batched.log.seconds).toFixed(2)}x`,
      `catch-up of ${count(TRANSACTIONS)} records, each its own committed transaction (a record batch and a commit marker, as ` +
        `schemaport's leader writes; produced by ${WRITERS} transactional producers, ${((committedFill / TRANSACTIONS) * 1e3).toFixed(2)} ms ` +
        `a record): ${figures(committed, '')}; per record beyond an empty topic's catch-up: registry ` +
        `${us(committed, 'registry', TRANSACTIONS).toFixed(1)} µs, log ${us(committed, 'log', TRANSACTIONS).toFixed(1)} µs, against ` +
        `${us(fewSingles, 'registry', TRANSACTIONS).toFixed(1)} µs and ${us(fewSingles, 'log', TRANSACTIONS).toFixed(1)} µs for ` +
        `${count(TRANSACTIONS)} records one batch each (${ratio('registry').toFixed(2)}x, ${ratio('log').toFixed(2)}x); so ` +
        `${count(RECORDS)} such records: about ${estimate.toFixed(1)} s (goal < 5 s)`,
      `schemaport registry --store kafka, from spawn: /ready after ${fullServe.ready.toFixed(2)} s on ${count(RECORDS)} records (listening after ` +
        `${fullServe.listening.toFixed(2)} s); ${emptyServe.ready.toFixed(2)} s on an empty topic (listening after ${emptyServe.listening.toFixed(2)} s); ` +
        `ratio ${(fullServe.ready / emptyServe.ready).toFixed(2)}x`,
    ]
  })
}
