// Runs `schemaport registry` (bin/schemaport.js) in its own process, for the benchmarks that need the real
// command, such as the Kafka store's leader election and forwarding; waits for the URL it prints.

import type { ChildProcess } from 'node:child_process'
import { tmpdir } from 'node:os'
import { startRegistryProcess } from '../../test/support/registry-process.ts'

const STOP_GRACE_MS = 10_000

export interface RegistryServer {
  /** The URL the registry printed, e.g. `http://127.0.0.1:40123`. */
  readonly url: string
  readonly child: ChildProcess
  /** `performance.now()` when the process was spawned. */
  readonly spawnedAt: number
  /** Resolves once `GET /ready` answers 200 (polled every 10 ms, so the time is exact enough); rejects after `ms`. */
  ready(ms?: number): Promise<void>
  /** SIGTERM (its graceful stop), SIGKILL if it has not exited after 10 s. */
  stop(): Promise<void>
}

/** `args` come after `registry --port 0 --host 127.0.0.1 --log-level warn` (test/support/registry-process.ts). */
export async function startRegistry(args: readonly string[]): Promise<RegistryServer> {
  const spawnedAt = performance.now()
  const registry = await startRegistryProcess({ dataDir: tmpdir(), args })
  return {
    url: registry.url,
    child: registry.child,
    spawnedAt,
    ready: (ms) => untilReady(registry.url, ms, registry.output),
    async stop() {
      const timer = setTimeout(() => registry.child.kill('SIGKILL'), STOP_GRACE_MS)
      await registry.stop()
      clearTimeout(timer)
    },
  }
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
