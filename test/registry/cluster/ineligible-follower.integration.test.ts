// Fault test 3 of issue 4: an instance with leaderEligibility=false forwards writes to the eligible leader and
// never leads: once the leader is killed, writes through it fail with 50004 while reads are still answered.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { brokerForFile } from '../../support/kafka-broker.ts'
import { avro, call, eventually, newGroup, startInstance } from '../../support/registry-instances.ts'

const broker = brokerForFile()

test('an ineligible follower forwards writes, and never leads when the leader is gone', { timeout: 60_000 }, async (t) => {
  const group = newGroup(broker().bootstrap)
  const leader = await startInstance(group, [], t)
  const follower = await startInstance(group, ['--leader-eligibility', 'false'], t)
  try {
    // The first write through the follower goes through once both are in the group.
    const first = await eventually('a write through the follower', 20_000, async () => {
      const answer = await call('POST', `${follower.url}/subjects/s-0/versions`, { schema: avro('S0') })
      return answer.status === 200 ? answer.body : undefined
    })
    const ids = [first.id]
    for (let i = 1; i < 20; i++) {
      const answer = await call('POST', `${follower.url}/subjects/s-${i}/versions`, { schema: avro(`S${i}`) })
      assert.equal(answer.status, 200, JSON.stringify(answer.body))
      ids.push(answer.body.id)
    }
    assert.equal(new Set(ids).size, 20)
    // Forwarded writes are the leader's: it serves them at once; the follower once its reader has them.
    const onLeader = await call('GET', `${leader.url}/subjects/s-19/versions/1`)
    assert.deepEqual([onLeader.status, onLeader.body.id], [200, ids[19]])
    await eventually('the follower to read its forwarded writes', 5000, async () => {
      const answer = await call('GET', `${follower.url}/subjects`)
      return answer.body.length === 20 ? true : undefined
    })

    await leader.stop('SIGKILL')
    // Until the group notices (its session timeout), the follower forwards to a dead leader (50003); then
    // nobody may lead (50004). No write through the follower succeeds meanwhile.
    await eventually('writes through the follower to fail with 50004', 20_000, async () => {
      const answer = await call('POST', `${follower.url}/subjects/late/versions`, { schema: avro('Late') })
      assert.ok(answer.status === 500 && [50003, 50004].includes(answer.body.error_code), JSON.stringify(answer.body))
      return answer.body.error_code === 50004 ? true : undefined
    })
    for (const method of ['PUT', 'DELETE'] as const) {
      const answer = await call(method, `${follower.url}/config`, method === 'PUT' ? { compatibility: 'NONE' } : undefined)
      assert.deepEqual([answer.status, answer.body.error_code], [500, 50004])
    }
    const read = await call('GET', `${follower.url}/subjects/s-7/versions/latest`)
    assert.deepEqual([read.status, read.body.id], [200, ids[7]])
    assert.deepEqual((await call('GET', `${follower.url}/subjects`)).body.length, 20)
  } finally {
    await Promise.all([leader.stop('SIGKILL'), follower.stop('SIGTERM')])
  }
})
