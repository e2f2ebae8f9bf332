// The typed tree the diff walks must have everit's shape (spec 3.1): extractor order, synthetic allOf,
// type arrays as anyOf, the integer flag, and json-sKema's reading of 2019-09/2020-12 documents.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { jsonFormat } from '../../../src/formats/json/index.ts'
import type { SchemaNode } from '../../../src/formats/json/model.ts'

const D2020 = 'https://json-schema.org/draft/2020-12/schema'
const D04 = 'http://json-schema.org/draft-04/schema#'

const model = (schema: object): SchemaNode => jsonFormat.parse(JSON.stringify(schema), [], () => undefined).model

/** The node kinds as a compact outline: `allOf[enum,string]`. */
function outline(node: SchemaNode): string {
  if (node.kind === 'combined') return `${node.criterion}[${node.subschemas.map(outline).join(',')}]`
  if (node.kind === 'number' && node.requiresInteger) return 'integer'
  return node.kind
}

const shapes: [string, object, string][] = [
  ['enum beside type is an allOf, enum first', { type: 'string', enum: ['red'] }, 'allOf[enum,string]'],
  ['a type array is an anyOf', { type: ['string', 'null'] }, 'anyOf[string,null]'],
  ['a one-element type array is a singleton anyOf', { type: ['object'] }, 'anyOf[object]'],
  ['integer is a number requiring integers', { type: 'integer' }, 'integer'],
  ['combinators in everit order allOf, oneOf, anyOf', { anyOf: [{}], oneOf: [{}], allOf: [{}] }, 'allOf[allOf[empty],oneOf[empty],anyOf[empty]]'],
  ['not and const join the allOf', { not: { type: 'null' }, const: 1 }, 'allOf[not,const]'],
  ['keywords of another kind than the type are sniffed', { type: 'object', minLength: 2 }, 'allOf[object,string]'],
  ['keywords alone make their kind', { maxItems: 2, minimum: 1 }, 'allOf[array,number]'],
  ['format alone makes a string before 2019-09', { format: 'email' }, 'string'],
  ['format alone makes nothing in 2020-12', { $schema: D2020, format: 'email' }, 'empty'],
  ['an empty properties map makes an object before 2019-09', { properties: {} }, 'object'],
  ['an empty properties map makes nothing in 2020-12', { $schema: D2020, properties: {} }, 'empty'],
  ['if/then/else is a conditional from draft-07', { if: {}, then: {} }, 'conditional'],
  ['const is not a keyword in draft-04', { $schema: D04, const: 1 }, 'empty'],
  ['$ref siblings are ignored before 2019-09', { $ref: '#/definitions/a', minLength: 1, definitions: { a: {} } }, 'ref'],
  ['$ref siblings join an allOf in 2020-12', { $schema: D2020, $ref: '#/$defs/a', minLength: 1, $defs: { a: {} } }, 'allOf[ref,string]'],
  ['$ref beside annotations only stays a reference in 2020-12', { $schema: D2020, $ref: '#/$defs/a', title: 't', $defs: { a: {} } }, 'ref'],
  ['true is empty and false is false', { allOf: [true, false] }, 'allOf[empty,false]'],
]
for (const [what, schema, shape] of shapes) test(what, () => assert.equal(outline(model(schema)), shape))

test('common attributes sit on the node the object becomes, $id only before 2019-09', () => {
  const node = model({ $id: 'x', title: 't', description: 'd', default: 1, type: 'string', enum: ['a'] })
  assert.deepEqual([node.kind, node.id, node.title, node.description], ['combined', 'x', 't', 'd'])
  assert.equal(model({ $schema: D04, id: 'y' }).id, 'y')
  assert.equal(model({ $schema: D2020, $id: 'x', title: 't' }).id, undefined)
})

test('exclusive limits are the numeric form only', () => {
  const draft04 = model({ $schema: D04, type: 'number', maximum: 5, exclusiveMaximum: true })
  const draft06 = model({ $schema: 'http://json-schema.org/draft-06/schema#', type: 'number', exclusiveMaximum: 5 })
  assert.equal(draft04.kind === 'number' && draft04.exclusiveMaximum, undefined)
  assert.equal(draft06.kind === 'number' && draft06.exclusiveMaximum?.text, '5')
})

test('2020-12 prefixItems is the tuple and items what follows it, or every item without a tuple', () => {
  const tuple = model({ $schema: D2020, prefixItems: [{ type: 'string' }], items: { type: 'number' } })
  assert.ok(tuple.kind === 'array')
  assert.deepEqual([tuple.tuple.map(outline), tuple.allItems, outline(tuple.additionalItems.schema as SchemaNode)], [['string'], undefined, 'number'])
  const closed = model({ $schema: D2020, items: false })
  assert.ok(closed.kind === 'array')
  assert.deepEqual(closed.additionalItems, { permits: false, schema: undefined })
  const all = model({ $schema: D2020, items: { type: 'string' } })
  assert.ok(all.kind === 'array' && all.allItems !== undefined && outline(all.allItems) === 'string')
})

test('2020-12 contains has a minContains of 1 unless given', () => {
  const node = model({ $schema: D2020, contains: { type: 'number' } })
  assert.ok(node.kind === 'array')
  assert.equal(node.minContains, 1)
})

test('every $ref to one place yields the same target node, so recursion is visible', () => {
  const node = model({
    type: 'object',
    properties: { a: { $ref: '#/definitions/n' }, b: { $ref: '#/definitions/n' } },
    definitions: { n: { type: 'object', properties: { next: { $ref: '#/definitions/n' } } } },
  })
  assert.ok(node.kind === 'object')
  const a = node.properties.get('a')
  const b = node.properties.get('b')
  assert.ok(a?.kind === 'ref' && b?.kind === 'ref')
  const target = a.target()
  assert.equal(b.target(), target)
  assert.ok(target.kind === 'object')
  const next = target.properties.get('next')
  assert.ok(next?.kind === 'ref')
  assert.equal(next.target(), target)
})
