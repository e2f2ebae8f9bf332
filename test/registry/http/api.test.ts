// Every endpoint and every error code of the registry over HTTP (app.inject, no socket).

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { avroRecord, testApp } from '../../support/registry.ts'

const order = avroRecord('Order', [{ name: 'id', type: 'long' }])
const order2 = avroRecord('Order', [
  { name: 'id', type: 'long' },
  { name: 'note', type: 'string', default: '' },
])
const broken = avroRecord('Order', [{ name: 'id', type: 'string' }])

async function withOrders() {
  const t = await testApp()
  assert.equal((await t.call('POST', '/subjects/orders-value/versions', { schema: order })).status, 200)
  return t
}

const expectError = (res: { status: number; body: any }, status: number, code: number) => {
  assert.equal(res.status, status, JSON.stringify(res.body))
  assert.equal(res.body.error_code, code, JSON.stringify(res.body))
  assert.equal(typeof res.body.message, 'string')
}

test('GET / and POST / answer an empty object', async () => {
  const t = await testApp()
  assert.deepEqual((await t.call('GET', '/')).body, {})
  assert.deepEqual((await t.call('POST', '/', {})).body, {})
})

test('register, then read by id, by version, raw schema and listings', async () => {
  const t = await withOrders()
  const reg = await t.call('POST', '/subjects/orders-value/versions', { schema: order2 })
  assert.equal(reg.status, 200)
  assert.equal(reg.body.id, 2)
  const byId = await t.call('GET', '/schemas/ids/2')
  assert.deepEqual(byId.body, { schema: order2 })
  assert.match(String(byId.headers['content-type']), /^application\/vnd\.schemaregistry\.v1\+json/)
  assert.deepEqual((await t.call('GET', '/schemas/ids/2?fetchMaxId=true')).body, { schema: order2, maxId: 2 })
  assert.equal((await t.call('GET', '/schemas/ids/2/schema')).raw, order2)
  assert.deepEqual((await t.call('GET', '/schemas/ids/1/subjects')).body, ['orders-value'])
  assert.deepEqual((await t.call('GET', '/schemas/ids/1/versions')).body, [{ subject: 'orders-value', version: 1 }])
  assert.deepEqual((await t.call('GET', '/subjects/orders-value/versions/latest')).body, {
    subject: 'orders-value',
    version: 2,
    id: 2,
    schema: order2,
  })
  assert.equal((await t.call('GET', '/subjects/orders-value/versions/-1')).body.version, 2)
  assert.equal((await t.call('GET', '/subjects/orders-value/versions/1/schema')).raw, order)
  assert.deepEqual((await t.call('GET', '/subjects/orders-value/versions')).body, [1, 2])
  assert.deepEqual((await t.call('GET', '/subjects')).body, ['orders-value'])
  assert.deepEqual((await t.call('GET', '/subjects?subjectPrefix=ord')).body, ['orders-value'])
  assert.deepEqual((await t.call('GET', '/subjects?subjectPrefix=x')).body, [])
  assert.equal((await t.call('GET', '/schemas')).body.length, 2)
  assert.equal((await t.call('GET', '/schemas?latestOnly=true')).body.length, 1)
  assert.equal((await t.call('GET', '/schemas?offset=1&limit=5')).body[0].version, 2)
  assert.deepEqual((await t.call('GET', '/schemas/types')).body, ['JSON', 'PROTOBUF', 'AVRO'])
  assert.deepEqual((await t.call('GET', '/subjects/orders-value/versions/1/referencedby')).body, [])
})

test('subject names are URL-decoded once; %2F and + are kept', async () => {
  const t = await testApp()
  assert.equal((await t.call('POST', '/subjects/a%2Fb+c%20d/versions', { schema: order })).status, 200)
  assert.deepEqual((await t.call('GET', '/subjects')).body, ['a/b+c d'])
})

test('lookup: POST /subjects/{s} returns the schema object, 40401 and 40403 otherwise', async () => {
  const t = await withOrders()
  const found = await t.call('POST', '/subjects/orders-value', { schema: order })
  assert.deepEqual(found.body, { subject: 'orders-value', version: 1, id: 1, schema: order })
  expectError(await t.call('POST', '/subjects/orders-value', { schema: order2 }), 404, 40403)
  expectError(await t.call('POST', '/subjects/other', { schema: order }), 404, 40401)
})

