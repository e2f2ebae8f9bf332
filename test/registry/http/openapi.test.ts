// Keeps openapi/registry.yaml true: the document is well formed, the app serves exactly its operations, and
// every response of a realistic session (registrations, reads, lookups, compatibility tests, config, mode,
// deletes, contexts and the error cases of the spec) matches the schema of its route and status.

import assert from 'node:assert/strict'
import diagnostics from 'node:diagnostics_channel'
import { after, describe, test } from 'node:test'
import type { FastifyInstance, RouteOptions } from 'fastify'
import { ERROR_CODES } from '../../../src/errors.ts'
import { createMetrics } from '../../../src/http/metrics.ts'
import { buildRegistryApp } from '../../../src/registry/http/app.ts'
import { Registry } from '../../../src/registry/registry.ts'
import { MemoryLog } from '../../../src/registry/store/memory/memory-log.ts'
import {
  allRefs,
  compileSchemaAt,
  documentedErrorCodes,
  documentedStatuses,
  openapiDocument,
  openapiPaths,
  operationObject,
  resolvePointer,
  responseContents,
  toOpenApiPath,
  validateErrorBody,
  validateResponse,
} from '../../support/openapi.ts'

const JSON_TYPES = ['application/vnd.schemaregistry.v1+json', 'application/vnd.schemaregistry+json', 'application/json']

/** The routes of the brief and of the spec (section 3), as `METHOD path`. */
const EXPECTED_OPERATIONS = [
  'GET /',
  'POST /',
  'GET /ready',
  'GET /v1/metadata/id',
  'GET /v1/metadata/version',
  'GET /metrics',
  'GET /schemas',
  'GET /schemas/types',
  'GET /schemas/ids/{id}',
  'GET /schemas/ids/{id}/schema',
  'GET /schemas/ids/{id}/subjects',
  'GET /schemas/ids/{id}/versions',
  'GET /subjects',
  'POST /subjects/{subject}',
  'DELETE /subjects/{subject}',
  'GET /subjects/{subject}/versions',
  'POST /subjects/{subject}/versions',
  'GET /subjects/{subject}/versions/{version}',
  'DELETE /subjects/{subject}/versions/{version}',
  'GET /subjects/{subject}/versions/{version}/schema',
  'GET /subjects/{subject}/versions/{version}/referencedby',
  'POST /compatibility/subjects/{subject}/versions',
  'POST /compatibility/subjects/{subject}/versions/{version}',
  'GET /config',
  'PUT /config',
  'DELETE /config',
  'GET /config/{subject}',
  'PUT /config/{subject}',
  'DELETE /config/{subject}',
  'GET /mode',
  'PUT /mode',
  'DELETE /mode',
  'GET /mode/{subject}',
  'PUT /mode/{subject}',
  'DELETE /mode/{subject}',
  'GET /contexts',
]

const key = (method: string, path: string) => `${method.toUpperCase()} ${toOpenApiPath(path).replace(/\{[^}/]+\}/g, '{}')}`

