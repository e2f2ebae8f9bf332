// Tests of the Prometheus metrics plumbing on a bare fastify app: counters by route pattern, latencies,
// gauges read at scrape time, default process metrics and the text format of GET /metrics.
import { test } from 'node:test'
import type { TestContext } from 'node:test'
import assert from 'node:assert/strict'
import Fastify from 'fastify'
import { createMetrics, installMetrics } from '../../src/http/metrics.ts'

async function appWithMetrics(t: TestContext) {
  const metrics = createMetrics()
  const app = Fastify()
  t.after(() => app.close())
  installMetrics(app, metrics)
  app.get('/subjects/:subject/versions', async () => [1])
  app.post('/subjects/:subject/versions', async (_request, reply) => reply.code(409).send({ error_code: 409 }))
  await app.ready()
  return { app, metrics }
}

const scrape = async (app: Awaited<ReturnType<typeof appWithMetrics>>['app']) => {
  const response = await app.inject({ method: 'GET', url: '/metrics' })
  assert.equal(response.statusCode, 200)
  return response
}

test('counts requests by route pattern, not by raw URL', async (t) => {
  const { app } = await appWithMetrics(t)
  await app.inject({ method: 'GET', url: '/subjects/orders-value/versions' })
  await app.inject({ method: 'GET', url: '/subjects/users-value/versions' })
  const text = (await scrape(app)).body
  assert.match(
    text,
    /^schemaport_http_requests_total\{method="GET",route="\/subjects\/:subject\/versions",status_code="200"\} 2$/m,
  )
  assert.doesNotMatch(text, /orders-value|users-value/)
})

test('labels each status code separately', async (t) => {
  const { app } = await appWithMetrics(t)
  await app.inject({ method: 'POST', url: '/subjects/a/versions', payload: {} })
  const text = (await scrape(app)).body
  assert.match(
    text,
    /^schemaport_http_requests_total\{method="POST",route="\/subjects\/:subject\/versions",status_code="409"\} 1$/m,
  )
})

test('counts every unknown route under one label', async (t) => {
  const { app } = await appWithMetrics(t)
  await app.inject({ method: 'GET', url: '/nope' })
  await app.inject({ method: 'GET', url: '/wp-admin/index.php' })
  const text = (await scrape(app)).body
  assert.match(text, /^schemaport_http_requests_total\{method="GET",route="unmatched",status_code="404"\} 2$/m)
  assert.doesNotMatch(text, /wp-admin/)
})

test('records a latency histogram by route', async (t) => {
  const { app } = await appWithMetrics(t)
  await app.inject({ method: 'GET', url: '/subjects/a/versions' })
  const text = (await scrape(app)).body
  assert.match(text, /^# TYPE schemaport_http_request_duration_seconds histogram$/m)
  assert.match(
    text,
    /^schemaport_http_request_duration_seconds_count\{method="GET",route="\/subjects\/:subject\/versions"\} 1$/m,
  )
  assert.match(
    text,
    /^schemaport_http_request_duration_seconds_bucket\{le="\+Inf",method="GET",route="\/subjects\/:subject\/versions"\} 1$/m,
  )
})

test('serves the Prometheus text format with default process metrics', async (t) => {
  const { app } = await appWithMetrics(t)
  const response = await scrape(app)
  assert.match(String(response.headers['content-type']), /^text\/plain; version=0\.0\.4/)
  assert.match(response.body, /^# TYPE process_cpu_user_seconds_total counter$/m)
  assert.match(response.body, /^nodejs_eventloop_lag_seconds /m)
})

test('reads a gauge from its collect function at each scrape', async (t) => {
  const { app, metrics } = await appWithMetrics(t)
  let schemas = 3
  metrics.gauge('schemaport_registry_schemas', 'Schemas stored.', () => schemas)
  assert.match((await scrape(app)).body, /^schemaport_registry_schemas 3$/m)
  schemas = 5
  assert.match((await scrape(app)).body, /^schemaport_registry_schemas 5$/m)
})

test('gives each metrics object its own registry', () => {
  const a = createMetrics()
  const b = createMetrics()
  a.gauge('schemaport_only_in_a', 'A gauge of a.', () => 1)
  assert.notEqual(a.registry, b.registry)
  assert.equal(b.registry.getSingleMetric('schemaport_only_in_a'), undefined)
})
