// Prometheus metrics: one prom-client registry per process, HTTP request counters and latencies by route
// pattern, and the `GET /metrics` endpoint that serves them in the Prometheus text format.

import client from 'prom-client'
import type { FastifyInstance } from 'fastify'

export interface Metrics {
  readonly registry: client.Registry
  /** Registers a gauge whose value is read from `collect` at every scrape (so it costs nothing in between). */
  gauge(name: string, help: string, collect: () => number): void
}

/** The `route` label of requests that matched no route: raw URLs would give one series per typo or scan. */
export const UNMATCHED_ROUTE = 'unmatched'

/** A fresh registry holding the default process metrics (CPU, memory, event loop lag, GC, handles). */
export function createMetrics(): Metrics {
  const registry = new client.Registry()
  client.collectDefaultMetrics({ register: registry })
  return {
    registry,
    gauge(name, help, collect) {
      new client.Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(collect())
        },
      })
    },
  }
}

/**
 * Counts every response by method, route pattern and status code, times it by method and route, and adds
 * `GET /metrics`. Call it on the root instance (not inside an encapsulated plugin), so its hook sees every
 * route, 404s included.
 */
export function installMetrics(app: FastifyInstance, metrics: Metrics): void {
  const requests = new client.Counter({
    name: 'schemaport_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [metrics.registry],
  })
  const duration = new client.Histogram({
    name: 'schemaport_http_request_duration_seconds',
    help: 'Time from receiving an HTTP request to sending the response, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    registers: [metrics.registry],
  })

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE
    requests.inc({ method: request.method, route, status_code: reply.statusCode })
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000)
  })

  app.get('/metrics', { config: { ownMediaType: true, stateless: true } }, async (_request, reply) => {
    const text = await metrics.registry.metrics()
    return reply.type(metrics.registry.contentType).send(text)
  })
}
