// Registering 10,000 distinct Avro schemas at concurrency 16 against a registry on the file log (served from
// its own process), compared with the raw ceiling of the same store: the same records appended to a FileLog
// with 16 appends in flight. Registrations are decided one at a time (each sees the one before), so the
// registry pays one fsync per schema where the raw appends share fsyncs (group commit).

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FileLog } from '../src/registry/store/file/file-log.ts'
import { inParallel } from './support/in-parallel.ts'
import { startScript, stop } from './support/process.ts'
import { distinctSchema } from './support/schemas.ts'

const COUNT = 10_000
const CONCURRENCY = 16

async function throughRegistry(): Promise<number> {
  const server = await startScript('support/serve.ts', ['empty'])
  const base = `http://127.0.0.1:${server.ready[0]}`
  try {
    const seconds = await inParallel(COUNT, CONCURRENCY, async (i) => {
      const res = await fetch(`${base}/subjects/bench-${i}/versions`, {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
        body: JSON.stringify({ schema: distinctSchema(i) }),
      })
      if (res.status !== 200) throw new Error(`registration ${i}: HTTP ${res.status} ${await res.text()}`)
      await res.arrayBuffer()
    })
    const subjects = (await (await fetch(`${base}/subjects`)).json()) as string[]
    if (subjects.length !== COUNT) throw new Error(`expected ${COUNT} subjects, found ${subjects.length}`)
    return COUNT / seconds
  } finally {
    await stop(server)
  }
}

async function rawAppends(): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'schemaport-bench-'))
  const log = new FileLog({ dir })
  await log.open(() => {})
  try {
    const seconds = await inParallel(COUNT, CONCURRENCY, (i) =>
      log.append([
        {
          key: JSON.stringify({ keytype: 'SCHEMA', subject: `bench-${i}`, version: 1, magic: 1 }),
          value: JSON.stringify({ subject: `bench-${i}`, version: 1, id: i + 1, schema: distinctSchema(i), deleted: false }),
        },
      ]),
    )
    return COUNT / seconds
  } finally {
    await log.close()
    await rm(dir, { recursive: true, force: true })
  }
}

export async function run(): Promise<string[]> {
  const raw = await rawAppends()
  const registry = await throughRegistry()
  return [
    `register ${COUNT} distinct Avro schemas, concurrency ${CONCURRENCY}, over HTTP: ${registry.toFixed(0)} schemas/s; raw fsynced FileLog appends at the same concurrency: ${raw.toFixed(0)} records/s; ratio ${(registry / raw).toFixed(2)}x`,
  ]
}
