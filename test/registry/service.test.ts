// The registry state machine on an in-memory log: registration, ids, versions, deletes, modes, configs,
// references and contexts, asserted on answers and on the records appended.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { ApiError } from '../../src/errors.ts'
import { getVersion, listSubjects, listVersions, lookupSchema, referencedBy, schemaById, testCompatibility } from '../../src/registry/queries.ts'
import {
  decideDeleteConfig,
  decideDeleteSubject,
  decideDeleteVersion,
  decidePutConfig,
  decidePutMode,
  decideRegister,
  effectiveConfig,
  type RegisterRequest,
} from '../../src/registry/service.ts'
import { avroRecord, memoryRegistry } from '../support/registry.ts'

const v1 = avroRecord('Order', [{ name: 'id', type: 'long' }])
const v2 = avroRecord('Order', [
  { name: 'id', type: 'long' },
  { name: 'note', type: 'string', default: '' },
])
const v3 = avroRecord('Order', [
  { name: 'id', type: 'long' },
  { name: 'note', type: 'string', default: '' },
  { name: 'qty', type: 'int', default: 0 },
])
const incompatible = avroRecord('Order', [{ name: 'id', type: 'string' }])

const avro = (schema: string, extra: Partial<RegisterRequest> = {}): RegisterRequest => ({
  schemaType: 'AVRO',
  schema,
  references: [],
  ...extra,
})

async function setup() {
  const { registry, log } = await memoryRegistry()
  const svc = registry.service
  const register = (subject: string, schema: string, extra: Partial<RegisterRequest> = {}, normalize = false) =>
    registry.write((s) => decideRegister(s, subject, avro(schema, extra), { normalize }))
  const del = (subject: string, version: number | 'latest', permanent = false) =>
    registry.write((s) => decideDeleteVersion(s, subject, version, permanent))
  const delSubject = (subject: string, permanent = false) => registry.write((s) => decideDeleteSubject(s, subject, permanent))
  const mode = (scope: string | null, m: string, force = false) => registry.write((s) => decidePutMode(s, scope, { mode: m }, force))
  const config = (scope: string | null, level: string) => registry.write((s) => decidePutConfig(s, scope, { compatibility: level }))
  return { registry, log, svc, register, del, delSubject, mode, config }
}

async function rejects(promise: Promise<unknown> | (() => unknown), code: number) {
  await assert.rejects(async () => (typeof promise === 'function' ? promise() : promise), (err: ApiError) => {
    assert.equal(err.errorCode, code, err.message)
    return true
  })
}

test('registering the same schema twice returns one id and appends one record', async () => {
  const { register, log } = await setup()
  const a = await register('orders-value', v1)
  const b = await register('orders-value', JSON.stringify(JSON.parse(v1), null, 2))
  assert.deepEqual([a.id, a.version], [1, 1])
  assert.deepEqual([b.id, b.version], [1, 1])
  assert.equal(log.records().length, 1)
  assert.equal(log.records()[0].key, '{"keytype":"SCHEMA","subject":"orders-value","version":1,"magic":1}')
  const value = JSON.parse(log.records()[0].value as string)
  assert.deepEqual(Object.keys(value), ['subject', 'version', 'id', 'schema', 'deleted'])
})

test('the same content under two subjects gets one id and version 1 in each', async () => {
  const { register } = await setup()
  const a = await register('a', v1)
  const b = await register('b', v1)
  assert.equal(a.id, b.id)
  assert.deepEqual([a.version, b.version], [1, 1])
})

test('new content gets the next id and the next version', async () => {
  const { register } = await setup()
  await register('s', v1)
  const b = await register('s', v2)
  assert.deepEqual([b.id, b.version], [2, 2])
})

test('re-registering an older live version returns it without a compatibility check', async () => {
  const { register, config } = await setup()
  await register('s', v1)
  await register('s', v2)
  await config('s', 'FORWARD')
  const again = await register('s', v1)
  assert.deepEqual([again.id, again.version], [1, 1])
})

test('an incompatible schema is refused with 409 and nothing is appended', async () => {
  const { register, log } = await setup()
  await register('s', v1)
  await rejects(register('s', incompatible), 409)
  assert.equal(log.records().length, 1)
})

