// GET /schemas/ids/{id} requests/s against a bare fastify route that answers a constant JSON body, both
// served from their own process and loaded by autocannon in this one. Goal: ratio ≥ 0.7.

import assert from 'node:assert/strict'
import autocannon from 'autocannon'
import { startScript, stop } from './support/process.ts'
import { BENCH_SCHEMA } from './support/schemas.ts'

const DURATION_S = 8
const CONNECTIONS = 32

async function measure(mode: 'bare' | 'registry'): Promise<number> {
  const server = await startScript('support/serve.ts', [mode])
  const url = `http://127.0.0.1:${server.ready[0]}/schemas/ids/1`
  try {
    const check = await (await fetch(url)).json()
    assert.deepEqual(check, { schema: BENCH_SCHEMA }, `${mode} answers the schema`)
    await autocannon({ url, connections: CONNECTIONS, duration: 2 }) // warm-up
    const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S })
    assert.equal(result.non2xx, 0)
    return result.requests.average
  } finally {
    await stop(server)
  }
}

export async function run(): Promise<string[]> {
  const bare = await measure('bare')
  const registry = await measure('registry')
  return [
    `GET /schemas/ids/{id}: ${registry.toFixed(0)} req/s; bare fastify constant route: ${bare.toFixed(0)} req/s; ratio ${(registry / bare).toFixed(2)}x (goal >= 0.7x) [${CONNECTIONS} connections, ${DURATION_S} s]`,
  ]
}
