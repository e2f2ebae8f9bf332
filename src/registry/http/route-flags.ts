// What the registry's routes declare about themselves in fastify's route `config`, for the hooks that treat
// whole groups of routes alike (readiness, forwarding to the leader).

import type { FastifyRequest } from 'fastify'

export interface RouteFlags {
  /** Changes registry state: refused while the log is still being read, forwarded to the leader by followers. */
  readonly write?: boolean
  /** Answers without registry state (liveness, readiness, metadata), so it is served even before the log is read. */
  readonly stateless?: boolean
}

export const WRITE: { config: RouteFlags } = { config: { write: true } }
export const STATELESS: { config: RouteFlags } = { config: { stateless: true } }

export const routeFlags = (request: FastifyRequest): RouteFlags => (request.routeOptions.config ?? {}) as RouteFlags