test('transitive levels check every live version, non-transitive only the latest', async () => {
  const { register, config, del } = await setup()
  await register('s', v1)
  await config('s', 'NONE')
  await register('s', avroRecord('Order', [{ name: 'note', type: 'string' }]))
  await config('s', 'BACKWARD')
  // Reads version 2 (it has `note`) but not version 1 (no `note`, and no default for it).
  const readsOnlyLatest = avroRecord('Order', [
    { name: 'note', type: 'string' },
    { name: 'x', type: 'int', default: 1 },
  ])
  assert.equal((await register('s', readsOnlyLatest)).version, 3)
  await del('s', 3)
  await config('s', 'BACKWARD_TRANSITIVE')
  await rejects(register('s', readsOnlyLatest), 409)
})

test('soft-deleted versions take no part in compatibility checks', async () => {
  const { register, del, config } = await setup()
  await register('s', v1)
  await config('s', 'NONE')
  await register('s', incompatible)
  await config('s', 'BACKWARD')
  const other = avroRecord('Order', [{ name: 'id', type: 'long' }, { name: 'x', type: 'int', default: 1 }])
  await rejects(register('s', other), 409)
  await del('s', 2)
  assert.equal((await register('s', other)).version, 3)
})

test('version numbers: soft delete never reuses a number, hard delete of the highest does', async () => {
  const { register, del } = await setup()
  await register('s', v1)
  await register('s', v2)
  await del('s', 2)
  assert.equal((await register('s', v3)).version, 3)
  await del('s', 3)
  await del('s', 3, true)
  await del('s', 2, true)
  assert.equal((await register('s', v3)).version, 2)
})

test('re-registering soft-deleted content gives a new version with the same id and drops the old one', async () => {
  const { register, delSubject, svc } = await setup()
  await register('s', v1)
  await delSubject('s')
  const again = await register('s', v1)
  assert.deepEqual([again.id, again.version], [1, 2])
  assert.deepEqual(listVersions(svc, 's', { deleted: true }), [2])
})

test('an id whose versions are all hard-deleted is forgotten and never given to other content', async () => {
  const { register, delSubject, svc } = await setup()
  await register('s', v1)
  await delSubject('s')
  await delSubject('s', true)
  assert.throws(() => schemaById(svc, 1, undefined), (e: ApiError) => e.errorCode === 40403)
  assert.equal((await register('t', v2)).id, 2)
  assert.equal((await register('u', v1)).id, 3)
})

test('delete errors: 40401, 40402, 40404, 40405, 40406, 40407', async () => {
  const { register, del, delSubject } = await setup()
  await rejects(del('nope', 1), 40401)
  await rejects(delSubject('nope'), 40401)
  await register('s', v1)
  await rejects(del('s', 7), 40402)
  await rejects(del('s', 1, true), 40407)
  await rejects(delSubject('s', true), 40405)
  assert.equal(await del('s', 1), 1)
  await rejects(del('s', 1), 40406)
  await rejects(delSubject('s'), 40404)
  assert.deepEqual(await delSubject('s', true), [1])
  await rejects(delSubject('s', true), 40401)
})

test('soft delete of a subject writes one DELETE_SUBJECT record and answers the live versions', async () => {
  const { register, del, delSubject, log, svc } = await setup()
  await register('s', v1)
  await register('s', v2)
  await register('s', v3)
  await del('s', 2)
  const before = log.records().length
  assert.deepEqual(await delSubject('s'), [1, 3])
  assert.deepEqual(log.records().slice(before), [
    { key: '{"keytype":"DELETE_SUBJECT","subject":"s","magic":0}', value: '{"subject":"s","version":3}' },
  ])
  assert.deepEqual(listSubjects(svc, undefined, { deleted: false }), [])
  assert.deepEqual(listSubjects(svc, undefined, { deleted: true }), ['s'])
  assert.deepEqual(listSubjects(svc, undefined, { deleted: false, deletedOnly: true }), ['s'])
})

test('lookup finds live versions, soft-deleted ones only with deleted=true', async () => {
  const { register, del, svc } = await setup()
  await register('s', v1)
  await register('s', v2)
  await del('s', 1)
  assert.equal(lookupSchema(svc, 's', avro(v2), { normalize: false, deleted: false }).version, 2)
  assert.throws(() => lookupSchema(svc, 's', avro(v1), { normalize: false, deleted: false }), (e: ApiError) => e.errorCode === 40403)
  assert.equal(lookupSchema(svc, 's', avro(v1), { normalize: false, deleted: true }).version, 1)
  assert.throws(() => lookupSchema(svc, 'x', avro(v1), { normalize: false, deleted: false }), (e: ApiError) => e.errorCode === 40401)
})

