// Parsing Avro schemas: what Avro Java (and so Confluent) accepts, and the 42201 errors naming what and where.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ApiError } from '../../../src/errors.ts'
import { avroFormat } from '../../../src/formats/avro/index.ts'
import type { ParseOptions } from '../../../src/formats/format.ts'

const parse = (schema: unknown, options?: ParseOptions) =>
  avroFormat.parse(typeof schema === 'string' ? schema : JSON.stringify(schema), [], () => undefined, options)

const record = (fields: unknown[], extra: object = {}) => ({ type: 'record', name: 'R', fields, ...extra })

const valid: [string, unknown, ParseOptions?][] = [
  ['a primitive name', '"string"'],
  ['a primitive as an object', { type: 'long' }],
  ['the empty union', []],
  ['an error type', { type: 'error', name: 'Oops', fields: [] }],
  ['Unicode names, as Avro Java’s default validator allows', record([{ name: 'größe', type: 'int' }], { name: 'Maße' })],
  ['a name used before the document defines it', record([{ name: 'a', type: 'F' }, { name: 'b', type: { type: 'fixed', name: 'F', size: 2 } }])],
  ['a named type defined twice identically', record([{ name: 'a', type: { type: 'fixed', name: 'F', size: 2 } }, { name: 'b', type: { type: 'fixed', name: 'F', size: 2 } }])],
  ['a recursive record', record([{ name: 'next', type: ['null', 'R'], default: null }])],
  ['a short name found in the null namespace from inside a namespace', record([{ name: 'a', type: { type: 'fixed', name: 'F', namespace: '', size: 1 } }, { name: 'b', type: { type: 'record', name: 'In', namespace: 'n', fields: [{ name: 'c', type: 'F' }] } }])],
  ['a type named after a primitive inside a namespace', { type: 'fixed', name: 'n.int', size: 1 }],
  ['a default that does not fit its type, when defaults are not validated', record([{ name: 'a', type: 'int', default: 'x' }])],
  ['a union default matching a later branch', record([{ name: 'a', type: ['null', 'string'], default: 'x' }]), { submitted: true }],
  ['a record default that takes missing members from field defaults', record([{ name: 'a', type: record([{ name: 'x', type: 'int', default: 1 }], { name: 'In' }), default: {} }]), { submitted: true }],
  ['a textual default of a double field', record([{ name: 'a', type: 'double', default: 'NaN' }]), { submitted: true }],
  ['comments, which Avro Java’s JSON parser allows', '/* user */ {"type": "int" // the id\n}'],
  ['control characters after the schema, which Java’s trim() drops', '"int"\n\f\u0000 '],
]

for (const [behaviour, schema, options] of valid) {
  test(`accepts ${behaviour}`, () => {
    assert.equal(parse(schema, options).schemaType, 'AVRO')
  })
}

