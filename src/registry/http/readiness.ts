// Serving while the log is still being read (a long Kafka topic at start-up): `/ready` says whether the
// registry has caught up, writes are refused at once, and reads wait for the catch-up, up to a bound.

import type { FastifyInstance } from 'fastify'
import { notReady, writeWhileNotReady } from '../../errors.ts'
import type { Registry } from '../registry.ts'
import { routeFlags, STATELESS } from './route-flags.ts'

export function installReadiness(app: FastifyInstance, registry: Registry, readWaitMs: number): void {
  app.get('/ready', STATELESS, async () => {
    if (!registry.isReady()) throw notReady()
    return {}
  })

  app.addHook('onRequest', async (request) => {
    if (registry.isReady()) return
    const flags = routeFlags(request)
    if (flags.stateless) return
    if (flags.write) throw writeWhileNotReady()
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(notReady()), readWaitMs)
    })
    try {
      await Promise.race([registry.opened, timeout])
    } finally {
      clearTimeout(timer)
    }
  })
}