test('compatibility endpoints, with and without verbose', async () => {
  const t = await withOrders()
  assert.deepEqual((await t.call('POST', '/compatibility/subjects/orders-value/versions/latest', { schema: order2 })).body, {
    is_compatible: true,
  })
  assert.deepEqual((await t.call('POST', '/compatibility/subjects/orders-value/versions', { schema: broken })).body, {
    is_compatible: false,
  })
  const verbose = await t.call('POST', '/compatibility/subjects/orders-value/versions?verbose=true', { schema: broken })
  assert.equal(verbose.body.is_compatible, false)
  assert.ok(verbose.body.messages.length > 0)
  expectError(await t.call('POST', '/compatibility/subjects/orders-value/versions/9', { schema: order2 }), 404, 40402)
  expectError(await t.call('POST', '/compatibility/subjects/orders-value/versions/0', { schema: order2 }), 422, 42202)
  expectError(await t.call('POST', '/compatibility/subjects/orders-value/versions', { schema: '{' }), 422, 42201)
})

test('an incompatible registration answers 409', async () => {
  const t = await withOrders()
  expectError(await t.call('POST', '/subjects/orders-value/versions', { schema: broken }), 409, 409)
})

test('config: global and subject GET/PUT/DELETE with defaultToGlobal', async () => {
  const t = await withOrders()
  assert.deepEqual((await t.call('GET', '/config')).body, { compatibilityLevel: 'BACKWARD' })
  assert.deepEqual((await t.call('PUT', '/config', { compatibility: 'full' })).body, { compatibility: 'FULL' })
  assert.deepEqual((await t.call('GET', '/config')).body, { compatibilityLevel: 'FULL' })
  expectError(await t.call('GET', '/config/orders-value'), 404, 40408)
  assert.deepEqual((await t.call('GET', '/config/orders-value?defaultToGlobal=true')).body, { compatibilityLevel: 'FULL' })
  assert.deepEqual((await t.call('PUT', '/config/orders-value', { compatibility: 'NONE', normalize: true })).body, {
    compatibility: 'NONE',
    normalize: true,
  })
  assert.deepEqual((await t.call('GET', '/config/orders-value')).body, { compatibilityLevel: 'NONE', normalize: true })
  assert.deepEqual((await t.call('DELETE', '/config/orders-value')).body, { compatibilityLevel: 'NONE', normalize: true })
  expectError(await t.call('DELETE', '/config/orders-value'), 404, 40401)
  assert.deepEqual((await t.call('DELETE', '/config')).body, { compatibilityLevel: 'FULL' })
  assert.deepEqual((await t.call('GET', '/config')).body, { compatibilityLevel: 'BACKWARD' })
  expectError(await t.call('PUT', '/config', { compatibility: 'SOMETIMES' }), 422, 42203)
  expectError(await t.call('PUT', '/config/bad%01name', { compatibility: 'NONE' }), 422, 42208)
})

test('mode: GET/PUT/DELETE, 40409, 42204, IMPORT with ids', async () => {
  const t = await testApp()
  assert.deepEqual((await t.call('GET', '/mode')).body, { mode: 'READWRITE' })
  expectError(await t.call('GET', '/mode/s'), 404, 40409)
  assert.deepEqual((await t.call('GET', '/mode/s?defaultToGlobal=true')).body, { mode: 'READWRITE' })
  expectError(await t.call('PUT', '/mode', { mode: 'SLEEPY' }), 422, 42204)
  expectError(await t.call('PUT', '/mode/s', { mode: 'FORWARD' }), 422, 42204)
  assert.deepEqual((await t.call('PUT', '/mode/s', { mode: 'import' })).body, { mode: 'IMPORT' })
  expectError(await t.call('POST', '/subjects/s/versions', { schema: order }), 422, 42205)
  const imported = await t.call('POST', '/subjects/s/versions', { schema: order, id: 42, version: 7 })
  assert.equal(imported.body.id, 42)
  assert.deepEqual((await t.call('GET', '/subjects/s/versions')).body, [7])
  assert.deepEqual((await t.call('DELETE', '/mode/s')).body, { mode: 'IMPORT' })
  expectError(await t.call('DELETE', '/mode/s'), 404, 40401)
  assert.deepEqual((await t.call('PUT', '/mode', { mode: 'READONLY' })).body, { mode: 'READONLY' })
  expectError(await t.call('POST', '/subjects/t/versions', { schema: order2 }), 422, 42205)
  expectError(await t.call('PUT', '/config', { compatibility: 'NONE' }), 422, 42205)
})

