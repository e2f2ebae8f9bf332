// Serving while the log is still being replayed: /ready answers 503, writes are refused with 50002, reads
// wait for the catch-up (and give up with 503 after the bound).

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { buildRegistryApp } from '../../../src/registry/http/app.ts'
import { Registry } from '../../../src/registry/registry.ts'
import type { RecordListener } from '../../../src/registry/store/schema-log.ts'
import { MemoryLog } from '../../../src/registry/store/memory/memory-log.ts'

/** A memory log whose replay finishes only when the test says so. */
class SlowLog extends MemoryLog {
  release!: () => void
  private readonly gate = new Promise<void>((resolve) => (this.release = resolve))
  override async open(onRecord: RecordListener): Promise<void> {
    await this.gate
    return super.open(onRecord)
  }
}

const record = {
  key: '{"keytype":"SCHEMA","subject":"s","version":1,"magic":1}',
  value: '{"subject":"s","version":1,"id":1,"schema":"\\"string\\"","deleted":false}',
}

test('before the log is read: /ready 503, writes 50002, reads wait; after: all served', async () => {
  const log = new SlowLog([record])
  const registry = Registry.start({ log })
  const app = await buildRegistryApp({ registry, logger: false })
  const ready = await app.inject({ method: 'GET', url: '/ready' })
  assert.deepEqual([ready.statusCode, ready.json().error_code], [503, 503])
  assert.equal((await app.inject({ method: 'GET', url: '/' })).statusCode, 200)
  const write = await app.inject({ method: 'POST', url: '/subjects/t/versions', payload: { schema: '"int"' } })
  assert.deepEqual([write.statusCode, write.json().error_code], [500, 50002])
  const read = app.inject({ method: 'GET', url: '/schemas/ids/1' })
  log.release()
  assert.deepEqual((await read).json(), { schema: '"string"' })
  assert.equal((await app.inject({ method: 'GET', url: '/ready' })).statusCode, 200)
  assert.equal((await app.inject({ method: 'POST', url: '/subjects/t/versions', payload: { schema: '"int"' } })).statusCode, 200)
})

test('a read that waits longer than the bound answers 503', async () => {
  const log = new SlowLog()
  const app = await buildRegistryApp({ registry: Registry.start({ log }), logger: false, readWaitMs: 20 })
  const read = await app.inject({ method: 'GET', url: '/subjects' })
  assert.deepEqual([read.statusCode, read.json().error_code], [503, 503])
  log.release()
})
