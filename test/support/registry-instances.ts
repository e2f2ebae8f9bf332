// Runs registry instances of one group as real `schemaport registry --store kafka` processes on a test broker,
// with HTTP helpers that return status and body instead of throwing, for the cluster's fault tests.
import { randomUUID } from 'node:crypto'
import { tmpdir } from 'node:os'
import type { TestContext } from 'node:test'
import { startRegistryProcess } from './registry-process.ts'
import type { RegistryProcess } from './registry-process.ts'

export const JSON_TYPE = 'application/vnd.schemaregistry.v1+json'

export interface Group {
  readonly bootstrap: string
  readonly topic: string
  readonly groupId: string
}

/** A fresh topic and group name on `bootstrap`, so test files sharing a broker never meet. */
export const newGroup = (bootstrap: string): Group => {
  const suffix = randomUUID().slice(0, 8)
  return { bootstrap, topic: `_schemas_${suffix}`, groupId: `registry-${suffix}` }
}

/** Starts an instance and resolves once it has read the topic (`/ready` answers 200); with `t`, the instance is
 * killed when that test ends, however it ends. */
export async function startInstance(group: Group, args: readonly string[] = [], t?: TestContext): Promise<RegistryProcess> {
  const instance = await startRegistryProcess({
    dataDir: tmpdir(),
    args: [
      '--store', 'kafka',
      '--bootstrap-servers', group.bootstrap,
      '--kafka-topic', group.topic,
      '--kafka-replication-factor', '1',
      '--kafka-timeout-ms', '5000',
      '--group-id', group.groupId,
      // The broker's group.min.session.timeout.ms: a killed leader is replaced after 6 s.
      '--group-session-timeout-ms', '6000',
      ...args,
    ],
  })
  try {
    await eventually(`${instance.url}/ready`, 30_000, async () => ((await fetch(`${instance.url}/ready`)).ok ? true : undefined))
  } catch (error) {
    await instance.stop('SIGKILL')
    throw error
  }
  t?.after(() => instance.stop('SIGKILL'))
  return instance
}

export interface Answer {
  readonly status: number
  readonly body: any
}

export async function call(method: string, url: string, body?: unknown): Promise<Answer> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': JSON_TYPE },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text) }
}

export const avro = (name: string): string => JSON.stringify({ type: 'record', name, fields: [{ name: 'f', type: 'long' }] })

/** Calls `attempt` every 100 ms until it returns a value; fails after `ms` with `what` and the last answer. */
export async function eventually<T>(what: string, ms: number, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms
  let last: unknown
  for (;;) {
    try {
      const value = await attempt()
      if (value !== undefined) return value
    } catch (error) {
      last = error
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