describe('openapi/registry.yaml', () => {
  test('every $ref resolves inside the document', () => {
    const dangling = allRefs().filter(({ ref }) => resolvePointer(ref) === undefined)
    assert.deepEqual(dangling, [])
  })

  test('has exactly the operations of the Confluent API, plus /ready and /metrics', () => {
    const operations = openapiPaths().map((o) => `${o.method} ${o.path}`)
    assert.deepEqual([...operations].sort(), [...EXPECTED_OPERATIONS].sort())
    assert.equal(operations.length, 36)
  })

  test('every operation has a unique operationId, a 200 response and the 406/500 answers', () => {
    const ids = new Set<string>()
    for (const { method, path } of openapiPaths()) {
      const operation = operationObject(method, path)
      const id = operation?.operationId
      assert.equal(typeof id, 'string', `${method} ${path}: operationId`)
      assert.ok(!ids.has(id as string), `${method} ${path}: operationId ${String(id)} is used twice`)
      ids.add(id as string)
      const statuses = documentedStatuses(method, path)
      assert.ok(statuses.includes('200'), `${method} ${path}: no 200 response`)
      assert.ok(statuses.includes('500'), `${method} ${path}: no 500 response`)
      if (path !== '/metrics') assert.ok(statuses.includes('406'), `${method} ${path}: no 406 response`)
    }
  })

  test('operations with a body document 400, 413, 415 and 422; the others document none of them', () => {
    for (const { method, path } of openapiPaths()) {
      const statuses = documentedStatuses(method, path)
      const hasBody = operationObject(method, path)?.requestBody !== undefined
      for (const status of ['400', '413', '415']) {
        assert.equal(statuses.includes(status), hasBody, `${method} ${path}: ${status} iff it has a body`)
      }
      if (hasBody && path !== '/') assert.ok(documentedErrorCodes(method, path, 422).includes(422), `${method} ${path}: 422 for a null body`)
    }
  })

  test('every path template parameter is declared as a path parameter', () => {
    const paths = openapiDocument().paths as Record<string, { parameters?: Array<{ $ref: string }> }>
    for (const [path, item] of Object.entries(paths)) {
      const inTemplate = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort()
      const declared = (item.parameters ?? [])
        .map((p) => resolvePointer(p.$ref) as { name: string; in: string })
        .filter((p) => p.in === 'path')
        .map((p) => p.name)
        .sort()
      assert.deepEqual(declared, inTemplate, path)
    }
  })

  test('every response schema compiles (JSON Schema 2020-12, ajv strict)', () => {
    const contents = responseContents()
    assert.ok(contents.length > 100)
    for (const c of contents) {
      assert.doesNotThrow(() => compileSchemaAt(c.schemaPointer), `${c.method} ${c.path} ${c.status} ${c.mediaType}`)
    }
  })

  test('JSON responses offer the three registry media types', () => {
    for (const c of responseContents()) {
      if (c.path === '/metrics' && c.status === '200') {
        assert.equal(c.mediaType, 'text/plain')
        continue
      }
      assert.ok(JSON_TYPES.includes(c.mediaType), `${c.method} ${c.path} ${c.status}: ${c.mediaType}`)
    }
    const perResponse = new Map<string, number>()
    for (const c of responseContents()) perResponse.set(`${c.method} ${c.path} ${c.status}`, (perResponse.get(`${c.method} ${c.path} ${c.status}`) ?? 0) + 1)
    for (const [response, count] of perResponse) {
      if (response !== 'GET /metrics 200') assert.equal(count, 3, response)
    }
  })

  test('every error response documents its error codes, each starting with its status and in the catalogue', () => {
    const catalogue = new Map<number, number>(Object.values(ERROR_CODES).map((e) => [e.code, e.status]))
    for (const { method, path } of openapiPaths()) {
      for (const status of documentedStatuses(method, path).filter((s) => Number(s) >= 400)) {
        const codes = documentedErrorCodes(method, path, status)
        assert.ok(codes.length > 0, `${method} ${path} ${status}: no error_code documented`)
        for (const code of codes) {
          assert.ok(String(code).startsWith(status), `${method} ${path} ${status}: ${code} does not start with ${status}`)
          assert.equal(catalogue.get(code), Number(status), `${method} ${path} ${status}: ${code} is not in src/errors.ts`)
        }
      }
    }
  })

  test('every code of the catalogue in src/errors.ts appears in the document', () => {
    const text = JSON.stringify(openapiDocument())
    const missing = Object.values(ERROR_CODES).filter((e) => !text.includes(`\`${e.code}\``))
    assert.deepEqual(missing, [])
  })

  test('validateResponse maps fastify routes and reports wrong bodies, statuses, codes and content types', () => {
    assert.equal(toOpenApiPath('/subjects/:subject/versions/:version'), '/subjects/{subject}/versions/{version}')
    assert.equal(toOpenApiPath('/schemas/ids/:id(^\\d+$)/'), '/schemas/ids/{id}')
    const schema = { subject: 's', version: 1, id: 1, schema: '"string"' }
    assert.deepEqual(validateResponse('GET', '/subjects/:subject/versions/:version', 200, schema, 'application/json'), [])
    assert.deepEqual(validateResponse('GET', '/subjects/s/versions/latest', 200, schema), [])
    assert.equal(validateResponse('GET', '/subjects/:subject/versions/:version', 200, { ...schema, id: 'one' }).length, 1)
    assert.equal(validateResponse('GET', '/subjects/:subject/versions/:version', 200, schema, 'text/html').length, 1)
    assert.equal(validateResponse('GET', '/subjects/:subject/versions/:version', 409, { error_code: 409, message: 'x' }).length, 1)
    assert.equal(validateResponse('GET', '/subjects/:subject/versions/:version', 404, { error_code: 40403, message: 'x' }).length, 1)
    assert.deepEqual(validateResponse('GET', '/subjects/:subject/versions/:version', 404, { error_code: 40402, message: 'x' }), [])
    assert.equal(validateResponse('PATCH', '/subjects', 200, []).length, 1)
    assert.deepEqual(validateErrorBody(404, { error_code: 404, message: 'HTTP 404 Not Found' }), [])
    assert.equal(validateErrorBody(404, { error_code: 40401, message: 'x' }).length, 1)
  })
})

// --- the app against the document ---------------------------------------------------------------------------

interface ServedRoute {
  readonly method: string
  readonly url: string
}

interface Harness {
  readonly app: FastifyInstance
  /** Every (method, url) the app registered, HEAD routes fastify adds for GETs and 405 fillers left out. */
  readonly routes: ServedRoute[]
  call<T = unknown>(request: Call): Promise<T>
  /** POST /subjects/{subject}/versions with `{ schema }`, expecting 200. */
  register(subject: string, schema: string): Promise<Registered>
}

interface Call {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  readonly url: string
  /** A JSON value, sent as `application/vnd.schemaregistry.v1+json` unless `headers` say otherwise; or `raw`
   * text, sent with the `headers` given only (none: what a client without Content-Type sends). */
  readonly body?: unknown
  readonly raw?: string
  readonly headers?: Record<string, string>
  readonly status: number
  /** The expected `error_code`, for errors. */
  readonly code?: number
}

/** `METHOD {}-shape` of every operation answered with a 2xx in this file, to check that all were exercised. */
const exercised = new Set<string>()
const harnesses: Harness[] = []

/**
 * Builds the app on a fresh memory log, recording its routes and, per request, the route fastify matched.
 * Hooks go in through fastify's `fastify.initialization` diagnostics channel, so they are in place before the
 * app adds any route (buildRegistryApp returns an app that is already ready).
 */