test('latest skips soft-deleted versions and is 40401 when all are deleted', async () => {
  const { register, del, svc } = await setup()
  await register('s', v1)
  await register('s', v2)
  await del('s', 'latest')
  assert.equal(getVersion(svc, 's', 'latest', true).version, 1)
  await del('s', 1)
  assert.throws(() => getVersion(svc, 's', 'latest', true), (e: ApiError) => e.errorCode === 40401)
  assert.equal(getVersion(svc, 's', 2, true).version, 2)
})

test('references: resolved on register, listed by referencedby, and block deletes with 42206', async () => {
  const { register, del, delSubject, svc } = await setup()
  const money = JSON.stringify({ type: 'record', name: 'Money', namespace: 'shop', fields: [{ name: 'cents', type: 'long' }] })
  await register('money', money)
  const order = JSON.stringify({ type: 'record', name: 'Order', namespace: 'shop', fields: [{ name: 'total', type: 'Money' }] })
  const refs = [{ name: 'shop.Money', subject: 'money', version: 1 }]
  const r = await register('orders', order, { references: refs })
  assert.deepEqual(referencedBy(svc, 'money', 1, false), [r.id])
  await rejects(del('money', 1), 42206)
  await rejects(delSubject('money'), 42206)
  await rejects(register('broken', order, { references: [{ name: 'shop.Money', subject: 'money', version: 9 }] }), 42201)
  await rejects(register('broken', order), 42201)
  // A soft-deleted referrer still blocks a hard delete of what it references.
  await delSubject('orders')
  await del('money', 1)
  await rejects(del('money', 1, true), 42206)
})

test('same text with different references is different content', async () => {
  const { register } = await setup()
  const money = JSON.stringify({ type: 'record', name: 'Money', fields: [{ name: 'cents', type: 'long' }] })
  await register('m', money)
  await register('m', JSON.stringify({ type: 'record', name: 'Money', fields: [{ name: 'cents', type: 'long' }, { name: 'c', type: 'string', default: 'EUR' }] }))
  const wrapper = JSON.stringify({ type: 'record', name: 'W', fields: [{ name: 'm', type: 'Money' }] })
  const a = await register('w1', wrapper, { references: [{ name: 'Money', subject: 'm', version: 1 }] })
  const b = await register('w2', wrapper, { references: [{ name: 'Money', subject: 'm', version: 2 }] })
  assert.notEqual(a.id, b.id)
})

test('READONLY refuses new content and deletes with 42205 but still answers the fast path', async () => {
  const { register, del, mode } = await setup()
  await register('s', v1)
  await mode('s', 'READONLY')
  assert.equal((await register('s', v1)).id, 1)
  await rejects(register('s', v2), 42205)
  await rejects(del('s', 1), 42205)
})

test('IMPORT mode: ids and versions as given, id conflicts refused, later ids above imported ones', async () => {
  const { register, mode, svc } = await setup()
  await rejects(register('s', v1, { id: 5 }), 42205)
  await mode(null, 'IMPORT')
  await rejects(register('s', v1), 42205)
  const imported = await register('s', v1, { id: 100, version: 3 })
  assert.deepEqual([imported.id, imported.version], [100, 3])
  await rejects(register('t', v2, { id: 100 }), 42205)
  assert.equal((await register('t', v1, { id: 100 })).id, 100)
  await mode(null, 'READWRITE')
  assert.deepEqual([(await register('s', v2)).id, getVersion(svc, 's', 'latest', false).version], [101, 4])
})

test('entering IMPORT needs an empty scope unless forced, and purges soft-deleted versions', async () => {
  const { register, mode, del, svc, log } = await setup()
  await register('s', v1)
  await rejects(mode('s', 'IMPORT'), 42205)
  await del('s', 1)
  await mode('s', 'IMPORT')
  assert.deepEqual(listSubjects(svc, undefined, { deleted: true }), [])
  assert.ok(log.records().some((r) => r.key === '{"keytype":"CLEAR_SUBJECT","subject":"s","magic":0}'))
  await register('t', v1)
  assert.deepEqual(await mode('t', 'IMPORT', true), { mode: 'IMPORT' })
})

test('config: subject level wins over global, survives soft delete, goes with hard delete', async () => {
  const { register, config, delSubject, svc, registry } = await setup()
  await config(null, 'FULL')
  await config('s', 'NONE')
  assert.equal(effectiveConfig(svc, 's').compatibilityLevel, 'NONE')
  assert.equal(effectiveConfig(svc, 'other').compatibilityLevel, 'FULL')
  await register('s', v1)
  await delSubject('s')
  assert.equal(effectiveConfig(svc, 's').compatibilityLevel, 'NONE')
  await delSubject('s', true)
  assert.equal(effectiveConfig(svc, 's').compatibilityLevel, 'FULL')
  await rejects(registry.write((s) => decidePutConfig(s, 's', { compatibility: 'SIDEWAYS' })), 42203)
  await rejects(registry.write((s) => decideDeleteConfig(s, 'never')), 40401)
})

