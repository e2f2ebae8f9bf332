// Validating JSON values against parsed schemas: errors with instancePath and keyword, every draft, references.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { ReferenceLookup, SchemaReference } from '../../../src/formats/format.ts'
import { jsonFormat, validateJson } from '../../../src/formats/json/index.ts'

const parse = (schema: object, references: SchemaReference[] = [], lookup: ReferenceLookup = () => undefined) =>
  jsonFormat.parse(JSON.stringify(schema), references, lookup)
const failures = (errors: { instancePath: string; keyword: string }[]) => errors.map((e) => `${e.instancePath} ${e.keyword}`)

const person = parse({
  type: 'object',
  properties: {
    name: { type: 'string' },
    age: { type: 'integer', minimum: 0 },
    tags: { type: 'array', items: { enum: ['a', 'b'] } },
    email: { type: 'string', format: 'email' },
  },
  required: ['name'],
  additionalProperties: false,
})

test('a valid value gives no errors', () => {
  assert.deepEqual(validateJson(person, { name: 'x', age: 3, tags: ['a'], email: 'a@example.com' }), [])
})

test('each error names where in the value and which keyword failed', () => {
  const errors = validateJson(person, { age: -1, tags: ['c'], extra: 1, email: 'nope' })
  assert.deepEqual(failures(errors).sort(), [' additionalProperties', ' required', '/age minimum', '/email format', '/tags/0 enum'])
  assert.match(errors.find((e) => e.keyword === 'required')?.message ?? '', /must have required property 'name'/)
  assert.match(errors.find((e) => e.keyword === 'additionalProperties')?.message ?? '', /'extra'/)
  assert.match(errors.find((e) => e.keyword === 'enum')?.message ?? '', /"a", "b"/)
})

test('compiles the validator once per parsed schema', () => {
  validateJson(person, {})
  assert.equal(person.validator(), person.validator())
})

const cases: [string, object, unknown, unknown][] = [
  ['draft-04 boolean exclusiveMaximum', { $schema: 'http://json-schema.org/draft-04/schema#', type: 'number', maximum: 5, exclusiveMaximum: true }, 4.5, 5],
  ['draft-04 id anchors', { $schema: 'http://json-schema.org/draft-04/schema#', definitions: { s: { id: '#s', type: 'string' } }, items: { $ref: '#s' } }, ['x'], [1]],
  ['draft-06 const', { $schema: 'http://json-schema.org/draft-06/schema#', const: 'on' }, 'on', 'off'],
  ['draft-07 if/then', { if: { type: 'string' }, then: { minLength: 2 } }, 'ab', 'a'],
  ['2019-09 unevaluatedProperties', { $schema: 'https://json-schema.org/draft/2019-09/schema', properties: { a: {} }, unevaluatedProperties: false }, { a: 1 }, { a: 1, b: 2 }],
  ['2020-12 prefixItems with items false', { $schema: 'https://json-schema.org/draft/2020-12/schema', prefixItems: [{ type: 'string' }], items: false }, ['a'], ['a', 'b']],
  ['draft-07 ignoring $id beside $ref', { definitions: { s: { type: 'string' } }, items: { $id: 'http://x/y.json', $ref: '#/definitions/s' } }, ['a'], [1]],
  ['Java-style regex escapes', { type: 'string', pattern: '^\\_[a-z\\-]+$' }, '_a-b', 'ab'],
]
for (const [what, schema, valid, invalid] of cases) {
  test(`validates ${what}`, () => {
    const parsed = parse(schema)
    assert.deepEqual(validateJson(parsed, valid), [])
    assert.notDeepEqual(validateJson(parsed, invalid), [])
  })
}

test('validates through references across subjects, nested ones included', () => {
  const stored: Record<string, string> = {
    'customer.json': JSON.stringify({ type: 'object', properties: { address: { $ref: 'address.json' } } }),
    'address.json': JSON.stringify({ $id: 'https://example.com/address.json', type: 'object', properties: { zip: { type: 'string', pattern: '^[0-9]{5}$' } } }),
  }
  const lookup: ReferenceLookup = (reference) => ({
    schemaType: 'JSON',
    schema: stored[reference.name],
    references: reference.name === 'customer.json' ? [{ name: 'address.json', subject: 'address', version: 1 }] : [],
  })
  const order = parse({ $id: 'https://example.com/order.json', properties: { customer: { $ref: 'customer.json' } } }, [{ name: 'customer.json', subject: 'customer', version: 2 }], lookup)
  assert.deepEqual(validateJson(order, { customer: { address: { zip: '12345' } } }), [])
  assert.deepEqual(failures(validateJson(order, { customer: { address: { zip: '1234' } } })), ['/customer/address/zip pattern'])
})
