// Followers forward writes to the leader and relay its answer unchanged; reads stay local; an unreachable
// leader is 50003 and no leader 50004.
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { test } from 'node:test'
import type { ClusterRole } from '../../../src/registry/cluster/leadership.ts'
import { LeaderOnlyLog } from '../../../src/registry/cluster/leader-only-log.ts'
import { buildRegistryApp } from '../../../src/registry/http/app.ts'
import { Registry } from '../../../src/registry/registry.ts'
import { MemoryLog } from '../../../src/registry/store/memory/memory-log.ts'
import { registryServer } from '../../support/registry.ts'

const JSON_TYPE = 'application/vnd.schemaregistry.v1+json'
const schema = JSON.stringify({ type: 'record', name: 'Order', fields: [{ name: 'id', type: 'string' }] })

/** An instance whose role is fixed, on an in-memory log that only its leader may append to. */
async function instance(role: ClusterRole) {
  const memory = new MemoryLog()
  const registry = await Registry.open({ log: new LeaderOnlyLog(memory, () => role) })
  const app = await buildRegistryApp({
    registry,
    logger: false,
    cluster: { settledRole: async () => role, timeoutMs: 2000, waitMs: 0 },
  })
  return { app, memory }
}

/** A stand-in leader that records what it received and answers 201 with a fixed body. */
async function echoLeader() {
  const received: { method?: string; url?: string; headers?: IncomingHttpHeaders; body?: string } = {}
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      Object.assign(received, { method: req.method, url: req.url, headers: req.headers, body })
      res.writeHead(201, { 'content-type': JSON_TYPE }).end('{"id":42, "spaced":true}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

test('a follower forwards a write with its method, path, query, body and headers, and relays status and body', async () => {
  const leader = await echoLeader()
  const { app, memory } = await instance({ kind: 'follower', leaderUrl: leader.url })
  try {
    const res = await app.inject({
      method: 'POST',
      url: '/subjects/orders-value/versions?normalize=true',
      payload: JSON.stringify({ schema }),
      headers: {
        'content-type': JSON_TYPE,
        accept: JSON_TYPE,
        authorization: 'Basic dXNlcjpwdw==',
        'x-request-id': 'req-7',
        cookie: 'not=forwarded',
      },
    })
    assert.deepEqual([res.statusCode, res.body, res.headers['content-type']], [201, '{"id":42, "spaced":true}', JSON_TYPE])
    const { method, url, headers, body } = leader.received
    assert.deepEqual([method, url, JSON.parse(body!)], ['POST', '/subjects/orders-value/versions?normalize=true', { schema }])
    assert.deepEqual(
      [headers!['content-type'], headers!.accept, headers!.authorization, headers!['x-request-id'], headers!.cookie],
      [JSON_TYPE, JSON_TYPE, 'Basic dXNlcjpwdw==', 'req-7', undefined],
    )
    assert.equal(memory.records().length, 0, 'the follower wrote nothing itself')
  } finally {
    await app.close()
    await leader.close()
  }
})

test('a follower relays the leader\'s registrations and its error answers unchanged', async () => {
  const leader = await registryServer()
  const { app } = await instance({ kind: 'follower', leaderUrl: leader.url })
  try {
    const post = (body: unknown) =>
      app.inject({ method: 'POST', url: '/subjects/orders-value/versions', payload: JSON.stringify(body), headers: { 'content-type': JSON_TYPE } })
    const ok = await post({ schema })
    assert.deepEqual([ok.statusCode, ok.json().id], [200, 1])
    const onLeader = await fetch(`${leader.url}/subjects/orders-value/versions/1`).then((res) => res.json())
    assert.deepEqual(ok.json(), { id: onLeader.id, version: onLeader.version, schema: onLeader.schema })
    const bad = await post({ schema: '{"type":"record"' })
    assert.equal(bad.statusCode, 422)
    assert.equal(bad.json().error_code, 42201)
    const del = await app.inject({ method: 'DELETE', url: '/subjects/orders-value' })
    assert.deepEqual([del.statusCode, del.json()], [200, [1]])
  } finally {
    await app.close()
    await leader.close()
  }
})

test('reads are answered locally, not forwarded', async () => {
  const leader = await echoLeader()
  const { app } = await instance({ kind: 'follower', leaderUrl: leader.url })
  try {
    const res = await app.inject({ method: 'GET', url: '/subjects' })
    assert.deepEqual([res.statusCode, res.json(), leader.received.method], [200, [], undefined])
  } finally {
    await app.close()
    await leader.close()
  }
})

test('forwarding to a leader that does not answer fails with 50003', async () => {
  const gone = await echoLeader()
  await gone.close()
  const { app } = await instance({ kind: 'follower', leaderUrl: gone.url })
  try {
    const res = await app.inject({ method: 'PUT', url: '/config', payload: '{"compatibility":"NONE"}', headers: { 'content-type': JSON_TYPE } })
    assert.deepEqual([res.statusCode, res.json().error_code], [500, 50003])
  } finally {
    await app.close()
  }
})

test('with no leader, writes fail with 50004 and reads are answered', async () => {
  const { app, memory } = await instance({ kind: 'unknown', reason: 'no member of the group is eligible to lead' })
  try {
    const write = await app.inject({ method: 'DELETE', url: '/config' })
    assert.deepEqual([write.statusCode, write.json().error_code], [500, 50004])
    const read = await app.inject({ method: 'GET', url: '/config' })
    assert.deepEqual([read.statusCode, read.json()], [200, { compatibilityLevel: 'BACKWARD' }])
    assert.equal(memory.records().length, 0)
  } finally {
    await app.close()
  }
})

test('a forwarded write reaching an instance that is not the leader is not forwarded again (50004)', async () => {
  const leader = await echoLeader()
  const { app } = await instance({ kind: 'follower', leaderUrl: leader.url })
  try {
    const res = await app.inject({ method: 'DELETE', url: '/mode', headers: { 'x-schemaport-forwarded': '1' } })
    assert.deepEqual([res.statusCode, res.json().error_code, leader.received.method], [500, 50004, undefined])
  } finally {
    await app.close()
    await leader.close()
  }
})

test('the leader writes to its own log', async () => {
  const { app, memory } = await instance({ kind: 'leader' })
  try {
    const res = await app.inject({ method: 'PUT', url: '/config', payload: '{"compatibility":"NONE"}', headers: { 'content-type': JSON_TYPE } })
    assert.deepEqual([res.statusCode, res.json()], [200, { compatibility: 'NONE' }])
    assert.equal(memory.records().length, 1)
  } finally {
    await app.close()
  }
})
