// The JSON Schema compatibility check beyond Confluent's vectors: direction, policies, messages, recursion,
// references, draft-specific keywords, and the places where we deliberately differ from Confluent's exceptions.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { ReferenceLookup, SchemaReference } from '../../../src/formats/format.ts'
import { compatibleChanges, DIFFERENCE_TYPES } from '../../../src/formats/json/differences.ts'
import { diffJsonSchemas, jsonFormat } from '../../../src/formats/json/index.ts'
import type { JsonSchema } from '../../../src/formats/json/index.ts'

const D2020 = 'https://json-schema.org/draft/2020-12/schema'

const parse = (schema: object, references: SchemaReference[] = [], lookup: ReferenceLookup = () => undefined): JsonSchema =>
  jsonFormat.parse(JSON.stringify(schema), references, lookup)
const changes = (original: JsonSchema, update: JsonSchema, policy: 'STRICT' | 'LENIENT' = 'STRICT') =>
  diffJsonSchemas(original, update, policy).map((d) => `${d.type} ${d.path}`).sort()

describe('checkReadable(reader, writer)', () => {
  const v1 = parse({ type: 'object', properties: { name: { type: 'string' } } })
  const v2 = parse({ type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } } })

  test('diffs the writer (original) against the reader (update)', () => {
    assert.deepEqual(jsonFormat.checkReadable(v2, v1).map((i) => `${i.type} ${i.path}`), ['OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL #/properties/age'])
    assert.deepEqual(jsonFormat.checkReadable(v1, v2).map((i) => `${i.type} ${i.path}`), [])
  })

  test('reports a readable sentence naming the difference and the path', () => {
    const [incompatibility] = jsonFormat.checkReadable(v2, v1)
    assert.equal(incompatibility.message, 'Optional property added to open content model at #/properties/age (OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL)')
  })

  test('returns only the differences outside the policy, STRICT by default', () => {
    assert.equal(jsonFormat.checkReadable(v2, v1, { policy: 'STRICT' }).length, 1)
    assert.deepEqual(jsonFormat.checkReadable(v2, v1, { policy: 'LENIENT' }), [])
    const retitled = parse({ type: 'object', title: 'Person', properties: { name: { type: 'string' } } })
    assert.deepEqual(changes(v1, retitled), ['TITLE_CHANGED #/'])
    assert.deepEqual(jsonFormat.checkReadable(retitled, v1), [])
  })

  test('lets the policy steer the walk, not only the verdict', () => {
    const original = parse({ properties: { bar: { properties: { x: { type: 'string' } } } }, additionalProperties: false })
    const update = parse({ properties: {}, additionalProperties: { additionalProperties: false } })
    assert.deepEqual(changes(original, update, 'STRICT'), [
      'ADDITIONAL_PROPERTIES_ADDED #/additionalProperties',
      'ADDITIONAL_PROPERTIES_REMOVED #/properties/bar/additionalProperties',
      'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL #/properties/bar/properties/x',
      'PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL #/properties/bar',
    ])
    assert.deepEqual(changes(original, update, 'LENIENT'), [
      'ADDITIONAL_PROPERTIES_ADDED #/additionalProperties',
      'ADDITIONAL_PROPERTIES_REMOVED #/properties/bar/additionalProperties',
      'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL #/properties/bar/properties/x',
      'PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL #/properties/bar',
    ])
  })
})