async function harness(options: { bodyLimit?: number } = {}): Promise<Harness> {
  const routes: ServedRoute[] = []
  let matched: string | undefined
  const onInit = (message: unknown) => {
    const { fastify } = message as { fastify: FastifyInstance }
    fastify.addHook('onRoute', (route: RouteOptions) => {
      if ((route.config as { methodNotAllowed?: boolean } | undefined)?.methodNotAllowed) return
      for (const method of [route.method].flat()) routes.push({ method, url: route.url })
    })
    fastify.addHook('onRequest', async (request) => {
      matched = request.routeOptions.url
    })
  }
  diagnostics.subscribe('fastify.initialization', onInit)
  let app: FastifyInstance
  try {
    const registry = await Registry.open({ log: new MemoryLog() })
    app = await buildRegistryApp({ registry, logger: false, metrics: createMetrics(), ...options })
  } finally {
    diagnostics.unsubscribe('fastify.initialization', onInit)
  }
  const gets = new Set(routes.filter((r) => r.method === 'GET').map((r) => r.url))
  const served = routes.filter((r) => !(r.method === 'HEAD' && gets.has(r.url)))

  async function call<T>(c: Call): Promise<T> {
    matched = undefined
    const headers: Record<string, string> = { ...c.headers }
    let payload: string | undefined = c.raw
    if (c.body !== undefined) {
      payload = JSON.stringify(c.body)
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['content-type'] = 'application/vnd.schemaregistry.v1+json'
      }
    }
    const res = await app.inject({ method: c.method, url: c.url, payload, headers })
    const contentType = String(res.headers['content-type'] ?? '')
    let body: unknown = res.body
    if (JSON_TYPES.includes(contentType.split(';')[0].trim()) && res.body !== '') {
      try {
        body = JSON.parse(res.body)
      } catch {
        body = res.body // Protobuf text from the raw-schema endpoints
      }
    }
    const what = `${c.method} ${c.url}${payload === undefined ? '' : ` ${payload.slice(0, 200)}`}`
    assert.equal(res.statusCode, c.status, `${what} → ${res.statusCode} ${res.body.slice(0, 500)}`)
    if (c.code !== undefined) assert.equal((body as { error_code?: number }).error_code, c.code, `${what} → ${res.body}`)
    // A 405 comes from a known path asked with a method it does not serve: no operation to check it against.
    const problems = matched && res.statusCode !== 405
      ? validateResponse(c.method, matched, res.statusCode, body, contentType)
      : validateErrorBody(res.statusCode, body)
    assert.deepEqual(problems, [], `${what} → ${res.statusCode} ${res.body.slice(0, 500)}`)
    if (matched && res.statusCode < 300) exercised.add(key(c.method, matched))
    return body as T
  }

  const register = (subject: string, schema: string) =>
    call<Registered>({ method: 'POST', url: `/subjects/${subject}/versions`, body: { schema }, status: 200 })
  const h = { app, routes: served, call, register }
  harnesses.push(h)
  return h
}

after(async () => {
  for (const h of harnesses) await h.app.close()
})

const ORDER_V1 = '{"type":"record","name":"Order","fields":[{"name":"id","type":"long"}]}'
const ORDER_V2 =
  '{"type":"record","name":"Order","fields":[{"name":"id","type":"long"},{"name":"note","type":"string","default":""}]}'
const ORDER_V3 =
  '{"type":"record","name":"Order","fields":[{"name":"id","type":"long"},{"name":"note","type":"string","default":""},{"name":"qty","type":"int","default":0}]}'
/** `id` long → string: not a promotion, so BACKWARD-incompatible with every version above. */
const ORDER_BAD = '{"type":"record","name":"Order","fields":[{"name":"id","type":"string"}]}'
const CUSTOMER = '{"type":"record","name":"Customer","fields":[{"name":"name","type":"string"}]}'
const ORDER_WITH_CUSTOMER = '{"type":"record","name":"Order","fields":[{"name":"customer","type":"Customer"}]}'

type SchemaObject = { subject: string; version: number; id: number; schema: string; schemaType?: string; references?: unknown[] }
type Registered = { id: number; version?: number }

