// The registry client against a running schemaport registry: what it caches (counted in HTTP requests sent),
// one request for concurrent misses, references fetched and resolved, and the registry's errors as they came.

import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { RegistryClient } from '../../src/serde/client.ts'
import { SerdeError } from '../../src/serde/errors.ts'
import { countingFetch } from './support/counting-fetch.ts'
import { registryServer } from '../support/registry.ts'
import type { RegistryServer } from '../support/registry.ts'
import { waitFor } from './support/wait.ts'

let registry: RegistryServer

before(async () => {
  registry = await registryServer()
})

after(() => registry.close())

const record = (name: string, fields: { name: string; type: unknown; default?: unknown }[]) => JSON.stringify({ type: 'record', name, fields })
const orderSchema = { schema: record('Order', [{ name: 'id', type: 'string' }]) }

function client(options: { latestTtlMs?: number } = {}) {
  const counter = countingFetch()
  return { client: new RegistryClient({ baseUrls: registry.url, fetch: counter.fetch, ...options }), calls: counter.calls }
}

const registryError = (status: number, errorCode: number, pattern: RegExp) => (error: unknown) => {
  assert.ok(error instanceof SerdeError, `a SerdeError, got ${String(error)}`)
  assert.deepEqual([error.reason, error.status, error.errorCode], ['REGISTRY', status, errorCode])
  assert.match(error.message, pattern)
  return true
}

test('register, lookup and schema-by-id hits make no HTTP call', async () => {
  const { client: c, calls } = client()
  const id = await c.register('cache-orders-value', orderSchema)
  assert.deepEqual(calls, ['POST /subjects/cache-orders-value/versions'])
  assert.equal(await c.register('cache-orders-value', orderSchema), id)
  assert.equal(await c.getId('cache-orders-value', orderSchema), id)
  assert.equal(c.cachedId('cache-orders-value', orderSchema), id)
  assert.equal(calls.length, 1)

  const schema = await c.getSchemaById(id)
  assert.equal(schema.schemaType, 'AVRO')
  assert.equal(await c.getSchemaById(id), schema)
  assert.equal(c.cachedSchemaById(id), schema)
  assert.deepEqual(calls.slice(1), [`GET /schemas/ids/${id}`])
})

test('a version is fetched once, and its schema shares the id cache', async () => {
  const { client: c, calls } = client()
  const id = await c.register('cache-versions-value', { schema: record('Versioned', [{ name: 'a', type: 'int' }]) })
  const byId = await c.getSchemaById(id)
  const version = await c.getVersion('cache-versions-value', 1)
  assert.deepEqual([version.subject, version.version, version.id], ['cache-versions-value', 1, id])
  assert.equal(version.schema, byId)
  await c.getVersion('cache-versions-value', 1)
  assert.deepEqual(calls, [
    'POST /subjects/cache-versions-value/versions',
    `GET /schemas/ids/${id}`,
    'GET /subjects/cache-versions-value/versions/1?deleted=true',
  ])
})

test('the latest version is reused until its TTL runs out, then asked for again', async () => {
  const { client: c, calls } = client({ latestTtlMs: 100 })
  await c.register('cache-latest-value', { schema: record('Latest', [{ name: 'a', type: 'int' }]) })
  const first = await c.getLatestVersion('cache-latest-value')
  await c.getLatestVersion('cache-latest-value')
  assert.equal(calls.filter((call) => call.endsWith('/versions/latest')).length, 1)
  const evolved = record('Latest', [{ name: 'a', type: 'int' }, { name: 'b', type: ['null', 'int'], default: null }])
  await new RegistryClient({ baseUrls: registry.url }).register('cache-latest-value', { schema: evolved })
  assert.equal((await c.getLatestVersion('cache-latest-value')).version, first.version, 'still the cached version')
  await waitFor(() => c.latestRemainingTtl('cache-latest-value') === 0, 'the cached latest version expires')
  assert.equal((await c.getLatestVersion('cache-latest-value')).version, first.version + 1)
  assert.equal(calls.filter((call) => call.endsWith('/versions/latest')).length, 2)
})