describe('recursion', () => {
  const tree = (idType: string) => ({
    type: 'object',
    properties: { children: { type: 'array', items: { $ref: '#/definitions/Node' } } },
    definitions: { Node: { type: 'object', properties: { id: { type: idType }, children: { type: 'array', items: { $ref: '#/definitions/Node' } } } } },
  })

  test('finds a change inside a recursive definition, once, where it is first reached', () => {
    assert.deepEqual(changes(parse(tree('integer')), parse(tree('string'))), ['TYPE_CHANGED #/properties/children/items/properties/id'])
    assert.deepEqual(changes(parse(tree('integer')), parse(tree('number'))), ['TYPE_EXTENDED #/properties/children/items/properties/id'])
  })

  test('terminates on schemas that refer to themselves through combinators', () => {
    const loop = parse({ anyOf: [{ $ref: '#' }, { type: 'string' }] })
    const number = parse({ type: 'number' })
    assert.deepEqual(changes(loop, number), ['TYPE_CHANGED #/'])
    assert.deepEqual(changes(loop, loop), [])
    assert.doesNotThrow(() => changes(number, loop))
  })

  test('terminates when two different recursive schemas are compared', () => {
    const list = parse({ type: 'object', properties: { next: { $ref: '#' }, value: { type: 'string' } } })
    const pairs = parse({ type: 'object', properties: { next: { type: 'object', properties: { next: { $ref: '#' } } }, value: { type: 'number' } } })
    assert.ok(changes(list, pairs).includes('TYPE_CHANGED #/properties/value'))
  })
})

describe('references', () => {
  const versions: Record<number, string> = {
    1: JSON.stringify({ type: 'object', properties: { zip: { type: 'string' } } }),
    2: JSON.stringify({ type: 'object', properties: { zip: { type: 'integer' } } }),
  }
  const lookup: ReferenceLookup = (reference) => ({ schemaType: 'JSON', schema: versions[reference.version], references: [] })
  const order = (version: number) =>
    parse({ properties: { address: { $ref: 'address.json' } } }, [{ name: 'address.json', subject: 'address', version }], lookup)

  test('looks through a $ref into the referenced schema of each version', () => {
    assert.deepEqual(changes(order(1), order(2)), ['TYPE_CHANGED #/properties/address/properties/zip'])
    assert.deepEqual(changes(order(1), order(1)), [])
  })

  test('moving a definition into a referenced schema changes nothing', () => {
    const inline = parse({ properties: { address: { $ref: '#/definitions/a' } }, definitions: { a: JSON.parse(versions[1]) } })
    assert.deepEqual(changes(inline, order(1)), [])
  })
})

