// Crash safety of the embedded log: a real `schemaport registry` process is SIGKILLed in the middle of
// concurrent registrations, five times over on one data dir; after each restart every acknowledged
// registration is there with the id and version it was acknowledged with, and no id names two schemas.

import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { startRegistryProcess } from '../support/registry-process.ts'

interface Ack {
  subject: string
  schema: string
  id: number
  version: number
}

const KILLS = 5
const WORKERS = 16

async function post(url: string, body: unknown): Promise<any> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify(body),
  })
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`)
  return res.json()
}

async function get(url: string): Promise<any> {
  const res = await fetch(url)
  assert.equal(res.status, 200, `${url}: ${await res.clone().text()}`)
  return res.json()
}

/** Registers distinct schemas (and some shared ones, to exercise id reuse) until the server dies. */
async function registerUntilKilled(base: string, round: number, acks: Ack[], kill: () => void): Promise<void> {
  let n = 0
  let killed = false
  const worker = async (w: number) => {
    while (!killed) {
      const i = n++
      // Every fifth schema is shared between subjects, so its id must be reused, not reallocated.
      const name = i % 5 === 0 ? `Shared${i % 20}` : `R${round}_${w}_${i}`
      const schema = JSON.stringify({ type: 'record', name, fields: [{ name: 'f', type: 'long' }] })
      const subject = `s-${round}-${w}-${i}`
      try {
        const { id, version } = await post(`${base}/subjects/${subject}/versions`, { schema })
        acks.push({ subject, schema, id, version })
      } catch {
        return // the server is gone
      }
    }
  }
  const timer = setTimeout(() => {
    killed = true
    kill()
  }, 300 + round * 70)
  await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)))
  clearTimeout(timer)
}

async function verify(base: string, acks: readonly Ack[]): Promise<void> {
  for (const ack of acks) {
    const v = await get(`${base}/subjects/${encodeURIComponent(ack.subject)}/versions/${ack.version}`)
    assert.equal(v.id, ack.id, `${ack.subject} v${ack.version}`)
    const byId = await get(`${base}/schemas/ids/${ack.id}`)
    assert.equal(byId.schema, v.schema, `id ${ack.id} names the acknowledged schema`)
  }
  const seen = new Map<number, string>()
  for (let offset = 0; ; offset += 1000) {
    const page: { id: number; schema: string }[] = await get(`${base}/schemas?deleted=true&offset=${offset}&limit=1000`)
    for (const s of page) {
      const other = seen.get(s.id)
      assert.ok(other === undefined || other === s.schema, `id ${s.id} names two different schemas`)
      seen.set(s.id, s.schema)
    }
    if (page.length < 1000) break
  }
}

test('every acknowledged registration survives SIGKILL, five times over', { timeout: 120_000 }, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'schemaport-crash-'))
  const acks: Ack[] = []
  try {
    for (let round = 0; round < KILLS; round++) {
      const server = await startRegistryProcess({ dataDir })
      await verify(server.url, acks)
      const before = acks.length
      await registerUntilKilled(server.url, round, acks, () => server.child.kill('SIGKILL'))
      await server.stop('SIGKILL')
      assert.ok(acks.length > before, `round ${round} acknowledged some registrations before the kill`)
    }
    const server = await startRegistryProcess({ dataDir })
    try {
      await verify(server.url, acks)
    } finally {
      await server.stop('SIGTERM')
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
})