test('deletes over HTTP: soft, permanent, and the two-step errors', async () => {
  const t = await withOrders()
  await t.call('POST', '/subjects/orders-value/versions', { schema: order2 })
  expectError(await t.call('DELETE', '/subjects/orders-value/versions/2?permanent=true'), 404, 40407)
  assert.equal((await t.call('DELETE', '/subjects/orders-value/versions/2')).body, 2)
  expectError(await t.call('DELETE', '/subjects/orders-value/versions/2'), 404, 40406)
  expectError(await t.call('GET', '/subjects/orders-value/versions/2'), 404, 40402)
  assert.equal((await t.call('GET', '/subjects/orders-value/versions/2?deleted=true')).body.version, 2)
  assert.equal((await t.call('DELETE', '/subjects/orders-value/versions/2?permanent=true')).body, 2)
  expectError(await t.call('GET', '/subjects/orders-value/versions/2?deleted=true'), 404, 40402)
  expectError(await t.call('DELETE', '/subjects/orders-value?permanent=true'), 404, 40405)
  assert.deepEqual((await t.call('DELETE', '/subjects/orders-value')).body, [1])
  expectError(await t.call('DELETE', '/subjects/orders-value'), 404, 40404)
  expectError(await t.call('GET', '/subjects/orders-value/versions'), 404, 40401)
  assert.deepEqual((await t.call('GET', '/subjects/orders-value/versions?deleted=true')).body, [1])
  assert.deepEqual((await t.call('GET', '/schemas/ids/1')).body, { schema: order })
  assert.deepEqual((await t.call('GET', '/schemas/ids/1/versions')).body, [])
  assert.deepEqual((await t.call('DELETE', '/subjects/orders-value?permanent=true')).body, [1])
  expectError(await t.call('GET', '/schemas/ids/1'), 404, 40403)
  expectError(await t.call('DELETE', '/subjects/orders-value'), 404, 40401)
})

test('references over HTTP: 42206 when deleting a referenced version', async () => {
  const t = await testApp()
  const money = JSON.stringify({ type: 'record', name: 'Money', fields: [{ name: 'cents', type: 'long' }] })
  await t.call('POST', '/subjects/money/versions', { schema: money })
  const wrapper = JSON.stringify({ type: 'record', name: 'Order', fields: [{ name: 'm', type: 'Money' }] })
  const reg = await t.call('POST', '/subjects/orders/versions', {
    schema: wrapper,
    references: [{ name: 'Money', subject: 'money', version: 1 }],
  })
  assert.equal(reg.status, 200)
  assert.deepEqual((await t.call('GET', '/subjects/orders/versions/1')).body.references, [
    { name: 'Money', subject: 'money', version: 1 },
  ])
  assert.deepEqual((await t.call('GET', '/subjects/money/versions/1/referencedby')).body, [reg.body.id])
  expectError(await t.call('DELETE', '/subjects/money/versions/1'), 422, 42206)
  assert.ok((await t.call('GET', '/subjects/orders/versions/1/schema?format=resolved')).raw.includes('"cents"'))
})

test('metadata and ruleSet are stored and returned as given', async () => {
  const t = await testApp()
  const metadata = { properties: { owner: 'team-a' } }
  const ruleSet = { domainRules: [{ name: 'r', kind: 'CONDITION', mode: 'WRITE', type: 'CEL', expr: 'true' }] }
  const reg = await t.call('POST', '/subjects/s/versions', { schema: order, metadata, ruleSet })
  const got = await t.call('GET', `/subjects/s/versions/1`)
  assert.deepEqual([got.body.metadata, got.body.ruleSet], [metadata, ruleSet])
  assert.deepEqual((await t.call('GET', `/schemas/ids/${reg.body.id}`)).body.metadata, metadata)
})

test('contexts and metadata endpoints', async () => {
  const t = await testApp()
  await t.call('POST', '/subjects/:.eu:orders/versions', { schema: order })
  assert.deepEqual((await t.call('GET', '/contexts')).body, ['.', '.eu'])
  const meta = await t.call('GET', '/v1/metadata/id')
  assert.deepEqual(meta.body.scope.path, [])
  assert.equal(meta.body.scope.clusters['schema-registry-cluster'], 'schema-registry')
  assert.equal(typeof (await t.call('GET', '/v1/metadata/version')).body.version, 'string')
})

