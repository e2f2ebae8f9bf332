// JSON Schema and Protobuf through the REST API: registration, lookup, references across subjects,
// normalization identity, compatibility and deletes blocked by references, as for Avro.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import protobuf from 'protobufjs'
import descriptor from 'protobufjs/ext/descriptor.js'
import { testApp } from '../../support/registry.ts'

const expectError = (res: { status: number; body: any }, status: number, code: number) => {
  assert.equal(res.status, status, JSON.stringify(res.body))
  assert.equal(res.body.error_code, code, JSON.stringify(res.body))
}

test('GET /schemas/types lists the three schema types', async () => {
  const t = await testApp()
  assert.deepEqual((await t.call('GET', '/schemas/types')).body, ['JSON', 'PROTOBUF', 'AVRO'])
})

const person = JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 } },
  required: ['name'],
})

test('JSON Schema: register, read back with schemaType, look up, and reuse the id', async () => {
  const t = await testApp()
  const reg = await t.call('POST', '/subjects/people-value/versions', { schemaType: 'JSON', schema: person })
  assert.equal(reg.status, 200, reg.raw)
  const got = await t.call('GET', '/subjects/people-value/versions/latest')
  assert.deepEqual([got.body.schemaType, got.body.schema], ['JSON', person])
  assert.deepEqual((await t.call('GET', `/schemas/ids/${reg.body.id}`)).body, { schemaType: 'JSON', schema: person })
  const spaced = JSON.stringify(JSON.parse(person), null, 2)
  assert.equal((await t.call('POST', '/subjects/people-value', { schemaType: 'JSON', schema: spaced })).body.id, reg.body.id)
  assert.equal((await t.call('POST', '/subjects/other/versions', { schemaType: 'JSON', schema: spaced })).body.id, reg.body.id)
  expectError(await t.call('POST', '/subjects/bad/versions', { schemaType: 'JSON', schema: '{"type": 12}' }), 422, 42201)
})

test('JSON Schema: compatibility follows the content model (closed vs open) and verbose names the difference', async () => {
  const t = await testApp()
  const closed = { type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false }
  await t.call('POST', '/subjects/c/versions', { schemaType: 'JSON', schema: JSON.stringify(closed) })
  const addOptional = { ...closed, properties: { ...closed.properties, b: { type: 'string' } } }
  assert.deepEqual((await t.call('POST', '/compatibility/subjects/c/versions/latest', { schemaType: 'JSON', schema: JSON.stringify(addOptional) })).body, {
    is_compatible: true,
  })
  const open = { type: 'object', properties: { a: { type: 'string' } } }
  await t.call('POST', '/subjects/o/versions', { schemaType: 'JSON', schema: JSON.stringify(open) })
  const res = await t.call('POST', '/compatibility/subjects/o/versions/latest?verbose=true', {
    schemaType: 'JSON',
    schema: JSON.stringify({ ...open, properties: { ...open.properties, b: { type: 'string' } } }),
  })
  assert.equal(res.body.is_compatible, false)
  assert.ok(res.body.messages.some((m: string) => m.includes('OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL') && m.includes('#/properties/b')))
  expectError(
    await t.call('POST', '/subjects/o/versions', { schemaType: 'JSON', schema: JSON.stringify({ ...open, properties: { a: { type: 'integer' } } }) }),
    409,
    409,
  )
})

test('JSON Schema: $ref to another subject by reference name, nested, and 42206 on delete', async () => {
  const t = await testApp()
  const address = JSON.stringify({ type: 'object', properties: { city: { type: 'string' } } })
  await t.call('POST', '/subjects/address/versions', { schemaType: 'JSON', schema: address })
  const customer = JSON.stringify({ type: 'object', properties: { home: { $ref: 'address.json' } } })
  const c = await t.call('POST', '/subjects/customer/versions', {
    schemaType: 'JSON',
    schema: customer,
    references: [{ name: 'address.json', subject: 'address', version: 1 }],
  })
  assert.equal(c.status, 200, c.raw)
  const order = JSON.stringify({ type: 'object', properties: { buyer: { $ref: 'customer.json' } } })
  const o = await t.call('POST', '/subjects/order/versions', {
    schemaType: 'JSON',
    schema: order,
    references: [{ name: 'customer.json', subject: 'customer', version: 1 }],
  })
  assert.equal(o.status, 200, o.raw)
  expectError(await t.call('DELETE', '/subjects/address/versions/1'), 422, 42206)
  expectError(await t.call('DELETE', '/subjects/customer'), 422, 42206)
  expectError(
    await t.call('POST', '/subjects/x/versions', { schemaType: 'JSON', schema: customer, references: [{ name: 'address.json', subject: 'nope', version: 1 }] }),
    422,
    42201,
  )
})

const money = 'syntax = "proto3";\npackage shop;\n\nmessage Money {\n  string currency = 1;\n  int64 cents = 2;\n}\n'
const orderProto = [
  'syntax = "proto3";',
  'package shop;',
  'import "shop/money.proto";',
  'import "google/protobuf/timestamp.proto";',
  'message Order {',
  '  string id = 1;',
  '  shop.Money total = 2;',
  '  google.protobuf.Timestamp created = 3;',
  '}',
].join('\n')

