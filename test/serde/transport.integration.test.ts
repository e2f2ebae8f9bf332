// The client's HTTP behaviour against small real servers: fail-over to the next URL when one cannot be
// reached, retries with backoff on 5xx only, the timeout, and the auth headers it sends.

import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { after, test } from 'node:test'
import Fastify from 'fastify'
import type { FastifyInstance } from 'fastify'
import { RegistryClient } from '../../src/serde/client.ts'
import { SerdeError } from '../../src/serde/errors.ts'
import { countingFetch } from './support/counting-fetch.ts'

const servers: FastifyInstance[] = []
after(() => Promise.all(servers.map((server) => server.close())))

const SCHEMA = { schema: '"string"' }

/** A server answering GET /schemas/ids/1 through `answer` (given the request number, from 1), recording the
 * headers of every request. */
async function serve(answer: (n: number) => { status: number; body: unknown; delayMs?: number }) {
  const app = Fastify()
  let n = 0
  const seen: Record<string, unknown>[] = []
  app.addHook('onRequest', async (request) => {
    seen.push(request.headers)
  })
  app.get('/schemas/ids/1', async (_request, reply) => {
    const { status, body, delayMs } = answer(++n)
    if (delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, delayMs))
    return reply.status(status).send(body)
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  servers.push(app)
  return { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, requests: () => n, seen }
}

/** A URL nothing listens on: a port taken and released. */
async function deadUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return `http://127.0.0.1:${port}`
}

const fast = { retryBackoffMs: 1, maxRetryBackoffMs: 2 }

test('a URL that refuses connections is skipped for the next, and later requests start at the one that answered', async () => {
  const good = await serve(() => ({ status: 200, body: SCHEMA }))
  const dead = await deadUrl()
  const counter = countingFetch()
  const client = new RegistryClient({ baseUrls: [dead, good.url], fetch: counter.fetch, maxRetries: 0 })
  assert.equal((await client.getSchemaById(1)).schemaType, 'AVRO')
  assert.equal(counter.calls.length, 2, 'the dead URL, then the good one')
  const fresh = new RegistryClient({ baseUrls: [dead, good.url], fetch: counter.fetch, maxRetries: 0 })
  await fresh.getSchemaById(1)
  await assert.rejects(fresh.getVersion('s', 1))
  assert.equal(counter.calls.length, 5, 'a new client tries the dead URL once, then stays on the good one')
})

test('when no URL can be reached, the error is NETWORK and names each URL, after every retry', async () => {
  const dead = [await deadUrl(), await deadUrl()]
  const counter = countingFetch()
  const client = new RegistryClient({ baseUrls: dead, fetch: counter.fetch, maxRetries: 2, ...fast })
  await assert.rejects(client.getSchemaById(1), (error: unknown) => {
    assert.ok(error instanceof SerdeError)
    assert.equal(error.reason, 'NETWORK')
    assert.match(error.message, /no registry answered after 3 attempt\(s\)/)
    for (const url of dead) assert.ok(error.message.includes(`${url}: ECONNREFUSED`), error.message)
    return true
  })
  assert.equal(counter.calls.length, 6, '3 attempts over 2 URLs')
})

test('5xx answers are retried with backoff until one succeeds', async () => {
  const flaky = await serve((n) => (n <= 3 ? { status: 503, body: { error_code: 50002, message: 'busy' } } : { status: 200, body: SCHEMA }))
  const client = new RegistryClient({ baseUrls: flaky.url, maxRetries: 3, ...fast })
  assert.equal((await client.getSchemaById(1)).schemaType, 'AVRO')
  assert.equal(flaky.requests(), 4)
})

test('when the retries run out, the last 5xx is the error, with its error_code', async () => {
  const down = await serve(() => ({ status: 503, body: { error_code: 50002, message: 'still reading the log' } }))
  const client = new RegistryClient({ baseUrls: down.url, maxRetries: 2, ...fast })
  await assert.rejects(client.getSchemaById(1), (error: unknown) => {
    assert.ok(error instanceof SerdeError)
    assert.deepEqual([error.reason, error.status, error.errorCode], ['REGISTRY', 503, 50002])
    assert.match(error.message, /still reading the log/)
    return true
  })
  assert.equal(down.requests(), 3)
})

test('4xx answers are not retried', async () => {
  const missing = await serve(() => ({ status: 404, body: { error_code: 40403, message: 'Schema 1 not found' } }))
  const client = new RegistryClient({ baseUrls: missing.url, maxRetries: 5, ...fast })
  await assert.rejects(client.getSchemaById(1), (error: unknown) => error instanceof SerdeError && error.errorCode === 40403)
  assert.equal(missing.requests(), 1)
})

test('an attempt slower than timeoutMs counts as a network error and fails over', async () => {
  const slow = await serve(() => ({ status: 200, body: SCHEMA, delayMs: 500 }))
  const good = await serve(() => ({ status: 200, body: SCHEMA }))
  const client = new RegistryClient({ baseUrls: [slow.url, good.url], timeoutMs: 50, maxRetries: 0 })
  assert.equal((await client.getSchemaById(1)).schemaType, 'AVRO')
  assert.deepEqual([slow.requests(), good.requests()], [1, 1])
  const alone = new RegistryClient({ baseUrls: slow.url, timeoutMs: 50, maxRetries: 0 })
  await assert.rejects(alone.getSchemaById(1), /no answer within 50 ms/)
})

test('basic auth, credentials in the URL and bearer tokens (fixed or refreshed) are sent', async () => {
  const server = await serve(() => ({ status: 200, body: SCHEMA }))
  const authorization = () => server.seen.at(-1)?.authorization
  const basic = `Basic ${Buffer.from('ada:s3cret').toString('base64')}`

  await new RegistryClient({ baseUrls: server.url, basicAuth: { username: 'ada', password: 's3cret' } }).getSchemaById(1)
  assert.equal(authorization(), basic)
  await new RegistryClient({ baseUrls: server.url.replace('http://', 'http://ada:s3cret@') }).getSchemaById(1)
  assert.equal(authorization(), basic)
  await new RegistryClient({ baseUrls: server.url, bearerToken: 'tok-1' }).getSchemaById(1)
  assert.equal(authorization(), 'Bearer tok-1')

  let issued = 0
  const refreshing = new RegistryClient({ baseUrls: server.url, bearerToken: async () => `tok-${++issued}` })
  await refreshing.getSchemaById(1)
  await assert.rejects(refreshing.getVersion('x', 1))
  assert.deepEqual([issued, authorization()], [2, 'Bearer tok-2'])
  assert.equal(server.seen.at(-1)?.accept, 'application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5')
})
