// Runs `schemaport registry` as a real process: it serves on the port it prints, keeps what it
// acknowledged, stops cleanly on SIGTERM/SIGINT (exit 0, lock released), and a second process on the same
// data directory fails fast with exit code 1 and the lock message.

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import type { AddressInfo, Socket } from 'node:net'
import { createServer } from 'node:net'
import path from 'node:path'
import { FileLog } from '../../src/registry/store/file/file-log.ts'
import type { LogRecord } from '../../src/registry/store/schema-log.ts'
import { runSchemaport, startRegistryProcess } from '../support/registry-process.ts'

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'schemaport-registry-'))

async function readLog(dir: string): Promise<LogRecord[]> {
  const log = new FileLog({ dir })
  const records: LogRecord[] = []
  await log.open((record) => records.push(record))
  await log.close()
  return records
}

test('serves GET / on the printed URL, then stops on SIGTERM with exit code 0 and releases the lock', async () => {
  const dataDir = tempDir()
  const registry = await startRegistryProcess({ dataDir })
  assert.match(registry.url, /^http:\/\/127\.0\.0\.1:\d+$/)

  const root = await fetch(`${registry.url}/`)
  assert.equal(root.status, 200)
  assert.deepEqual(await root.json(), {})
  const registered = await fetch(`${registry.url}/subjects/orders-value/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema: '"string"' }),
  })
  assert.equal(registered.status, 200, await registered.clone().text())

  assert.equal(await registry.stop('SIGTERM'), 0, registry.output())
  assert.equal(existsSync(path.join(dataDir, 'LOCK')), false)
  const records = await readLog(dataDir)
  assert.equal(records.length, 1)
  assert.equal(JSON.parse(records[0].key).subject, 'orders-value')
})

test('serves Prometheus metrics to a Prometheus scrape', async (t) => {
  const registry = await startRegistryProcess({ dataDir: tempDir() })
  t.after(() => registry.stop())
  await fetch(`${registry.url}/subjects`)
  const metrics = await fetch(`${registry.url}/metrics`, {
    headers: { accept: 'application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1' },
  })
  assert.equal(metrics.status, 200)
  assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain/)
  const text = await metrics.text()
  assert.match(text, /^schemaport_http_requests_total\{method="GET",route="\/subjects",status_code="200"\} 1$/m)
  assert.match(text, /^process_resident_memory_bytes \d+/m)
})

test('stops on SIGINT with exit code 0', async () => {
  const dataDir = tempDir()
  const registry = await startRegistryProcess({ dataDir })
  assert.equal(await registry.stop('SIGINT'), 0, registry.output())
  assert.equal(existsSync(path.join(dataDir, 'LOCK')), false)
})

test('a second registry on the same data directory exits 1 with the lock message', async (t) => {
  const dataDir = tempDir()
  const first = await startRegistryProcess({ dataDir })
  t.after(() => first.stop())
  const second = await runSchemaport(['registry', '--port', '0', '--host', '127.0.0.1', '--data-dir', dataDir])
  assert.equal(second.code, 1, second.stderr)
  assert.match(
    second.stderr,
    new RegExp(`^schemaport registry: the data directory ${dataDir} is locked by process ${first.child.pid}: `, 'm'),
  )
  assert.equal((await fetch(`${first.url}/`)).status, 200)
})

test('the memory store leaves the data directory alone', async () => {
  const dataDir = path.join(tempDir(), 'unused')
  const registry = await startRegistryProcess({ dataDir, args: ['--store', 'memory'] })
  assert.equal((await fetch(`${registry.url}/subjects`)).status, 200)
  assert.equal(await registry.stop(), 0, registry.output())
  assert.equal(existsSync(dataDir), false)
})

test('an invalid configuration exits 2 with a message naming the key and its source', async () => {
  const result = await runSchemaport(['registry', '--data-dir', tempDir()], { SCHEMAPORT_PORT: '70000' })
  assert.equal(result.code, 2)
  assert.equal(result.stderr, 'schemaport registry: config: port: must be <= 65535 (from SCHEMAPORT_PORT)\n')
})

test('the kafka store listens while it reads the topic: /ready 503 and writes 50002, then exit 1 when it cannot', async (t) => {
  // A "broker" that accepts connections and never answers: only the init timeout ends the catch-up.
  const sockets = new Set<Socket>()
  const silent = createServer((socket) => sockets.add(socket))
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  t.after(() => {
    silent.close()
    for (const socket of sockets) socket.destroy()
  })
  const { port } = silent.address() as AddressInfo
  const registry = await startRegistryProcess({
    dataDir: tempDir(),
    args: ['--store', 'kafka', '--bootstrap-servers', `127.0.0.1:${port}`, '--kafka-init-timeout-ms', '4000'],
  })
  const ready = await fetch(`${registry.url}/ready`)
  assert.equal(ready.status, 503)
  assert.equal(((await ready.json()) as { error_code: number }).error_code, 503)
  const write = await fetch(`${registry.url}/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ compatibility: 'FULL' }),
  })
  assert.equal(((await write.json()) as { error_code: number }).error_code, 50002)
  const [code] = registry.child.exitCode === null ? await once(registry.child, 'exit') : [registry.child.exitCode]
  assert.equal(code, 1, registry.output())
  assert.match(registry.output(), /cannot open the registry log on Kafka topic '_schemas' at 127\.0\.0\.1:\d+: it did not finish within 4000 ms/)
})
