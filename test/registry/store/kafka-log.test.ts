// The Kafka log without a broker: options checked at construction, appends refused before open, and an
// unreachable cluster reported within the init timeout.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { KafkaLog } from '../../../src/registry/store/kafka/kafka-log.ts'
import { schemaRecord } from './schema-log.contract.ts'

const connection = { bootstrapServers: ['127.0.0.1:9'] }

test('rejects bad options at construction, naming them', () => {
  assert.throws(() => new KafkaLog({ connection, topic: 'no spaces' }), /topic must be a Kafka topic name, got "no spaces"/)
  assert.throws(() => new KafkaLog({ connection, timeoutMs: 0 }), /timeoutMs must be a positive integer, got 0/)
  assert.throws(() => new KafkaLog({ connection, replicationFactor: 1.5 }), /replicationFactor must be a positive integer, got 1.5/)
  assert.throws(() => new KafkaLog({ connection: { bootstrapServers: ['kafka'] } }), /bootstrap server "kafka" is not host:port/)
})

test('is not ready, and refuses appends with 50001, before open', async () => {
  const log = new KafkaLog({ connection })
  assert.equal(log.ready(), false)
  await assert.rejects(log.append([schemaRecord('early')]), { errorCode: 50001, message: /the log on Kafka topic '_schemas' at 127.0.0.1:9 is not open/ })
  await log.close()
})

test('fails to open within the init timeout when no broker answers, saying where it looked', async () => {
  const log = new KafkaLog({ connection: { ...connection, connectionTimeoutMs: 200 }, initTimeoutMs: 1000 })
  const started = Date.now()
  await assert.rejects(
    log.open(() => {}),
    /^Error: cannot open the registry log on Kafka topic '_schemas' at 127.0.0.1:9: it did not finish within 1000 ms$/,
  )
  assert.ok(Date.now() - started < 2500, `open() took ${Date.now() - started} ms to give up`)
  assert.equal(log.ready(), false)
  await log.close()
})
