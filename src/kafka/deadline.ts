// Bounds a wait on kafkajs. Around a broker restart, a kafkajs 2.2.4 connection can be reused while its
// previous socket is still being torn down; requests sent then are never answered nor timed out. The callers
// give up on such a wait and replace the kafkajs client instead of hanging with it.

export class StalledError extends Error {
  constructor(what: string, ms: number) {
    super(`${what}: no answer from Kafka within ${ms} ms`)
    this.name = 'StalledError'
  }
}

/** How long any one call to Kafka may take before its client is replaced. */
export const STALL_MS = 10_000

/** Resolves or rejects as `promise` does, or rejects with StalledError after `ms`. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StalledError(what, ms)), ms)
  })
  return Promise.race([promise, stalled]).finally(() => clearTimeout(timer))
}
