// The path of an Avro incompatibility in both schemas, `reader <- writer`: fields matched by name (or alias)
// at other positions, a union index that names the writer's branch, and a field the writer lacks.

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { avroFormat } from '../../../src/formats/avro/index.ts'
import type { AvroSchema } from '../../../src/formats/avro/index.ts'
import { avroPaths } from '../../../src/cli/ci/avro-paths.ts'

const parse = (fields: unknown[]): AvroSchema => avroFormat.parse(JSON.stringify({ type: 'record', name: 'R', fields }), [], () => undefined) as AvroSchema

/** The checker's own path for `reader <- writer`, then both paths. */
function paths(reader: AvroSchema, writer: AvroSchema) {
  const [found] = avroFormat.checkReadable(reader, writer)
  return { checker: found.path, ...avroPaths(reader, writer, found.path) }
}

test('reader <- writer: a field at another position, nested in an array of records', () => {
  const item = (fields: unknown[]) => ({ type: 'array', items: { type: 'record', name: 'I', fields } })
  const reader = parse([{ name: 'x', type: 'int', default: 0 }, { name: 'items', type: item([{ name: 'n', type: 'int' }]) }])
  const writer = parse([{ name: 'items', type: item([{ name: 'n', type: 'string' }]) }])
  assert.deepEqual(paths(reader, writer), { checker: '/fields/1/type/items/fields/0/type', reader: '/fields/1/type/items/fields/0/type', writer: '/fields/0/type/items/fields/0/type' })
})

test('reader <- writer: a union index names the writer branch, the reader stays put', () => {
  const reader = parse([{ name: 'v', type: 'string' }])
  const writer = parse([{ name: 'v', type: ['string', 'int'] }])
  assert.deepEqual(paths(reader, writer), { checker: '/fields/0/type/1', reader: '/fields/0/type', writer: '/fields/0/type/1' })
})

test('reader <- writer: a field matched through an alias', () => {
  const reader = parse([{ name: 'b', aliases: ['a'], type: 'int' }])
  const writer = parse([{ name: 'z', type: 'int', default: 1 }, { name: 'a', type: 'string' }])
  assert.deepEqual(paths(reader, writer), { checker: '/fields/0/type', reader: '/fields/0/type', writer: '/fields/1/type' })
})

test('reader <- writer: a reader field the writer lacks has no writer path', () => {
  const reader = parse([{ name: 'a', type: 'int' }, { name: 'b', type: 'int' }])
  const writer = parse([{ name: 'a', type: 'int' }])
  assert.deepEqual(paths(reader, writer), { checker: '/fields/1', reader: '/fields/1', writer: undefined })
})
