// Fencing, with real processes: the leader is paused (SIGSTOP) long enough for the group to elect the other
// instance, which then registers schemas. A registration sent to the paused leader waits for it; resumed, it
// still believes it leads and decides on its stale state, where the next id is one the new leader already gave.
// Whichever it learns first, that its producer was fenced (50001) or that the group moved on (50002, 50004), or
// even that it should forward, the write must not land under a used id: afterwards both instances agree on every
// acknowledged id, and no id names two schemas. (That a claim fences the earlier writer is proven
// deterministically in test/registry/store/kafka-log.integration.test.ts.)
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { brokerForFile } from '../../support/kafka-broker.ts'
import { avro, call, eventually, newGroup, startInstance } from '../../support/registry-instances.ts'

const broker = brokerForFile()

test('a paused leader that wakes up after a new leader took over cannot write', { timeout: 90_000 }, async (t) => {
  const group = newGroup(broker().bootstrap)
  const first = await startInstance(group, [], t)
  const second = await startInstance(group, [], t)
  // The leader is the instance with the smallest URL, compared as text (spec 5.5).
  const [old, next] = first.url < second.url ? [first, second] : [second, first]
  try {
    const acks = new Map<string, number>()
    /** Registers the record schema named `name` under the subject of the same name. */
    const register = async (via: string, subject: string) => {
      const answer = await call('POST', `${via}/subjects/${subject}/versions`, { schema: avro(subject) })
      if (answer.status === 200) acks.set(subject, answer.body.id)
      return answer
    }
    await eventually('a write through the follower', 20_000, async () => ((await register(next.url, 'Before0')).status === 200 ? true : undefined))
    for (let i = 1; i < 5; i++) assert.equal((await register(old.url, `Before${i}`)).status, 200)

    old.child.kill('SIGSTOP')
    // The group drops the silent leader after its session (6 s) and elects the other, which fences it.
    await eventually('the other instance to take over', 30_000, async () => ((await register(next.url, 'After0')).status === 200 ? true : undefined))
    for (let i = 1; i < 5; i++) assert.equal((await register(next.url, `After${i}`)).status, 200)

    // Sent while it sleeps: the kernel queues the request until the process runs again.
    const stale = register(old.url, 'Stale')
    await new Promise((resolve) => setTimeout(resolve, 200))
    old.child.kill('SIGCONT')
    const answer = await stale
    t.diagnostic(`the resumed leader answered ${answer.status} ${JSON.stringify(answer.body)}`)
    if (answer.status !== 200) assert.ok([50001, 50002, 50004].includes(answer.body.error_code), JSON.stringify(answer.body))

    const ids = [...acks.values()]
    assert.equal(new Set(ids).size, ids.length, `no id was acknowledged twice: ${JSON.stringify([...acks])}`)
    for (const instance of [next, old]) {
      for (const [subject, id] of acks) {
        const served = await eventually(`${instance.url} to serve ${subject}`, 10_000, async () => {
          const version = await call('GET', `${instance.url}/subjects/${subject}/versions/1`)
          return version.status === 200 ? version.body : undefined
        })
        assert.equal(served.id, id, `${instance.url}: ${subject} keeps the id it was acknowledged with`)
        assert.equal(served.schema, avro(subject))
      }
      const all = await call('GET', `${instance.url}/schemas?deleted=true`)
      const byId = new Map<number, string>()
      for (const { id, schema } of all.body as { id: number; schema: string }[]) {
        assert.ok(!byId.has(id) || byId.get(id) === schema, `${instance.url}: id ${id} names two different schemas`)
        byId.set(id, schema)
      }
    }
  } finally {
    old.child.kill('SIGCONT')
  }
})