test('invalid subjects and schemas are refused with 42208 and 42201', async () => {
  const { register } = await setup()
  await rejects(register('bad\u0001subject', v1), 42208)
  await rejects(register('__GLOBAL', v1), 42208)
  await rejects(register('s', '{"type":"record"'), 42201)
  await rejects(register('s', ''), 42201)
})

test('compatibility test against one version, all versions, and verbose messages', async () => {
  const { register, svc } = await setup()
  await register('s', v1)
  assert.deepEqual(testCompatibility(svc, 's', 'latest', avro(v2), { normalize: false, verbose: false }), { is_compatible: true })
  const verbose = testCompatibility(svc, 's', undefined, avro(incompatible), { normalize: false, verbose: true })
  assert.equal(verbose.is_compatible, false)
  assert.ok(verbose.messages!.some((m) => m.includes('TYPE_MISMATCH') && m.includes('/fields/0/type')))
  assert.deepEqual(testCompatibility(svc, 'none', 'latest', avro(v1), { normalize: false, verbose: false }), { is_compatible: true })
  assert.throws(() => testCompatibility(svc, 'none', 1, avro(v1), { normalize: false, verbose: false }), (e: ApiError) => e.errorCode === 40402)
  const bad = testCompatibility(svc, 's', undefined, avro('{'), { normalize: false, verbose: true })
  assert.equal(bad.is_compatible, false)
})

test('contexts keep their subjects and ids apart', async () => {
  const { register, svc } = await setup()
  const a = await register('orders', v1)
  const b = await register(':.eu:orders', v2)
  assert.deepEqual([a.id, b.id], [1, 1])
  assert.deepEqual(listSubjects(svc, undefined, { deleted: false }), [':.eu:orders', 'orders'])
  assert.deepEqual(listSubjects(svc, ':.eu:', { deleted: false }), [':.eu:orders'])
  assert.equal(schemaById(svc, 1, ':.eu:orders').schema, b.schema)
  assert.deepEqual(svc.state.contextNames(), ['.', '.eu'])
})

test('replaying the log rebuilds the same state', async () => {
  const first = await setup()
  await first.register('s', v1)
  await first.register('s', v2)
  await first.del('s', 1)
  await first.config('s', 'FULL')
  const { registry } = await memoryRegistry(first.log.records())
  const svc = registry.service
  assert.deepEqual(listVersions(svc, 's', { deleted: true }), [1, 2])
  assert.deepEqual(listVersions(svc, 's', { deleted: false }), [2])
  assert.equal(effectiveConfig(svc, 's').compatibilityLevel, 'FULL')
  assert.equal(schemaById(svc, 2, undefined).schema, getVersion(svc, 's', 2, false).schema)
})

test('a replayed record that gives a used id to other content is skipped', async () => {
  const key = (s: string) => `{"keytype":"SCHEMA","subject":"${s}","version":1,"magic":1}`
  const { registry } = await memoryRegistry([
    { key: key('a'), value: JSON.stringify({ subject: 'a', version: 1, id: 1, schema: '"string"', deleted: false }) },
    { key: key('b'), value: JSON.stringify({ subject: 'b', version: 1, id: 1, schema: '"int"', deleted: false }) },
  ])
  assert.equal(schemaById(registry.service, 1, undefined).schema, '"string"')
  assert.deepEqual(listSubjects(registry.service, undefined, { deleted: true }), ['a'])
})

test('Karapace-style records are read: null-subject global keys, empty-value tombstones', async () => {
  const { registry } = await memoryRegistry([
    { key: '{"keytype":"CONFIG","subject":null,"magic":0}', value: '{"compatibilityLevel":"FULL"}' },
    { key: '{"keytype":"SCHEMA","subject":"s","version":1,"magic":1}', value: '{"subject":"s","version":1,"id":1,"schema":"\\"string\\"","deleted":false}' },
    { key: '{"subject":"s","version":1,"magic":1,"keytype":"SCHEMA"}', value: '' },
  ])
  assert.equal(effectiveConfig(registry.service, 's').compatibilityLevel, 'FULL')
  assert.deepEqual(listSubjects(registry.service, undefined, { deleted: true }), [])
  const put = await registry.write((s) => decidePutConfig(s, null, { compatibility: 'NONE' }))
  assert.deepEqual(put, { compatibility: 'NONE' })
})
