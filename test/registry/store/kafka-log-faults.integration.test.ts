// The Kafka log when the broker goes away and comes back, and the registry served from Kafka across a restart
// of the registry and of the broker.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import type { ApiError } from '../../../src/errors.ts'
import { buildRegistryApp } from '../../../src/registry/http/app.ts'
import { Registry } from '../../../src/registry/registry.ts'
import { KafkaLog } from '../../../src/registry/store/kafka/kafka-log.ts'
import type { LogRecord } from '../../../src/registry/store/schema-log.ts'
import { brokerForFile, waitUntil } from '../../support/kafka-broker.ts'
import { avroRecord } from '../../support/registry.ts'
import { openCollecting, schemaRecord } from './schema-log.contract.ts'

const broker = brokerForFile()

const TIMEOUT_MS = 500
const kafkaLog = (topic: string) =>
  new KafkaLog({ connection: { bootstrapServers: [broker().bootstrap] }, topic, replicationFactor: 1, timeoutMs: TIMEOUT_MS })

test('a broker outage fails appends within the timeout, loses nothing acknowledged, and writes resume after it', async (t) => {
  const topic = `schemas-${randomUUID()}`
  const log = kafkaLog(topic)
  t.after(() => log.close())
  const delivered = await openCollecting(log)
  let phase = 'up' as 'up' | 'down' | 'back'
  const acked: { record: LogRecord; phase: typeof phase }[] = []
  const failed: { code: number; ms: number; phase: typeof phase; at: number }[] = []
  let killedAt = Infinity
  let running = true
  const load = (async () => {
    for (let n = 0; running; n++) {
      const record = schemaRecord(`load-${n}`)
      const started = Date.now(), during = phase
      try {
        await log.append([record])
        acked.push({ record, phase: during })
      } catch (error) {
        failed.push({ code: (error as ApiError).errorCode, ms: Date.now() - started, phase: during, at: Date.now() })
      }
    }
  })()
  try {
    await waitUntil(() => acked.length >= 20, 10_000, '20 acknowledged appends')
    killedAt = Date.now()
    await broker().kill()
    phase = 'down'
    await waitUntil(() => failed.filter((f) => f.phase === 'down').length >= 4, 10_000, 'appends to fail while the broker is down')
    // Reads are served from what was read: everything acknowledged is there.
    const keys = new Set(delivered.map((r) => r.key))
    assert.ok(acked.every(({ record }) => keys.has(record.key)), 'every acknowledged record was delivered')
    await broker().restart()
    phase = 'back'
    await waitUntil(() => acked.filter((a) => a.phase === 'back').length >= 10, 30_000, 'appends to succeed after the restart')
  } finally {
    running = false
    await load
  }
  for (const f of failed) {
    assert.ok([50001, 50002].includes(f.code), `an append failed with ${f.code}`)
    assert.ok(f.ms < TIMEOUT_MS + 300, `an append took ${f.ms} ms to fail, over the ${TIMEOUT_MS} ms timeout`)
  }
  assert.ok(failed.every((f) => f.at >= killedAt), 'no append failed before the outage')
  await log.close()
  // A new log replays every acknowledged record, once each, in the order they were acknowledged.
  const again = kafkaLog(topic)
  t.after(() => again.close())
  const replayed = await openCollecting(again)
  // Besides the records appended, the log wrote NOOP records to catch up after failed appends.
  const written = replayed.filter((r) => r.key !== '{"keytype":"NOOP","magic":0}')
  const position = new Map(written.map((r, i) => [r.key, i]))
  assert.equal(position.size, written.length, 'no record was written twice')
  const order = acked.map(({ record }) => position.get(record.key) ?? -1)
  assert.ok(!order.includes(-1), 'every acknowledged record is in the topic')
  assert.deepEqual(order, [...order].sort((a, b) => a - b))
})

interface Served {
  readonly registry: Registry
  readonly app: FastifyInstance
  request(method: 'GET' | 'POST', url: string, body?: unknown): Promise<{ status: number; body: any }>
  close(): Promise<void>
}

async function serve(topic: string): Promise<Served> {
  const registry = await Registry.open({ log: kafkaLog(topic) })
  const app = await buildRegistryApp({ registry, logger: false })
  let closing: Promise<void> | undefined
  return {
    registry,
    app,
    async request(method, url, body) {
      const res = await app.inject({
        method,
        url,
        headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
        payload: body === undefined ? undefined : JSON.stringify(body),
      })
      return { status: res.statusCode, body: res.json() }
    },
    close() {
      closing ??= app.close().then(() => registry.close())
      return closing
    },
  }
}

/** Repeats the request until it answers 200 (writes fail until the log has caught up after the outage). */
async function eventually200(call: () => Promise<{ status: number; body: any }>): Promise<{ status: number; body: any }> {
  const deadline = Date.now() + 30_000
  for (;;) {
    const res = await call()
    if (res.status === 200 || Date.now() > deadline) return res
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

test('the registry serves schemas from Kafka; restarted, it serves the same ids; reads survive a broker outage', async (t) => {
  const topic = `schemas-${randomUUID()}`
  const order = avroRecord('Order', [{ name: 'id', type: 'string' }])
  const orderV2 = avroRecord('Order', [{ name: 'id', type: 'string' }, { name: 'note', type: 'string', default: '' }])
  const payment = avroRecord('Payment', [{ name: 'amount', type: 'double' }])
  const first = await serve(topic)
  t.after(() => first.close())
  const ids = []
  for (const [subject, schema] of [['orders-value', order], ['orders-value', orderV2], ['payments-value', payment]]) {
    const res = await first.request('POST', `/subjects/${subject}/versions`, { schema })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    ids.push(res.body.id)
  }
  assert.deepEqual(ids, [1, 2, 3])
  await first.close()

  const second = await serve(topic)
  t.after(() => second.close())
  assert.deepEqual((await second.request('GET', '/schemas/ids/2')).body, { schema: orderV2 })
  assert.deepEqual((await second.request('GET', '/subjects/orders-value/versions')).body, [1, 2])
  assert.equal((await second.request('POST', '/subjects/payments-value/versions', { schema: payment })).body.id, 3)

  const refund = avroRecord('Refund', [{ name: 'amount', type: 'double' }])
  await broker().stop()
  try {
    assert.deepEqual((await second.request('GET', '/schemas/ids/1')).body, { schema: order })
    const refused = await second.request('POST', '/subjects/refunds-value/versions', { schema: refund })
    assert.deepEqual([refused.status, [50001, 50002].includes(refused.body.error_code)], [500, true])
  } finally {
    await broker().restart()
  }
  // The refused registration may have landed after all (its outcome was unknown): either way Refund is id 4.
  const registered = await eventually200(() => second.request('POST', '/subjects/refunds-value/versions', { schema: refund }))
  assert.equal(registered.body.id, 4, JSON.stringify(registered.body))
  assert.deepEqual((await second.request('GET', '/schemas/ids/4')).body, { schema: refund })
})
