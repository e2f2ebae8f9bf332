// Waiting on a condition, not on a fixed sleep: polls until it holds, or fails with a message at the timeout.

import { setTimeout as sleep } from 'node:timers/promises'

export async function waitFor(condition: () => boolean, message: string, timeoutMs = 2_000): Promise<void> {
  const deadline = performance.now() + timeoutMs
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${message}`)
    await sleep(10)
  }
}