test('Protobuf: register with an import across subjects and a well-known type; 42206 on delete of the import', async () => {
  const t = await testApp()
  const m = await t.call('POST', '/subjects/shop%2Fmoney.proto/versions', { schemaType: 'PROTOBUF', schema: money })
  assert.equal(m.status, 200, m.raw)
  const o = await t.call('POST', '/subjects/orders-value/versions', {
    schemaType: 'PROTOBUF',
    schema: orderProto,
    references: [{ name: 'shop/money.proto', subject: 'shop/money.proto', version: 1 }],
  })
  assert.equal(o.status, 200, o.raw)
  const got = await t.call('GET', '/subjects/orders-value/versions/1')
  assert.equal(got.body.schemaType, 'PROTOBUF')
  assert.match(got.body.schema, /message Order/)
  expectError(await t.call('DELETE', '/subjects/shop%2Fmoney.proto/versions/1'), 422, 42206)
  expectError(await t.call('POST', '/subjects/x/versions', { schemaType: 'PROTOBUF', schema: orderProto }), 422, 42201)
  expectError(await t.call('POST', '/subjects/x/versions', { schemaType: 'PROTOBUF', schema: 'message {' }), 422, 42201)
})

test('Protobuf: the same schema as text and as a base64 FileDescriptorProto gets one id; format=serialized returns the descriptor', async () => {
  const t = await testApp()
  const text = 'syntax = "proto3";\npackage demo;\n\nmessage Ping {\n  string msg = 1;\n  int32 n = 2;\n}\n'
  const byText = await t.call('POST', '/subjects/ping-value/versions', { schemaType: 'PROTOBUF', schema: text })
  assert.equal(byText.status, 200, byText.raw)
  const root = protobuf.parse(text, { keepCase: true }).root
  const set = (root as any).toDescriptor('proto3')
  const file = set.file[0]
  file.name = 'ping.proto'
  const base64 = Buffer.from((descriptor as any).FileDescriptorProto.encode(file).finish()).toString('base64')
  const byDescriptor = await t.call('POST', '/subjects/ping-value/versions', { schemaType: 'PROTOBUF', schema: base64 })
  assert.deepEqual([byDescriptor.body.id, byDescriptor.body.version], [byText.body.id, 1])
  const serialized = await t.call('GET', `/schemas/ids/${byText.body.id}?format=serialized`)
  const decoded = (descriptor as any).FileDescriptorProto.decode(Buffer.from(serialized.body.schema, 'base64'))
  assert.deepEqual(decoded.messageType.map((m: any) => m.name), ['Ping'])
  assert.match((await t.call('GET', '/subjects/ping-value/versions/1')).body.schema, /message Ping/)
  assert.equal((await t.call('GET', '/subjects/ping-value/versions/1?format=serialized')).body.schema, serialized.body.schema)
})

test('Protobuf: normalize=true gives reordered fields and options the same id', async () => {
  const t = await testApp()
  const a = 'syntax = "proto3";\npackage n;\noption java_package = "x";\noption go_package = "y";\nmessage M {\n  string a = 1;\n  int32 b = 2;\n}\n'
  const b = 'syntax = "proto3";\npackage n;\noption go_package = "y";\noption java_package = "x";\nmessage M {\n  int32 b = 2;\n  string a = 1;\n}\n'
  const ra = await t.call('POST', '/subjects/n/versions?normalize=true', { schemaType: 'PROTOBUF', schema: a })
  const rb = await t.call('POST', '/subjects/n/versions?normalize=true', { schemaType: 'PROTOBUF', schema: b })
  assert.equal(ra.status, 200, ra.raw)
  assert.deepEqual([rb.body.id, rb.body.version], [ra.body.id, 1])
})

test('Protobuf: compatibility verdicts and verbose paths', async () => {
  const t = await testApp()
  const v1 = 'syntax = "proto3";\nmessage M {\n  string a = 1;\n}\n'
  await t.call('POST', '/subjects/p/versions', { schemaType: 'PROTOBUF', schema: v1 })
  const renamed = 'syntax = "proto3";\nmessage M {\n  string renamed = 1;\n  int64 b = 2;\n}\n'
  assert.deepEqual((await t.call('POST', '/compatibility/subjects/p/versions/latest', { schemaType: 'PROTOBUF', schema: renamed })).body, {
    is_compatible: true,
  })
  const retyped = 'syntax = "proto3";\nmessage M {\n  int32 a = 1;\n}\n'
  const res = await t.call('POST', '/compatibility/subjects/p/versions/latest?verbose=true', { schemaType: 'PROTOBUF', schema: retyped })
  assert.equal(res.body.is_compatible, false)
  assert.ok(res.body.messages.some((m: string) => m.includes('FIELD_SCALAR_KIND_CHANGED') && m.includes('#/M/1')))
  expectError(await t.call('POST', '/subjects/p/versions', { schemaType: 'PROTOBUF', schema: retyped }), 409, 409)
})

test('a schema of another type than the latest version is incompatible unless the level is NONE', async () => {
  const t = await testApp()
  await t.call('POST', '/subjects/mixed/versions', { schema: '"string"' })
  expectError(await t.call('POST', '/subjects/mixed/versions', { schemaType: 'JSON', schema: '{"type":"string"}' }), 409, 409)
  await t.call('PUT', '/config/mixed', { compatibility: 'NONE' })
  assert.equal((await t.call('POST', '/subjects/mixed/versions', { schemaType: 'JSON', schema: '{"type":"string"}' })).status, 200)
})
