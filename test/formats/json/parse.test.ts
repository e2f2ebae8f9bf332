// Parsing JSON Schema text: drafts, rejections with 42201 and where, canonical and normalized text, references.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { ApiError } from '../../../src/errors.ts'
import type { ParseOptions, ReferenceLookup, ReferencedSchema, SchemaReference } from '../../../src/formats/format.ts'
import { jsonFormat } from '../../../src/formats/json/index.ts'

const noReferences: ReferenceLookup = () => undefined
const parse = (schema: unknown, options?: ParseOptions) =>
  jsonFormat.parse(typeof schema === 'string' ? schema : JSON.stringify(schema), [], noReferences, options)

const rejectsWith = (message: RegExp) => (error: unknown) =>
  error instanceof ApiError && error.errorCode === 42201 && error.status === 422 && message.test(error.message)

const DRAFT_URLS = {
  'draft-04': 'http://json-schema.org/draft-04/schema#',
  'draft-06': 'http://json-schema.org/draft-06/schema#',
  'draft-07': 'http://json-schema.org/draft-07/schema#',
  '2019-09': 'https://json-schema.org/draft/2019-09/schema',
  '2020-12': 'https://json-schema.org/draft/2020-12/schema',
} as const

describe('drafts', () => {
  for (const [draft, url] of Object.entries(DRAFT_URLS)) {
    test(`reads $schema ${url} as ${draft}`, () => {
      assert.equal(parse({ $schema: url, type: 'object' }).draft, draft)
    })
  }

  test('takes a missing or unknown $schema as draft-07, and http://json-schema.org/schema as draft-04', () => {
    assert.equal(parse({ type: 'object' }).draft, 'draft-07')
    assert.equal(parse({ $schema: 'http://example.com/my-meta#', type: 'object' }).draft, 'draft-07')
    assert.equal(parse({ $schema: 'http://json-schema.org/schema#' }).draft, 'draft-04')
  })

  const valid: [string, object][] = [
    ['draft-04 boolean exclusiveMaximum and id', { $schema: DRAFT_URLS['draft-04'], id: 'http://x/a.json', type: 'number', maximum: 5, exclusiveMaximum: true }],
    ['draft-06 numeric exclusiveMinimum and const', { $schema: DRAFT_URLS['draft-06'], type: 'number', exclusiveMinimum: 0, const: 1 }],
    ['draft-07 if/then/else', { if: { type: 'string' }, then: { minLength: 1 }, else: { type: 'number' } }],
    ['draft-07 unknown keywords', { type: 'string', 'confluent:tags': ['PII'], 'connect.type': 'bytes', whatever: { x: 1 } }],
    ['2019-09 unevaluatedProperties and dependentRequired', { $schema: DRAFT_URLS['2019-09'], properties: { a: {} }, unevaluatedProperties: false, dependentRequired: { a: ['b'] } }],
    ['2020-12 prefixItems, $defs and $ref beside keywords', { $schema: DRAFT_URLS['2020-12'], $defs: { s: { type: 'string' } }, prefixItems: [{ $ref: '#/$defs/s', minLength: 2 }], items: false }],
  ]
  for (const [what, schema] of valid) test(`accepts ${what}`, () => assert.doesNotThrow(() => parse(schema)))

  const invalid: [string, object, RegExp][] = [
    ['an unknown type (draft-07)', { properties: { age: { type: 'int' } } }, /at #\/properties\/age: "type" must be equal to one of the allowed values: "array", .*\(draft-07\)/],
    ['a negative minLength (draft-04)', { $schema: DRAFT_URLS['draft-04'], properties: { a: { minLength: -1 } } }, /at #\/properties\/a: "minLength" must be >= 0/],
    ['a non-array required (draft-06)', { $schema: DRAFT_URLS['draft-06'], required: 'a' }, /at #: "required" must be array \(draft-06\)/],
    ['a non-array prefixItems (2020-12)', { $schema: DRAFT_URLS['2020-12'], prefixItems: {} }, /at #: "prefixItems" must be array \(2020-12\)/],
    ['a non-object properties (2019-09)', { $schema: DRAFT_URLS['2019-09'], properties: [] }, /at #: "properties" must be object \(2019-09\)/],
    ['an invalid pattern', { properties: { zip: { type: 'string', pattern: '([0-9]' } } }, /at #\/properties\/zip: "pattern" '\(\[0-9\]' is not a valid regular expression/],
    ['an invalid patternProperties regex', { patternProperties: { '[': {} } }, /at #: "patternProperties" '\[' is not a valid regular expression/],
  ]
  for (const [what, schema, message] of invalid) {
    test(`rejects ${what} with 42201`, () => assert.throws(() => parse(schema, { submitted: true }), rejectsWith(message)))
  }

  test('checks the meta-schema only for submitted schemas, so stored ones always load again', () => {
    const offMeta = { properties: { age: { type: 'int' } } }
    assert.throws(() => parse(offMeta, { submitted: true }), rejectsWith(/"type" must be equal to one of the allowed values/))
    assert.doesNotThrow(() => parse(offMeta))
  })
})

describe('documents', () => {
  test('rejects text that is not JSON with 42201 naming line and column', () => {
    assert.throws(() => parse('{"type": "string",\n "maxLength": }'), rejectsWith(/invalid JSON at line 2, column 15: unexpected character '}'/))
  })

  test('rejects a document that is not an object with 42201', () => {
    assert.throws(() => parse('true'), rejectsWith(/a JSON schema must be a JSON object, not a boolean/))
    assert.throws(() => parse('[{}]'), rejectsWith(/not an array/))
  })

  test('rejects nesting deeper than maxDepth (default 128) with 42201', () => {
    const nested = (depth: number) => '{"not":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1)
    assert.doesNotThrow(() => parse(nested(128)))
    assert.throws(() => parse(nested(129)), rejectsWith(/nested deeper than the limit of 128/))
    assert.throws(() => parse(nested(5), { maxDepth: 4 }), rejectsWith(/nested deeper than the limit of 4/))
  })

  test('rejects a $ref that resolves to nothing with 42201 naming it and where it is', () => {
    assert.throws(() => parse({ properties: { a: { $ref: '#/definitions/missing' } } }), rejectsWith(/at #\/properties\/a: \$ref '#\/definitions\/missing' cannot be resolved/))
    assert.throws(() => parse({ items: { $ref: 'https://example.com/other.json' } }), rejectsWith(/at #\/items: \$ref 'https:\/\/example.com\/other.json' cannot be resolved/))
  })

  test('rejects a $dynamicRef without a static target with 42201', () => {
    const schema = { $schema: DRAFT_URLS['2020-12'], properties: { a: { $dynamicRef: '#meta' } } }
    assert.throws(() => parse(schema), rejectsWith(/at #\/properties\/a: \$dynamicRef '#meta' cannot be resolved/))
  })

  test('does not look at definitions nothing refers to, as Confluent does not', () => {
    assert.doesNotThrow(() => parse({ type: 'string', definitions: { unused: { $ref: '#/nowhere' } } }))
  })

  test('rejects a circular $ref chain with 42201', () => {
    const schema = { $ref: '#/definitions/a', definitions: { a: { $ref: '#/definitions/b' }, b: { $ref: '#/definitions/a' } } }
    assert.throws(() => parse(schema), rejectsWith(/at #: \$ref '#\/definitions\/a' is circular/))
  })

  test('rejects two schemas declaring one $id with 42201', () => {
    const schema = { definitions: { a: { $id: 'http://x/a.json' }, b: { $id: 'http://x/a.json' } } }
    assert.throws(() => parse(schema), rejectsWith(/\$id 'http:\/\/x\/a.json' is already declared/))
  })

  test('resolves $refs to $id-named resources and plain-name anchors', () => {
    assert.doesNotThrow(() => parse({ $id: 'http://x/root.json', definitions: { a: { $id: 'a.json', type: 'string' } }, items: { $ref: 'http://x/a.json' } }))
    assert.doesNotThrow(() => parse({ definitions: { a: { $id: '#name', type: 'string' } }, items: { $ref: '#name' } }))
    assert.doesNotThrow(() => parse({ $schema: DRAFT_URLS['2020-12'], $defs: { a: { $anchor: 'name' } }, items: { $ref: '#name' } }))
    assert.doesNotThrow(() => parse({ $schema: DRAFT_URLS['draft-04'], definitions: { a: { id: '#name' } }, items: { $ref: '#name' } }))
  })
})

describe('canonical text', () => {
  test('is the document written compactly, key order and number spelling kept', () => {
    const text = '{\n  "type": "object",\n  "properties": { "price": { "type": "number", "multipleOf": 0.50, "maximum": 1.0E3 } },\n  "$id": "p"\n}'
    assert.equal(parse(text).canonical, '{"type":"object","properties":{"price":{"type":"number","multipleOf":0.50,"maximum":1.0E3}},"$id":"p"}')
  })

  test('sorts object keys at every level when normalized, numbers still as written', () => {
    const text = '{"type": "object", "properties": {"b": {"type": "number", "minimum": 1.0}, "a": {"enum": [{"z": 1, "y": 2}]}}}'
    assert.equal(parse(text, { normalize: true }).canonical, '{"properties":{"a":{"enum":[{"y":2,"z":1}]},"b":{"minimum":1.0,"type":"number"}},"type":"object"}')
  })

  test('keeps references as given, or sorted by subject and version without duplicates when normalized', () => {
    const schema = JSON.stringify({ type: 'object' })
    const refs: SchemaReference[] = [
      { name: 'b.json', subject: 'b', version: 2 },
      { name: 'a.json', subject: 'a', version: 1 },
      { name: 'b.json', subject: 'b', version: 2 },
    ]
    const lookup: ReferenceLookup = () => ({ schemaType: 'JSON', schema: '{}', references: [] })
    assert.deepEqual(jsonFormat.parse(schema, refs, lookup).references, refs)
    assert.deepEqual(jsonFormat.parse(schema, refs, lookup, { normalize: true }).references, [refs[1], refs[0]])
  })
})

describe('references', () => {
  const stored: Record<string, ReferencedSchema> = {
    'customer.json': {
      schemaType: 'JSON',
      schema: JSON.stringify({ type: 'object', properties: { name: { type: 'string' }, address: { $ref: 'address.json#/definitions/Address' } } }),
      references: [{ name: 'address.json', subject: 'address', version: 3 }],
    },
    'address.json': {
      schemaType: 'JSON',
      schema: JSON.stringify({ definitions: { Address: { type: 'object', properties: { zip: { type: 'string' } } } } }),
      references: [],
    },
    'order.avsc': { schemaType: 'AVRO', schema: '"string"', references: [] },
  }
  const lookup: ReferenceLookup = (reference) => stored[reference.name]
  const customer = { name: 'customer.json', subject: 'customer', version: 1 }

  test('resolves a $ref naming a reference, and that schema\'s own references, across subjects', () => {
    const schema = jsonFormat.parse(JSON.stringify({ properties: { customer: { $ref: 'customer.json' } } }), [customer], lookup)
    assert.deepEqual(schema.references, [customer])
  })

  test('resolves a reference name even when the schema has an $id of its own', () => {
    const text = JSON.stringify({ $id: 'https://example.com/schemas/order.json', properties: { customer: { $ref: 'customer.json' } } })
    assert.doesNotThrow(() => jsonFormat.parse(text, [customer], lookup))
  })

  test('rejects a reference the registry cannot resolve with 42201 naming it', () => {
    const missing = { name: 'nope.json', subject: 'nope', version: 7 }
    assert.throws(() => jsonFormat.parse('{"$ref": "nope.json"}', [missing], lookup), rejectsWith(/reference 'nope.json' \(subject 'nope', version 7\) not found/))
  })

  test('rejects a nested reference the registry cannot resolve with 42201 naming it', () => {
    const broken: ReferenceLookup = (reference) => (reference.name === 'address.json' ? undefined : stored[reference.name])
    assert.throws(() => jsonFormat.parse('{"$ref": "customer.json"}', [customer], broken), rejectsWith(/reference 'address.json' \(subject 'address', version 3\) not found/))
  })

  test('rejects a reference to a schema of another type with 42201', () => {
    const avro = { name: 'order.avsc', subject: 'order', version: 1 }
    assert.throws(() => jsonFormat.parse('{"$ref": "order.avsc"}', [avro], lookup), rejectsWith(/is of type AVRO; a JSON schema can only reference JSON schemas/))
  })

  test('rejects a $ref into a referenced schema that points nowhere, naming both', () => {
    const text = JSON.stringify({ $ref: 'customer.json#/definitions/Missing' })
    assert.throws(() => jsonFormat.parse(text, [customer], lookup), rejectsWith(/at #: \$ref 'customer.json#\/definitions\/Missing' cannot be resolved/))
  })
})