describe('keywords', () => {
  const cases: [string, object, object, string[], boolean][] = [
    ['multipleOf compares exact decimals', { multipleOf: 0.5 }, { multipleOf: 0.5 }, [], true],
    ['multipleOf reduced by a decimal divisor', { multipleOf: 0.5 }, { multipleOf: 0.25 }, ['MULTIPLE_OF_REDUCED #/multipleOf'], true],
    ['multipleOf expanded to a multiple', { multipleOf: 2.5 }, { multipleOf: 5 }, ['MULTIPLE_OF_EXPANDED #/multipleOf'], false],
    ['exclusiveMaximum lowered without a maximum (Confluent throws)', { exclusiveMaximum: 10 }, { exclusiveMaximum: 5 }, ['EXCLUSIVE_MAXIMUM_DECREASED #/exclusiveMaximum'], false],
    ['exclusiveMinimum added', { type: 'number' }, { type: 'number', exclusiveMinimum: 0 }, ['EXCLUSIVE_MINIMUM_ADDED #/exclusiveMinimum'], false],
    ['draft-04 boolean exclusive limits are not diffed', { $schema: 'http://json-schema.org/draft-04/schema#', maximum: 5 }, { $schema: 'http://json-schema.org/draft-04/schema#', maximum: 5, exclusiveMaximum: true }, [], true],
    ['draft-04 id changes', { $schema: 'http://json-schema.org/draft-04/schema#', id: 'a' }, { $schema: 'http://json-schema.org/draft-04/schema#', id: 'b' }, ['ID_CHANGED #/'], true],
    ['a default changes', { type: 'string', default: 'a' }, { type: 'string', default: 'b' }, ['DEFAULT_CHANGED #/'], true],
    ['a required property gets a default', { properties: { a: { type: 'string' } } }, { properties: { a: { type: 'string', default: 'x' } }, required: ['a'] }, ['DEFAULT_CHANGED #/properties/a', 'REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED #/required/a'], true],
    ['a dependency array grows', { dependencies: { a: ['b'] } }, { dependencies: { a: ['b', 'c'] } }, ['DEPENDENCY_ARRAY_EXTENDED #/dependencies/a'], false],
    ['a dependency array shrinks', { dependencies: { a: ['b', 'c'] } }, { dependencies: { a: ['b'] } }, ['DEPENDENCY_ARRAY_NARROWED #/dependencies/a'], true],
    ['uniqueItems added', { type: 'array' }, { type: 'array', uniqueItems: true }, ['UNIQUE_ITEMS_ADDED #/uniqueItems'], false],
    ['not is reported even unchanged', { not: { type: 'string' } }, { not: { type: 'string' } }, ['NOT_TYPE_NARROWED #/not'], true],
    ['Kafka Connect bytes in either form', { type: 'string', 'connect.type': 'bytes' }, { type: 'array', 'connect.type': 'bytes' }, [], true],
    ['a false schema may become anything', { properties: { a: false } }, { properties: { a: { type: 'string' } } }, [], true],
    ['a schema may become true', { properties: { a: { type: 'string' } } }, { properties: { a: true } }, [], true],
    ['2020-12 unevaluatedProperties dropped', { $schema: D2020, type: 'object', unevaluatedProperties: false }, { $schema: D2020, type: 'object' }, ['UNEVALUATED_PROPERTIES_ADDED #/unevaluatedProperties'], true],
    ['2020-12 unevaluatedItems closed', { $schema: D2020, type: 'array' }, { $schema: D2020, type: 'array', unevaluatedItems: false }, ['UNEVALUATED_ITEMS_REMOVED #/unevaluatedItems'], false],
    ['2020-12 unevaluatedItems schemas compared', { $schema: D2020, type: 'array', unevaluatedItems: { type: 'string' } }, { $schema: D2020, type: 'array', unevaluatedItems: { type: 'number' } }, ['TYPE_CHANGED #/unevaluatedItems'], false],
    ['2020-12 maxContains lowered', { $schema: D2020, contains: {}, maxContains: 3 }, { $schema: D2020, contains: {}, maxContains: 2 }, ['MAX_CONTAINS_DECREASED #/maxContains'], false],
    ['2020-12 $ref beside a keyword is compared as an allOf', { $schema: D2020, $defs: { s: { type: 'string' } }, $ref: '#/$defs/s', maxLength: 3 }, { $schema: D2020, $defs: { s: { type: 'string' } }, $ref: '#/$defs/s', maxLength: 5 }, ['MAX_LENGTH_INCREASED #/allOf/1/maxLength'], true],
    ['2020-12 allOf members with no compatible counterpart', { $schema: D2020, $defs: { s: { type: 'string' } }, $ref: '#/$defs/s', maxLength: 5 }, { $schema: D2020, $defs: { s: { type: 'string' } }, $ref: '#/$defs/s', maxLength: 3 }, ['COMBINED_TYPE_SUBSCHEMAS_CHANGED #/'], false],
  ]
  for (const [what, original, update, expected, compatible] of cases) {
    test(what, () => {
      const [o, u] = [parse(original), parse(update)]
      assert.deepEqual(changes(o, u), expected)
      assert.equal(jsonFormat.checkReadable(u, o).length === 0, compatible)
    })
  }
})

test('LENIENT accepts what STRICT accepts plus only property-level changes (spec 3.6)', () => {
  const strict = compatibleChanges('STRICT')
  const lenient = compatibleChanges('LENIENT')
  assert.ok([...strict].every((type) => lenient.has(type) && DIFFERENCE_TYPES.includes(type)))
  assert.deepEqual(DIFFERENCE_TYPES.filter((type) => lenient.has(type) && !strict.has(type)), [
    'ADDITIONAL_PROPERTIES_REMOVED', 'ADDITIONAL_PROPERTIES_NARROWED', 'UNEVALUATED_PROPERTIES_REMOVED', 'UNEVALUATED_PROPERTIES_NARROWED',
    'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL', 'OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL',
    'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL', 'PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
    'PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
  ])
  assert.equal(strict.has('ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL') || lenient.has('ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL'), false)
})