test('version and id parsing: 42202 for bad versions, 404 for non-integer ids', async () => {
  const t = await withOrders()
  for (const v of ['0', '-2', 'abc', '2147483648', '1.5']) {
    expectError(await t.call('GET', `/subjects/orders-value/versions/${v}`), 422, 42202)
  }
  assert.equal((await t.call('GET', '/subjects/orders-value/versions/%20LaTeSt%20')).status, 200)
  expectError(await t.call('GET', '/schemas/ids/abc'), 404, 404)
  expectError(await t.call('GET', '/schemas/ids/99'), 404, 40403)
})

test('body errors: 400 malformed or wrongly typed JSON, 422 missing body, 42201 bad schema or type', async () => {
  const t = await testApp()
  expectError(await t.call('POST', '/subjects/s/versions', '{"schema": '), 400, 400)
  expectError(await t.call('POST', '/subjects/s/versions', { schema: { type: 'string' } }), 400, 400)
  expectError(await t.call('POST', '/subjects/s/versions', { schema: '"string"', references: 'x' }), 400, 400)
  expectError(await t.call('POST', '/subjects/s/versions', { schema: '"string"', version: 'one' }), 400, 400)
  expectError(await t.call('POST', '/subjects/s/versions', 'null'), 422, 422)
  expectError(await t.call('POST', '/subjects/s/versions', { schema: '"string"', schemaType: 'XML' }), 422, 42201)
  expectError(await t.call('POST', '/subjects/s/versions', {}), 422, 42201)
  expectError(await t.call('POST', '/subjects/s/versions', { schema: '{"type":"nope"}' }), 422, 42201)
  expectError(await t.call('POST', '/subjects/__EMPTY/versions', { schema: '"string"' }), 422, 42208)
  const badDefault = avroRecord('R', [{ name: 'n', type: 'int', default: 'one' }])
  expectError(await t.call('POST', '/subjects/s/versions', { schema: badDefault }), 422, 42201)
})

test('content types: accepted types, 415 for others, 406 for unsatisfiable Accept', async () => {
  const t = await testApp()
  const body = JSON.stringify({ schema: '"string"' })
  for (const type of ['application/json', 'application/vnd.schemaregistry+json', 'application/octet-stream', 'application/json; charset=utf-8']) {
    assert.equal((await t.call('POST', '/subjects/s/versions', body, { 'content-type': type })).status, 200, type)
  }
  const res415 = await t.app.inject({ method: 'POST', url: '/subjects/s/versions', payload: body, headers: { 'content-type': 'text/plain' } })
  assert.deepEqual([res415.statusCode, res415.json()], [415, { error_code: 415, message: 'HTTP 415 Unsupported Media Type' }])
  const noType = await t.app.inject({ method: 'POST', url: '/subjects/s2/versions', payload: body })
  assert.equal(noType.statusCode, 200)
  const json = await t.call('GET', '/subjects', undefined, { accept: 'application/json' })
  assert.match(String(json.headers['content-type']), /^application\/json/)
  const star = await t.call('GET', '/subjects', undefined, { accept: '*/*' })
  assert.match(String(star.headers['content-type']), /^application\/vnd\.schemaregistry\.v1\+json/)
  expectError(await t.call('GET', '/subjects', undefined, { accept: 'text/html' }), 406, 406)
})

test('unknown paths answer 404 with a JSON body, known paths with the wrong method 405', async () => {
  const t = await testApp()
  expectError(await t.call('GET', '/associations/subjects/x'), 404, 404)
  expectError(await t.call('POST', '/exporters', {}), 404, 404)
  expectError(await t.call('GET', '/dek-registry/v1/keks'), 404, 404)
  expectError(await t.call('PATCH', '/subjects'), 405, 405)
})

test('a body over the limit answers 413', async () => {
  const { registry } = await testApp()
  const { buildRegistryApp } = await import('../../../src/registry/http/app.ts')
  const app = await buildRegistryApp({ registry, logger: false, bodyLimit: 100 })
  const res = await app.inject({
    method: 'POST',
    url: '/subjects/s/versions',
    payload: JSON.stringify({ schema: 'x'.repeat(200) }),
    headers: { 'content-type': 'application/json' },
  })
  assert.deepEqual([res.statusCode, res.json().error_code], [413, 413])
})

test('schema nesting deeper than the limit is refused with 42201', async () => {
  const t = await testApp([], { maxSchemaDepth: 10 })
  let type: unknown = 'string'
  for (let i = 0; i < 20; i++) type = { type: 'array', items: type }
  expectError(await t.call('POST', '/subjects/deep/versions', { schema: JSON.stringify(type) }), 422, 42201)
})