describe('the registry app', () => {
  test('serves every operation of openapi/registry.yaml, and nothing else', async () => {
    const { app, routes } = await harness()
    assert.ok(routes.length > 0, 'no route was recorded')
    const documented = new Set(openapiPaths().map((o) => key(o.method, o.path)))
    const served = new Set(routes.map((r) => key(r.method, r.url)))
    const undocumented = [...served].filter((k) => !documented.has(k)).sort()
    const unserved = [...documented].filter((k) => !served.has(k)).sort()
    assert.deepEqual(undocumented, [], 'routes the app serves that openapi/registry.yaml lacks')
    assert.deepEqual(unserved, [], 'operations of openapi/registry.yaml the app does not serve')
    for (const { method, path } of openapiPaths()) {
      const url = path.replace(/\{[^}]+\}/g, (m) => `:${m.slice(1, -1)}`)
      assert.ok(app.hasRoute({ method: method as 'GET', url }), `${method} ${url}`)
    }
  })

  test('registering, reading and listing Avro schemas answer as documented', async () => {
    const { call, register } = await harness()
    assert.deepEqual(await call({ method: 'GET', url: '/subjects', status: 200 }), [])

    const v1 = await register('orders-value', ORDER_V1)
    assert.ok(Number.isInteger(v1.id) && v1.id >= 1)
    const pretty = JSON.stringify(JSON.parse(ORDER_V1), null, 2)
    const again = await register('orders-value', pretty)
    assert.equal(again.id, v1.id, 'whitespace does not make a new schema')
    const typed = await call<Registered>({
      method: 'POST',
      url: '/subjects/orders-value/versions',
      body: { schema: ORDER_V1, schemaType: 'AVRO' },
      status: 200,
    })
    assert.equal(typed.id, v1.id, '"schemaType":"AVRO" is the same as no schemaType')
    const v2 = await register('orders-value', ORDER_V2)
    assert.notEqual(v2.id, v1.id)
    const other = await register('other-value', ORDER_V1)
    assert.equal(other.id, v1.id, 'same content in another subject reuses the id')

    assert.deepEqual(await call({ method: 'GET', url: '/subjects', status: 200 }), ['orders-value', 'other-value'])
    assert.deepEqual(await call({ method: 'GET', url: '/subjects?offset=1&limit=1', status: 200 }), ['other-value'])
    assert.deepEqual(await call({ method: 'GET', url: '/subjects?subjectPrefix=ord', status: 200 }), ['orders-value'])
    assert.deepEqual(await call({ method: 'GET', url: '/subjects/orders-value/versions', status: 200 }), [1, 2])

    const first = await call<SchemaObject>({ method: 'GET', url: '/subjects/orders-value/versions/1', status: 200 })
    assert.deepEqual([first.subject, first.version, first.id, first.schema], ['orders-value', 1, v1.id, ORDER_V1])
    assert.equal('schemaType' in first, false, 'schemaType is omitted for AVRO')
    assert.equal('references' in first, false, 'empty references are omitted')
    for (const latest of ['latest', '-1', 'LATEST']) {
      const v = await call<SchemaObject>({ method: 'GET', url: `/subjects/orders-value/versions/${latest}`, status: 200 })
      assert.deepEqual([v.version, v.id], [2, v2.id])
    }
    assert.deepEqual(await call({ method: 'GET', url: '/subjects/orders-value/versions/1/schema', status: 200 }), JSON.parse(ORDER_V1))
    assert.deepEqual(await call({ method: 'GET', url: '/subjects/orders-value/versions/1/referencedby', status: 200 }), [])

    const byId = await call<{ schema: string; schemaType?: string }>({ method: 'GET', url: `/schemas/ids/${v1.id}`, status: 200 })
    assert.equal(byId.schema, ORDER_V1)
    assert.equal('schemaType' in byId, false)
    const withMax = await call<{ maxId: number }>({ method: 'GET', url: `/schemas/ids/${v1.id}?fetchMaxId=true`, status: 200 })
    assert.ok(withMax.maxId >= v2.id)
    assert.deepEqual(await call({ method: 'GET', url: `/schemas/ids/${v1.id}/schema`, status: 200 }), JSON.parse(ORDER_V1))
    assert.deepEqual(await call({ method: 'GET', url: `/schemas/ids/${v1.id}/subjects`, status: 200 }), ['orders-value', 'other-value'])
    assert.deepEqual(await call({ method: 'GET', url: `/schemas/ids/${v1.id}/versions`, status: 200 }), [
      { subject: 'orders-value', version: 1 },
      { subject: 'other-value', version: 1 },
    ])

    const all = await call<SchemaObject[]>({ method: 'GET', url: '/schemas', status: 200 })
    assert.deepEqual(all.map((s) => [s.subject, s.version]), [['orders-value', 1], ['orders-value', 2], ['other-value', 1]])
    const latestOnly = await call<SchemaObject[]>({ method: 'GET', url: '/schemas?latestOnly=true', status: 200 })
    assert.deepEqual(latestOnly.map((s) => [s.subject, s.version]), [['orders-value', 2], ['other-value', 1]])
    const prefixed = await call<SchemaObject[]>({ method: 'GET', url: '/schemas?subjectPrefix=orders&limit=1', status: 200 })
    assert.deepEqual(prefixed.map((s) => [s.subject, s.version]), [['orders-value', 1]])
    const types = await call<string[]>({ method: 'GET', url: '/schemas/types', status: 200 })
    assert.ok(types.includes('AVRO'))
  })

  test('references are stored, returned and listed by referencedby', async () => {
    const { call, register } = await harness()
    const customer = await register('customer-value', CUSTOMER)
    const references = [{ name: 'Customer', subject: 'customer-value', version: 1 }]
    const order = await call<Registered>({
      method: 'POST',
      url: '/subjects/order-value/versions',
      body: { schema: ORDER_WITH_CUSTOMER, references },
      status: 200,
    })
    assert.notEqual(order.id, customer.id)
    const stored = await call<SchemaObject>({ method: 'GET', url: '/subjects/order-value/versions/latest', status: 200 })
    assert.deepEqual(stored.references, references)
    const byId = await call<{ references?: unknown[] }>({ method: 'GET', url: `/schemas/ids/${order.id}`, status: 200 })
    assert.deepEqual(byId.references, references)
    assert.deepEqual(await call({ method: 'GET', url: '/subjects/customer-value/versions/1/referencedby', status: 200 }), [order.id])
    await call({ method: 'DELETE', url: '/subjects/customer-value/versions/1', status: 422, code: 42206 })
    await call({ method: 'DELETE', url: '/subjects/customer-value', status: 422, code: 42206 })
    await call({
      method: 'POST',
      url: '/subjects/order2-value/versions',
      body: { schema: ORDER_WITH_CUSTOMER, references: [{ name: 'Customer', subject: 'customer-value', version: 7 }] },
      status: 422,
      code: 42201,
    })
  })

  test('lookups and compatibility tests answer as documented', async () => {
    const { call, register } = await harness()
    const v1 = await register('orders-value', ORDER_V1)
    await register('orders-value', ORDER_V2)

    const found = await call<SchemaObject>({ method: 'POST', url: '/subjects/orders-value', body: { schema: ORDER_V1 }, status: 200 })
    assert.deepEqual([found.subject, found.version, found.id], ['orders-value', 1, v1.id])
    await call({ method: 'POST', url: '/subjects/orders-value', body: { schema: ORDER_V3 }, status: 404, code: 40403 })
    await call({ method: 'POST', url: '/subjects/nosuch-value', body: { schema: ORDER_V1 }, status: 404, code: 40401 })
    await call({ method: 'POST', url: '/subjects/orders-value', body: { schema: '{"type":' }, status: 422, code: 42201 })

    const latest = '/compatibility/subjects/orders-value/versions/latest'
    const bad = await call<{ is_compatible: boolean; messages?: string[] }>({ method: 'POST', url: latest, body: { schema: ORDER_BAD }, status: 200 })
    assert.equal(bad.is_compatible, false)
    assert.equal(bad.messages, undefined, 'messages only with verbose=true')
    const verbose = await call<{ is_compatible: boolean; messages?: string[] }>({
      method: 'POST',
      url: `${latest}?verbose=true`,
      body: { schema: ORDER_BAD },
      status: 200,
    })
    assert.equal(verbose.is_compatible, false)
    assert.ok((verbose.messages ?? []).length > 0, 'verbose lists the incompatibilities')
    const good = await call<{ is_compatible: boolean }>({
      method: 'POST',
      url: '/compatibility/subjects/orders-value/versions',
      body: { schema: ORDER_V3 },
      status: 200,
    })
    assert.equal(good.is_compatible, true)
    const goodVerbose = await call<{ is_compatible: boolean; messages?: string[] }>({
      method: 'POST',
      url: '/compatibility/subjects/orders-value/versions/1?verbose=true',
      body: { schema: ORDER_V3 },
      status: 200,
    })
    assert.deepEqual([goodVerbose.is_compatible, goodVerbose.messages], [true, []])
    const fresh = await call<{ is_compatible: boolean }>({
      method: 'POST',
      url: '/compatibility/subjects/nosuch-value/versions/latest',
      body: { schema: ORDER_BAD },
      status: 200,
    })
    assert.equal(fresh.is_compatible, true, 'a missing subject with latest is compatible')
    await call({ method: 'POST', url: '/compatibility/subjects/orders-value/versions/7', body: { schema: ORDER_V3 }, status: 404, code: 40402 })
    await call({ method: 'POST', url: '/compatibility/subjects/nosuch-value/versions/1', body: { schema: ORDER_V3 }, status: 404, code: 40402 })
    await call({ method: 'POST', url: '/compatibility/subjects/orders-value/versions/0', body: { schema: ORDER_V3 }, status: 422, code: 42202 })
    await call({ method: 'POST', url: latest, body: { schema: 'not a schema' }, status: 422, code: 42201 })
    const invalidVerbose = await call<{ is_compatible: boolean; messages?: string[] }>({
      method: 'POST',
      url: `${latest}?verbose=true`,
      body: { schema: 'not a schema' },
      status: 200,
    })
    assert.equal(invalidVerbose.is_compatible, false)
    assert.ok((invalidVerbose.messages ?? []).length > 0)

    await call({ method: 'POST', url: '/subjects/orders-value/versions', body: { schema: ORDER_BAD }, status: 409, code: 409 })
    assert.deepEqual(await call({ method: 'GET', url: '/subjects/orders-value/versions', status: 200 }), [1, 2], 'a 409 writes nothing')
  })

  test('config get, put and delete answer as documented', async () => {
    const { call, register } = await harness()
    await register('orders-value', ORDER_V1)

    assert.deepEqual(await call({ method: 'GET', url: '/config', status: 200 }), { compatibilityLevel: 'BACKWARD' })
    assert.deepEqual(await call({ method: 'PUT', url: '/config', body: { compatibility: 'full' }, status: 200 }), { compatibility: 'FULL' })
    assert.deepEqual(await call({ method: 'GET', url: '/config', status: 200 }), { compatibilityLevel: 'FULL' })
    await call({ method: 'GET', url: '/config/orders-value', status: 404, code: 40408 })
    assert.deepEqual(await call({ method: 'GET', url: '/config/orders-value?defaultToGlobal=true', status: 200 }), { compatibilityLevel: 'FULL' })

    const put = await call({ method: 'PUT', url: '/config/orders-value', body: { compatibility: 'NONE', normalize: true }, status: 200 })
    assert.deepEqual(put, { compatibility: 'NONE', normalize: true })
    assert.deepEqual(await call({ method: 'GET', url: '/config/orders-value', status: 200 }), { compatibilityLevel: 'NONE', normalize: true })
    await register('orders-value', ORDER_BAD)

    await call({ method: 'PUT', url: '/config/config-only-value', body: { compatibility: 'FORWARD' }, status: 200 })
    assert.deepEqual(await call({ method: 'GET', url: '/subjects', status: 200 }), ['orders-value'], 'a config alone lists no subject')

    const removed = await call({ method: 'DELETE', url: '/config/orders-value', status: 200 })
    assert.deepEqual(removed, { compatibilityLevel: 'NONE', normalize: true })
    await call({ method: 'DELETE', url: '/config/orders-value', status: 404, code: 40401 })
    await call({ method: 'PUT', url: '/config', body: { compatibility: 'BOGUS' }, status: 422, code: 42203 })
    await call({ method: 'PUT', url: '/config/orders-value', body: { compatibility: 'SIDEWAYS' }, status: 422, code: 42203 })
    assert.deepEqual(await call({ method: 'DELETE', url: '/config', status: 200 }), { compatibilityLevel: 'FULL' })
    assert.deepEqual(await call({ method: 'GET', url: '/config', status: 200 }), { compatibilityLevel: 'BACKWARD' })
  })

  test('mode get, put and delete, READONLY and IMPORT answer as documented', async () => {
    const { call, register } = await harness()
    const v1 = await register('orders-value', ORDER_V1)

    assert.deepEqual(await call({ method: 'GET', url: '/mode', status: 200 }), { mode: 'READWRITE' })
    await call({ method: 'GET', url: '/mode/orders-value', status: 404, code: 40409 })
    assert.deepEqual(await call({ method: 'GET', url: '/mode/orders-value?defaultToGlobal=true', status: 200 }), { mode: 'READWRITE' })

    assert.deepEqual(await call({ method: 'PUT', url: '/mode/orders-value', body: { mode: 'READONLY' }, status: 200 }), { mode: 'READONLY' })
    assert.deepEqual(await call({ method: 'GET', url: '/mode/orders-value', status: 200 }), { mode: 'READONLY' })
    await call({ method: 'POST', url: '/subjects/orders-value/versions', body: { schema: ORDER_V2 }, status: 422, code: 42205 })
    const same = await register('orders-value', ORDER_V1)
    assert.equal(same.id, v1.id, 're-registering existing content is the fast path, allowed in READONLY')
    await call({ method: 'DELETE', url: '/subjects/orders-value/versions/1', status: 422, code: 42205 })
    await call({ method: 'PUT', url: '/config/orders-value', body: { compatibility: 'NONE' }, status: 422, code: 42205 })
    assert.deepEqual(await call({ method: 'DELETE', url: '/mode/orders-value', status: 200 }), { mode: 'READONLY' })
    await call({ method: 'DELETE', url: '/mode/orders-value', status: 404, code: 40401 })

    await call({ method: 'PUT', url: '/mode', body: { mode: 'SOMETIMES' }, status: 422, code: 42204 })
    await call({ method: 'PUT', url: '/mode/orders-value', body: { mode: 'FORWARD' }, status: 422, code: 42204 })
    await call({ method: 'PUT', url: '/mode', body: { mode: 'IMPORT' }, status: 422, code: 42205 })

    assert.deepEqual(await call({ method: 'PUT', url: '/mode/imported-value', body: { mode: 'IMPORT' }, status: 200 }), { mode: 'IMPORT' })
    await call({ method: 'POST', url: '/subjects/imported-value/versions', body: { schema: ORDER_V3 }, status: 422, code: 42205 })
    const imported = await call<Registered>({
      method: 'POST',
      url: '/subjects/imported-value/versions',
      body: { schema: ORDER_V3, id: 100, version: 5 },
      status: 200,
    })
    assert.equal(imported.id, 100)
    assert.deepEqual(await call({ method: 'GET', url: '/subjects/imported-value/versions', status: 200 }), [5])
    await call({
      method: 'POST',
      url: '/subjects/imported-value/versions',
      body: { schema: ORDER_BAD, id: v1.id, version: 6 },
      status: 422,
      code: 42205,
    })
    assert.deepEqual(await call({ method: 'DELETE', url: '/mode/imported-value', status: 200 }), { mode: 'IMPORT' })
    await call({ method: 'POST', url: '/subjects/orders-value/versions', body: { schema: ORDER_V2, id: 200 }, status: 422, code: 42205 })
    const next = await register('orders-value', ORDER_V2)
    assert.ok(next.id > 100, 'ids allocated after an import are above the imported ones')

    assert.deepEqual(await call({ method: 'PUT', url: '/mode', body: { mode: 'READONLY' }, status: 200 }), { mode: 'READONLY' })
    await call({ method: 'POST', url: '/subjects/orders-value/versions', body: { schema: ORDER_V3 }, status: 422, code: 42205 })
    assert.deepEqual(await call({ method: 'PUT', url: '/mode', body: { mode: 'READWRITE' }, status: 200 }), { mode: 'READWRITE' })
    assert.deepEqual(await call({ method: 'DELETE', url: '/mode', status: 200 }), { mode: 'READWRITE' })
    assert.deepEqual(await call({ method: 'GET', url: '/mode', status: 200 }), { mode: 'READWRITE' })
  })

  test('soft and hard deletes answer as documented', async () => {
    const { call, register } = await harness()
    const v1 = await register('deletes-value', ORDER_V1)
    await register('deletes-value', ORDER_V2)
    await register('deletes-value', ORDER_V3)
    await register('gone-value', ORDER_V1)

    await call({ method: 'DELETE', url: '/subjects/deletes-value/versions/3?permanent=true', status: 404, code: 40407 })
    assert.equal(await call({ method: 'DELETE', url: '/subjects/deletes-value/versions/3', status: 200 }), 3)
    await call({ method: 'DELETE', url: '/subjects/deletes-value/versions/3', status: 404, code: 40406 })
    assert.deepEqual(await call({ method: 'GET', url: '/subjects/deletes-value/versions', status: 200 }), [1, 2])
    assert.deepEqual(await call({ method: 'GET', url: '/subjects/deletes-value/versions?deleted=true', status: 200 }), [1, 2, 3])
    assert.deepEqual(await call({ method: 'GET', url: '/subjects/deletes-value/versions?deletedOnly=true', status: 200 }), [3])
    await call({ method: 'GET', url: '/subjects/deletes-value/versions/3', status: 404, code: 40402 })
    const soft = await call<SchemaObject>({ method: 'GET', url: '/subjects/deletes-value/versions/3?deleted=true', status: 200 })
    assert.equal(soft.version, 3)
    assert.equal((await call<SchemaObject>({ method: 'GET', url: '/subjects/deletes-value/versions/latest', status: 200 })).version, 2)
    assert.equal(await call({ method: 'DELETE', url: '/subjects/deletes-value/versions/3?permanent=true', status: 200 }), 3)
    await call({ method: 'DELETE', url: '/subjects/deletes-value/versions/3?permanent=true', status: 404, code: 40402 })
    assert.deepEqual(await call({ method: 'GET', url: '/subjects/deletes-value/versions?deleted=true', status: 200 }), [1, 2])
    assert.equal(await call({ method: 'DELETE', url: '/subjects/deletes-value/versions/latest', status: 200 }), 2)

    await call({ method: 'DELETE', url: '/subjects/gone-value?permanent=true', status: 404, code: 40405 })
    assert.deepEqual(await call({ method: 'DELETE', url: '/subjects/gone-value', status: 200 }), [1])
    await call({ method: 'DELETE', url: '/subjects/gone-value', status: 404, code: 40404 })
    assert.deepEqual(await call({ method: 'GET', url: '/subjects', status: 200 }), ['deletes-value'])
    assert.deepEqual(await call({ method: 'GET', url: '/subjects?deleted=true', status: 200 }), ['deletes-value', 'gone-value'])
    assert.deepEqual(await call({ method: 'GET', url: '/subjects?deletedOnly=true', status: 200 }), ['gone-value'])
    await call({ method: 'GET', url: '/subjects/gone-value/versions', status: 404, code: 40401 })
    assert.deepEqual(await call({ method: 'GET', url: `/schemas/ids/${v1.id}/subjects`, status: 200 }), ['deletes-value'])
    assert.deepEqual(await call({ method: 'GET', url: `/schemas/ids/${v1.id}/subjects?deleted=true`, status: 200 }), ['deletes-value', 'gone-value'])
    await call({ method: 'POST', url: '/subjects/gone-value', body: { schema: ORDER_V1 }, status: 404, code: 40401 })
    const revived = await call<SchemaObject>({ method: 'POST', url: '/subjects/gone-value?deleted=true', body: { schema: ORDER_V1 }, status: 200 })
    assert.equal(revived.id, v1.id)

    assert.deepEqual(await call({ method: 'DELETE', url: '/subjects/gone-value?permanent=true', status: 200 }), [1])
    await call({ method: 'GET', url: '/subjects/gone-value/versions?deleted=true', status: 404, code: 40401 })
    await call({ method: 'DELETE', url: '/subjects/gone-value', status: 404, code: 40401 })
    await call({ method: 'DELETE', url: '/subjects/nosuch-value', status: 404, code: 40401 })
    await call({ method: 'DELETE', url: '/subjects/nosuch-value/versions/1', status: 404, code: 40401 })
    await call({ method: 'DELETE', url: '/subjects/deletes-value/versions/9', status: 404, code: 40402 })
    await call({ method: 'DELETE', url: '/subjects/deletes-value/versions/0', status: 422, code: 42202 })
  })

  test('contexts, server metadata, liveness and metrics answer as documented', async () => {
    const { call, register } = await harness()
    assert.deepEqual(await call({ method: 'GET', url: '/contexts', status: 200 }), ['.'])
    await register(':.ctx1:orders-value', ORDER_V1)
    await register('orders-value', ORDER_V1)
    assert.deepEqual(await call({ method: 'GET', url: '/contexts', status: 200 }), ['.', '.ctx1'])
    assert.deepEqual(await call({ method: 'GET', url: '/subjects', status: 200 }), [':.ctx1:orders-value', 'orders-value'])

    assert.deepEqual(await call({ method: 'GET', url: '/', status: 200 }), {})
    assert.deepEqual(await call({ method: 'POST', url: '/', body: {}, status: 200 }), {})
    const cluster = await call<{ scope: { path: unknown[]; clusters: Record<string, string> } }>({
      method: 'GET',
      url: '/v1/metadata/id',
      status: 200,
    })
    assert.equal(cluster.scope.clusters['schema-registry-cluster'], 'schema-registry')
    await call({ method: 'GET', url: '/v1/metadata/version', status: 200 })
    await call({ method: 'GET', url: '/ready', status: 200 })

    const prometheus = 'application/openmetrics-text;version=1.0.0;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1'
    const metrics = await call<string>({ method: 'GET', url: '/metrics', headers: { accept: prometheus }, status: 200 })
    assert.match(metrics, /schemaport_http_requests_total/)
  })

  test('responses follow the negotiated media type', async () => {
    const { app, call } = await harness()
    for (const [accept, expected] of [
      [undefined, 'application/vnd.schemaregistry.v1+json'],
      ['*/*', 'application/vnd.schemaregistry.v1+json'],
      ['application/json', 'application/json'],
      ['application/vnd.schemaregistry+json', 'application/vnd.schemaregistry+json'],
    ] as const) {
      const res = await app.inject({ method: 'GET', url: '/subjects', headers: accept ? { accept } : {} })
      assert.equal(String(res.headers['content-type']).split(';')[0], expected, `Accept: ${accept}`)
    }
    await call({ method: 'GET', url: '/subjects', headers: { accept: 'application/json' }, status: 200 })
    // Request bodies: every registry JSON type, octet-stream, and no Content-Type at all are read as JSON.
    const body = JSON.stringify({ schema: ORDER_V1 })
    for (const type of [...JSON_TYPES, 'application/json; charset=utf-8', 'application/octet-stream', undefined]) {
      const headers: Record<string, string> = type ? { 'content-type': type } : {}
      await call({ method: 'POST', url: '/subjects/typed-value/versions', raw: body, headers, status: 200 })
    }
  })

  test('errors carry the documented status and error_code', async () => {
    const { call, register } = await harness({ bodyLimit: 64 * 1024 })
    await register('orders-value', ORDER_V1)

    await call({ method: 'GET', url: '/no/such/route', status: 404, code: 404 })
    await call({ method: 'PUT', url: '/subjects', body: {}, status: 405, code: 405 })
    await call({ method: 'GET', url: '/subjects/nosuch-value/versions', status: 404, code: 40401 })
    await call({ method: 'GET', url: '/subjects/nosuch-value/versions/1', status: 404, code: 40401 })
    await call({ method: 'GET', url: '/subjects/orders-value/versions/99', status: 404, code: 40402 })
    await call({ method: 'GET', url: '/subjects/orders-value/versions/99/schema', status: 404, code: 40402 })
    await call({ method: 'GET', url: '/subjects/orders-value/versions/99/referencedby', status: 404, code: 40402 })
    for (const version of ['0', '-2', 'one', '2147483648']) {
      await call({ method: 'GET', url: `/subjects/orders-value/versions/${version}`, status: 422, code: 42202 })
    }
    await call({ method: 'GET', url: '/schemas/ids/9999', status: 404, code: 40403 })
    await call({ method: 'GET', url: '/schemas/ids/9999/schema', status: 404, code: 40403 })
    await call({ method: 'GET', url: '/schemas/ids/9999/subjects', status: 404, code: 40403 })
    await call({ method: 'GET', url: '/schemas/ids/9999/versions', status: 404, code: 40403 })
    await call({ method: 'GET', url: '/schemas/ids/abc', status: 404, code: 404 })

    const versions = '/subjects/orders-value/versions'
    await call({ method: 'POST', url: versions, body: { schema: 'not json' }, status: 422, code: 42201 })
    await call({ method: 'POST', url: versions, body: { schema: '{"type":"nope"}' }, status: 422, code: 42201 })
    await call({ method: 'POST', url: versions, body: { schema: ORDER_V1, schemaType: 'XML' }, status: 422, code: 42201 })
    await call({ method: 'POST', url: versions, body: {}, status: 422, code: 42201 })
    await call({ method: 'POST', url: versions, body: { schema: ORDER_BAD }, status: 409, code: 409 })
    await call({ method: 'POST', url: '/subjects/bad%01subject/versions', body: { schema: ORDER_V1 }, status: 422, code: 42208 })
    await call({ method: 'POST', url: versions, raw: JSON.stringify({ schema: ORDER_V1 }), headers: { 'content-type': 'text/plain' }, status: 415, code: 415 })
    await call({ method: 'GET', url: '/subjects', headers: { accept: 'text/html' }, status: 406, code: 406 })
    await call({ method: 'GET', url: '/subjects', headers: { accept: 'application/vnd.schemaregistry.v2+json' }, status: 406, code: 406 })
    await call({ method: 'POST', url: versions, raw: '{"schema":', status: 400, code: 400 })
    await call({ method: 'POST', url: versions, body: { schema: JSON.parse(ORDER_V1) }, status: 400, code: 400 })
    await call({ method: 'POST', url: versions, raw: 'null', status: 422, code: 422 })
    await call({ method: 'PUT', url: '/config', raw: 'null', status: 422, code: 422 })
    await call({ method: 'PUT', url: '/mode', raw: 'null', status: 422, code: 422 })
    const huge = JSON.stringify({ schema: JSON.stringify({ type: 'record', name: 'Big', doc: 'x'.repeat(100 * 1024), fields: [] }) })
    await call({ method: 'POST', url: versions, raw: huge, status: 413, code: 413 })
  })

  test('GET /contexts pages with offset and limit (spec 1.3, 3.18)', async () => {
    const { call, register } = await harness()
    for (const subject of [':.ctxa:x', ':.ctxb:x']) {
      await register(subject, ORDER_V1)
    }
    assert.deepEqual(await call({ method: 'GET', url: '/contexts', status: 200 }), ['.', '.ctxa', '.ctxb'])
    assert.deepEqual(await call({ method: 'GET', url: '/contexts?offset=1&limit=1', status: 200 }), ['.ctxa'])
    assert.deepEqual(await call({ method: 'GET', url: '/contexts?offset=3', status: 200 }), [])
  })

  test('GET /schemas/types lists AVRO, JSON and PROTOBUF (spec 3.14)', async () => {
    const { call } = await harness()
    const types = await call<string[]>({ method: 'GET', url: '/schemas/types', status: 200 })
    assert.deepEqual([...types].sort(), ['AVRO', 'JSON', 'PROTOBUF'])
  })

  test('the session above exercised every operation of the document', () => {
    const missing = openapiPaths()
      .map((o) => key(o.method, o.path))
      .filter((k) => !exercised.has(k))
    assert.deepEqual(missing, [])
  })
})
