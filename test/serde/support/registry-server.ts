// A schemaport registry on an in-memory log, listening on a local socket, for tests that use real HTTP
// clients (ours, Confluent's, kafkajs's); and a fetch that counts the requests it sends.

import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { buildRegistryApp } from '../../../src/registry/http/app.ts'
import { Registry } from '../../../src/registry/registry.ts'
import { MemoryLog } from '../../../src/registry/store/memory/memory-log.ts'

export interface RunningRegistry {
  readonly url: string
  readonly app: FastifyInstance
  close(): Promise<void>
}

export async function startRegistry(): Promise<RunningRegistry> {
  const registry = await Registry.open({ log: new MemoryLog() })
  const app = await buildRegistryApp({ registry, logger: false })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, app, close: () => app.close() }
}

export interface CountingFetch {
  readonly fetch: typeof fetch
  /** `METHOD path` of every request sent, in order. */
  readonly calls: string[]
}

/** Node's fetch, recording each request it sends. */
export function countingFetch(): CountingFetch {
  const calls: string[] = []
  const counting: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input.toString())
    calls.push(`${init?.method ?? 'GET'} ${url.pathname}${url.search}`)
    return fetch(input, init)
  }
  return { fetch: counting, calls }
}