test('concurrent misses for one key make one request', async () => {
  const seed = new RegistryClient({ baseUrls: registry.url })
  const id = await seed.register('burst-value', { schema: record('Burst', [{ name: 'n', type: 'long' }]) })
  const { client: c, calls } = client()
  const schemas = await Promise.all(Array.from({ length: 20 }, () => c.getSchemaById(id)))
  assert.ok(schemas.every((schema) => schema === schemas[0]))
  const ids = await Promise.all(Array.from({ length: 20 }, () => c.register('burst-value', { schema: record('Burst', [{ name: 'n', type: 'long' }]) })))
  assert.ok(ids.every((each) => each === id))
  assert.deepEqual(calls, [`GET /schemas/ids/${id}`, 'POST /subjects/burst-value/versions'])
})

test('references are fetched (once, soft-deleted included) and resolved when a schema is parsed', async () => {
  const seed = new RegistryClient({ baseUrls: registry.url })
  await seed.register('refs-money', { schema: JSON.stringify({ type: 'record', name: 'Money', namespace: 'shop', fields: [{ name: 'cents', type: 'long' }] }) })
  const invoice = {
    schema: JSON.stringify({ type: 'record', name: 'Invoice', namespace: 'shop', fields: [{ name: 'total', type: 'shop.Money' }] }),
    references: [{ name: 'shop.Money', subject: 'refs-money', version: 1 }],
  }
  const id = await seed.register('refs-invoice-value', invoice)
  const { client: c, calls } = client()
  const parsed = await c.getSchemaById(id)
  assert.equal(parsed.schemaType, 'AVRO')
  assert.match(parsed.schemaType === 'AVRO' ? parsed.resolved() : '', /"name":"Money"/)
  await c.parseSchema(invoice)
  assert.deepEqual(calls, [`GET /schemas/ids/${id}`, 'GET /subjects/refs-money/versions/1?deleted=true'])
})

test('registry errors carry the status, the error_code and the message, and 4xx are not retried', async () => {
  const { client: c, calls } = client()
  await assert.rejects(c.getSchemaById(4242), registryError(404, 40403, /GET http:\/\/\S+\/schemas\/ids\/4242: .*Schema 4242 not found/))
  await assert.rejects(c.getVersion('no-such-subject', 1), registryError(404, 40401, /Subject 'no-such-subject' not found/))
  await assert.rejects(c.register('bad-value', { schema: '{"type": "nope"}' }), registryError(422, 42201, /Invalid schema/))
  await assert.rejects(c.getId('cache-orders-value', { schema: '"string"' }), registryError(404, 40403, /Schema not found/))
  assert.equal(calls.length, 4)
})

test('a schema of a type the client cannot parse, or text that does not parse, is INVALID_SCHEMA', async () => {
  const { client: c } = client()
  await assert.rejects(c.parseSchema({ schema: '{"type": "record"}' }), (error: unknown) => {
    assert.ok(error instanceof SerdeError)
    assert.equal(error.reason, 'INVALID_SCHEMA')
    assert.match(error.message, /the given schema does not parse as AVRO/)
    return true
  })
  await assert.rejects(c.parseSchema({ schema: 'x', schemaType: 'XML' as never }), /schema type 'XML' is not supported/)
})

test('bad options are refused at construction, naming the option', () => {
  const bad: [Record<string, unknown>, RegExp][] = [
    [{ baseUrls: [] }, /baseUrls: give at least one/],
    [{ baseUrls: 'not a url' }, /baseUrls: 'not a url' is not a URL/],
    [{ baseUrls: registry.url, timeoutMs: 0 }, /timeoutMs: 0/],
    [{ baseUrls: registry.url, maxRetries: -1 }, /maxRetries: -1/],
    [{ baseUrls: registry.url, cacheCapacity: 0 }, /cacheCapacity: 0/],
    [{ baseUrls: registry.url, basicAuth: { username: 'a', password: 'b' }, bearerToken: 't' }, /basicAuth or bearerToken/],
  ]
  for (const [options, message] of bad) {
    assert.throws(() => new RegistryClient(options as never), (error: unknown) => error instanceof SerdeError && error.reason === 'CONFIG' && message.test(error.message))
  }
})
