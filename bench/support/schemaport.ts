// Runs `schemaport registry` (bin/schemaport.js) in its own process, for the benchmarks that need the real
// command, such as the Kafka store's leader election and forwarding; waits for the URL it prints.

import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../../bin/schemaport.js', import.meta.url))
const LISTENING = /^schemaport registry listening on (http:\/\/\S+)$/m
const START_TIMEOUT_MS = 60_000
const STOP_GRACE_MS = 10_000

export interface RegistryServer {
  /** The URL the registry printed, e.g. `http://127.0.0.1:40123`. */
  readonly url: string
  readonly child: ChildProcess
  /** `performance.now()` when the process was spawned. */
  readonly spawnedAt: number
  /** Resolves once `GET /ready` answers 200; rejects after `ms`. */
  ready(ms?: number): Promise<void>
  /** SIGTERM (its graceful stop), SIGKILL if it has not exited after 10 s. */
  stop(): Promise<void>
}

/** `args` come after `registry --port 0 --host 127.0.0.1 --log-level warn`. */
export function startRegistry(args: readonly string[]): Promise<RegistryServer> {
  const spawnedAt = performance.now()
  const child = spawn(process.execPath, [BIN, 'registry', '--port', '0', '--host', '127.0.0.1', '--log-level', 'warn', ...args], {
    env: Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SCHEMAPORT_'))),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
    await exited
    clearTimeout(timer)
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`schemaport registry printed no URL within ${START_TIMEOUT_MS} ms; output:\n${output}`))
    }, START_TIMEOUT_MS)
    child.stdout!.on('data', () => {
      const match = LISTENING.exec(output)
      if (match === null) return
      clearTimeout(timer)
      resolve({ url: match[1], child, spawnedAt, ready: (ms) => untilReady(match[1], ms, () => output), stop })
    })
    void exited.then(() => {
      clearTimeout(timer)
      reject(new Error(`schemaport registry exited with code ${child.exitCode} before printing its URL; output:\n${output}`))
    })
  })
}

async function untilReady(url: string, ms = 60_000, output: () => string): Promise<void> {
  const deadline = performance.now() + ms
  for (;;) {
    const status = await fetch(`${url}/ready`).then(
      async (res) => {
        await res.arrayBuffer()
        return res.status
      },
      () => 0,
    )
    if (status === 200) return
    if (performance.now() > deadline) throw new Error(`${url}/ready did not answer 200 within ${ms} ms (last ${status}); output:\n${output()}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
