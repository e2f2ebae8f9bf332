// Builds a registry on an in-memory log, and its REST app, for tests that need no socket.

import type { AddressInfo } from 'node:net'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { buildRegistryApp } from '../../src/registry/http/app.ts'
import { Registry, type RegistryOptions } from '../../src/registry/registry.ts'
import type { LogRecord } from '../../src/registry/store/schema-log.ts'
import { MemoryLog } from '../../src/registry/store/memory/memory-log.ts'

export async function memoryRegistry(
  records: readonly LogRecord[] = [],
  options: Omit<RegistryOptions, 'log'> = {},
): Promise<{ registry: Registry; log: MemoryLog }> {
  const log = new MemoryLog(records)
  return { registry: await Registry.open({ log, ...options }), log }
}

export interface TestApp {
  app: FastifyInstance
  log: MemoryLog
  registry: Registry
  /** Sends a request; a `body` object is sent as JSON with Confluent's content type. */
  call(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; raw: string; headers: Record<string, unknown> }>
}

export async function testApp(records: readonly LogRecord[] = [], options: Omit<RegistryOptions, 'log'> = {}): Promise<TestApp> {
  const { registry, log } = await memoryRegistry(records, options)
  const app = await buildRegistryApp({ registry, logger: false })
  return {
    app,
    log,
    registry,
    async call(method, url, body, headers = {}) {
      const res = await app.inject({
        method,
        url,
        payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
        headers: body === undefined ? headers : { 'content-type': 'application/vnd.schemaregistry.v1+json', ...headers },
      })
      let parsed: unknown
      try {
        parsed = JSON.parse(res.body)
      } catch {
        parsed = undefined
      }
      return { status: res.statusCode, body: parsed, raw: res.body, headers: res.headers }
    },
  }
}

/** A small Avro record schema with the given fields (each `{name, type, default?}`). */
export function avroRecord(name: string, fields: { name: string; type: unknown; default?: unknown }[]): string {
  return JSON.stringify({ type: 'record', name, fields })
}

/** A registry on an in-memory log, listening on a local socket, for tests that use real HTTP clients. */
export interface RegistryServer {
  readonly url: string
  readonly registry: Registry
  close(): Promise<void>
}

export async function registryServer(): Promise<RegistryServer> {
  const { registry } = await memoryRegistry()
  const app = await buildRegistryApp({ registry, logger: false })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const { port } = app.server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, registry, close: () => app.close() }
}
