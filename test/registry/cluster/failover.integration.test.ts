// Fault test 1 of issue 4: two instances take registrations concurrently (the follower forwarding to the
// leader); the leader is SIGKILLed mid-way and the survivor takes over. Afterwards a restarted instance and the
// survivor both serve every acknowledged registration with the id it was acknowledged with, and no id names
// two different schemas: the new leader fenced the old one and read the whole log before allocating ids.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { brokerForFile } from '../../support/kafka-broker.ts'
import type { RegistryProcess } from '../../support/registry-process.ts'
import { avro, call, eventually, newGroup, startInstance } from '../../support/registry-instances.ts'

interface Ack {
  readonly subject: string
  readonly schema: string
  readonly id: number
  readonly version: number
}

const TOTAL = 2300
const KILL_AT = 1000
/** Registrations the survivor must acknowledge as leader, after the kill. */
const AFTER_KILL = 300
const WORKERS_PER_INSTANCE = 8

const broker = brokerForFile()

/** Registers distinct schemas through `instance` (every twentieth one shared by several subjects, so its id must
 * be reused) until `done()`; a worker whose instance is gone stops, other failures are retried. */
async function register(instance: RegistryProcess, name: string, acks: Ack[], done: () => boolean): Promise<void> {
  let n = 0
  const worker = async (w: number) => {
    while (!done()) {
      const i = n++
      const schema = avro(i % 20 === 0 ? `Shared${i % 7}` : `${name}_${w}_${i}`)
      const subject = `${name}-${w}-${i}`
      let answer
      try {
        answer = await call('POST', `${instance.url}/subjects/${subject}/versions`, { schema })
      } catch {
        if (instance.child.exitCode !== null || instance.child.signalCode !== null) return
        continue
      }
      if (answer.status === 200) acks.push({ subject, schema, id: answer.body.id, version: answer.body.version })
      else await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  await Promise.all(Array.from({ length: WORKERS_PER_INSTANCE }, (_, w) => worker(w)))
}

async function verify(instance: RegistryProcess, acks: readonly Ack[]): Promise<void> {
  let next = 0
  const check = async () => {
    for (let i = next++; i < acks.length; i = next++) {
      const ack = acks[i]
      const version = await call('GET', `${instance.url}/subjects/${ack.subject}/versions/${ack.version}`)
      assert.equal(version.status, 200, `${instance.url}: ${ack.subject} v${ack.version}: ${JSON.stringify(version.body)}`)
      assert.equal(version.body.id, ack.id, `${instance.url}: ${ack.subject} v${ack.version} keeps its id`)
      const byId = await call('GET', `${instance.url}/schemas/ids/${ack.id}`)
      assert.equal(byId.body.schema, version.body.schema, `${instance.url}: id ${ack.id} names the acknowledged schema`)
    }
  }
  await Promise.all(Array.from({ length: 16 }, check))
  const seen = new Map<number, string>()
  for (let offset = 0; ; offset += 1000) {
    const page = await call('GET', `${instance.url}/schemas?deleted=true&offset=${offset}&limit=1000`)
    for (const { id, schema } of page.body as { id: number; schema: string }[]) {
      assert.ok(!seen.has(id) || seen.get(id) === schema, `${instance.url}: id ${id} names two different schemas`)
      seen.set(id, schema)
    }
    if (page.body.length < 1000) break
  }
}

test('the survivor of a SIGKILLed leader takes over, and no acknowledged registration is lost or renumbered', { timeout: 100_000 }, async (t) => {
  const group = newGroup(broker().bootstrap)
  const first = await startInstance(group, [], t)
  const second = await startInstance(group, [], t)
  // The leader is the instance with the smallest URL, compared as text (spec 5.5).
  const [leader, survivor] = first.url < second.url ? [first, second] : [second, first]
  for (const instance of [leader, survivor]) {
    await eventually(`a write through ${instance.url}`, 20_000, async () => {
      const answer = await call('PUT', `${instance.url}/config`, { compatibility: 'NONE' })
      return answer.status === 200 ? true : undefined
    })
  }

  const acks: Ack[] = []
  let killedAt: number | undefined
  const started = Date.now()
  const done = () => killedAt !== undefined && acks.length >= Math.max(TOTAL, killedAt + AFTER_KILL)
  const killer = (async () => {
    await eventually('registrations before the kill', 60_000, async () => (acks.length >= KILL_AT ? true : undefined))
    await leader.stop('SIGKILL')
    killedAt = acks.length
  })()
  await Promise.all([register(leader, 'l', acks, done), register(survivor, 's', acks, done), killer])
  t.diagnostic(`${acks.length} registrations acknowledged in ${Date.now() - started} ms, ${killedAt} before the kill`)

  const ids = new Map<number, string>()
  for (const ack of acks) {
    assert.ok(!ids.has(ack.id) || ids.get(ack.id) === ack.schema, `id ${ack.id} was acknowledged for two different schemas`)
    ids.set(ack.id, ack.schema)
  }
  assert.ok(new Set(acks.map((ack) => ack.schema)).size >= 2000, 'at least 2,000 distinct schemas were acknowledged')

  const restarted = await startInstance(group, [], t)
  await verify(restarted, acks)
  await verify(survivor, acks)
})