const invalid: [string, unknown, RegExp, ParseOptions?][] = [
  ['malformed JSON', '{"type": "record",}', /^Invalid schema: invalid JSON at line 1, column 19: expected a quoted key$/],
  ['content after the schema', '"int" "long"', /invalid JSON at line 1, column 7: unexpected content after the schema/],
  ['a comment after the schema, which Avro Java counts as dangling content', '"int" // x', /line 1, column 7: unexpected content after the schema/],
  ['a number with a leading zero', '01', /line 1, column 2: unexpected content after the schema/],
  ['an unterminated comment', '/* x', /line 1, column 1: unterminated comment/],
  ['a document nested deeper than maxDepth', { type: 'array', items: { type: 'array', items: { type: 'array', items: 'int' } } }, /nesting is deeper than the limit of 2/, { maxDepth: 2 }],
  ['containers deeper than maxDepth, in Avro’s words', '[[[]]]', /^Invalid schema: invalid JSON at line 1, column 3: schema nesting is deeper than the limit of 2$/, { maxDepth: 2 }],
  ['an unknown type name', record([{ name: 'address', type: record([{ name: 'zip', type: 'Zip' }], { name: 'Address' }) }]), /^Invalid schema: field 'address\.zip': unknown type 'Zip'$/],
  ['an object without a type', record([{ name: 'a', type: { items: 'int' } }]), /field 'a': missing 'type'/],
  ['a field without a type', record([{ name: 'a' }]), /field 'a': missing 'type'/],
  ['a number as a type', record([{ name: 'a', type: 5 }]), /field 'a': a type must be a name, an object or an array, not 5/],
  ['a record without fields', { type: 'record', name: 'R' }, /schema root: record 'R' has no 'fields' array/],
  ['a record without a name', { type: 'record', fields: [] }, /schema root: record has no 'name'/],
  ['an invalid record name', { type: 'record', name: '1R', fields: [] }, /schema root: record has an invalid name '1R'/],
  ['an empty namespace part', { type: 'record', name: 'R', namespace: 'a..b', fields: [] }, /schema root: record has an invalid name 'a\.\.b\.R'/],
  ['an invalid field name', record([{ name: 'a-b', type: 'int' }]), /field 'a-b': invalid field name 'a-b'/],
  ['a field without a name', record([{ type: 'int' }]), /field 0 of record 'R' has no 'name'/],
  ['two fields with one name', record([{ name: 'a', type: 'int' }, { name: 'a', type: 'long' }]), /record 'R' has two fields named 'a'/],
  ['an invalid enum symbol', { type: 'enum', name: 'E', symbols: ['A', 'B-C'] }, /enum 'E' has an invalid symbol 'B-C'/],
  ['a repeated enum symbol', { type: 'enum', name: 'E', symbols: ['A', 'A'] }, /enum 'E' lists symbol 'A' twice/],
  ['an enum default that is not a symbol', { type: 'enum', name: 'E', symbols: ['A'], default: 'B' }, /default 'B' is not one of its symbols/],
  ['a fixed without a size', { type: 'fixed', name: 'F' }, /fixed 'F' needs a 'size'/],
  ['a negative fixed size', { type: 'fixed', name: 'F', size: -1 }, /fixed 'F' needs a 'size'/],
  ['a union inside a union', record([{ name: 'u', type: ['int', ['long']] }]), /field 'u' \(union branch 1\): a union cannot contain a union/],
  ['two union branches of one type', record([{ name: 'u', type: ['int', { type: 'array', items: 'int' }, { type: 'array', items: 'long' }] }]), /field 'u' \(union branch 2\): the union already has a branch of type 'array'/],
  ['a type named after a primitive', { type: 'enum', name: 'string', symbols: [] }, /the enum name 'string' is a primitive type name/],
  ['aliases that are not an array', { type: 'fixed', name: 'F', size: 1, aliases: 'G' }, /'aliases' must be an array/],
  ['an invalid alias', { type: 'fixed', name: 'F', size: 1, aliases: ['9'] }, /'F' has an invalid alias '9'/],
  ['an invalid field order', record([{ name: 'a', type: 'int', order: 'up' }]), /field 'a': order must be ascending, descending or ignore, not "up"/],
  ['a named type defined twice differently', record([{ name: 'a', type: { type: 'fixed', name: 'F', size: 2 } }, { name: 'b', type: { type: 'fixed', name: 'F', size: 3 } }]), /field 'b': type 'F' is defined twice, differently/],
  ['a textual default of a float field that is not a number', record([{ name: 'a', type: 'float', default: 'one' }]), /field 'a': default 'one' is not a number/],
  ['an int default out of range, for a new schema', record([{ name: 'a', type: 'int', default: 2147483648 }]), /field 'a': default 2147483648 is not a valid int value/, { submitted: true }],
  ['a nested default of the wrong type, for a new schema', record([{ name: 'tags', type: { type: 'map', values: 'string' }, default: { a: 1 } }]), /field 'tags': default \{"a":1\} is not a valid map value/, { submitted: true }],
  ['a record default missing a member without default, for a new schema', record([{ name: 'a', type: record([{ name: 'x', type: 'int' }], { name: 'In' }), default: {} }]), /field 'a': default \{\} is not a valid record 'In' value/, { submitted: true }],
]

for (const [behaviour, schema, message, options] of invalid) {
  test(`rejects ${behaviour} with 42201`, () => {
    assert.throws(
      () => parse(schema, options),
      (error: unknown) => error instanceof ApiError && error.errorCode === 42201 && error.status === 422 && message.test(error.message),
    )
  })
}

test('accepts a document exactly as deep as maxDepth', () => {
  assert.equal(parse({ type: 'array', items: { type: 'array', items: 'int' } }, { maxDepth: 2 }).canonical, '{"type":"array","items":{"type":"array","items":"int"}}')
})

test('rejects a document deeper than the default limit of 128 with 42201', () => {
  const deep = `${'['.repeat(129)}${']'.repeat(129)}`
  assert.throws(() => parse(deep), /deeper than the limit of 128/)
})

test('keeps an avsc type that encodes and decodes the resolved schema', () => {
  const schema = parse(record([{ name: 'id', type: 'long' }, { name: 'tags', type: { type: 'array', items: 'string' } }]))
  const codec = schema.avscType()
  const value = { id: 7, tags: ['a', 'b'] }
  assert.deepEqual({ ...codec.fromBuffer(codec.toBuffer(value)) }, value)
  assert.equal(schema.avscType(), codec)
})
