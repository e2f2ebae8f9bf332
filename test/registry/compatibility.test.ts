// Compatibility levels: which previous versions are checked, in which direction, and the messages Confluent returns.
// The 32 level cases of the project's Avro fixture table run through checkCompatibility with the real Avro format.

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { avroFormat } from '../../src/formats/avro/index.ts'
import type { ParsedSchema, SchemaFormat } from '../../src/formats/format.ts'
import { checkCompatibility } from '../../src/registry/compatibility.ts'
import type { CompatibilityLevel } from '../../src/registry/compatibility.ts'

type LevelCase = [id: string, source: string, level: CompatibilityLevel, candidate: string, previous: string[], compatible: boolean, description: string]

const fixture = JSON.parse(readFileSync(new URL('../fixtures/avro/compatibility-cases.json', import.meta.url), 'utf8')) as {
  levelSchemas: Record<string, unknown>
  levels: LevelCase[]
}
const avro = (schema: unknown) => avroFormat.parse(typeof schema === 'string' ? schema : JSON.stringify(schema), [], () => undefined)
const formatOf = () => avroFormat as SchemaFormat
const history = (...schemas: unknown[]) => schemas.map((schema, index) => ({ version: index + 1, schema: avro(schema) }))

for (const [id, , level, candidate, previous, compatible, description] of fixture.levels) {
  test(`${id} ${level}: ${candidate} after ${previous.join(', ')} is ${compatible ? 'accepted' : 'rejected'} (${description})`, () => {
    const result = checkCompatibility(formatOf, level, avro(fixture.levelSchemas[candidate]), history(...previous.map((name) => fixture.levelSchemas[name])))
    assert.equal(result.compatible, compatible)
    assert.equal(result.messages.length === 0, compatible)
  })
}

const v1 = { type: 'record', name: 'r', fields: [{ name: 'a', type: 'int' }] }
const withB = { type: 'record', name: 'r', fields: [{ name: 'a', type: 'int' }, { name: 'b', type: 'string' }] }
const longA = { type: 'record', name: 'r', fields: [{ name: 'a', type: 'long' }] }
const canonicalV1 = '{"type":"record","name":"r","fields":[{"name":"a","type":"int"}]}'

test('BACKWARD lists each difference with type, path and new/old order, then the old version, old schema and trailer', () => {
  const result = checkCompatibility(formatOf, 'BACKWARD', avro(withB), history(v1))
  assert.deepEqual(result, {
    compatible: false,
    messages: [
      "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'b' at path '/fields/1' in the new schema has no default and is absent from the old schema', additionalInfo:'b'}",
      '{oldSchemaVersion: 1}',
      `{oldSchema: '${canonicalV1}'}`,
      "{validateFields: 'false', compatibility: 'BACKWARD'}",
    ],
  })
})

test('FORWARD checks that the old schema reads the new one and names old before new', () => {
  const result = checkCompatibility(formatOf, 'FORWARD', avro(longA), history(v1))
  assert.deepEqual(result.messages, [
    "{errorType:'TYPE_MISMATCH', description:'The type at path '/fields/0/type' in the old schema cannot read the type in the new schema', additionalInfo:'reader type: INT not compatible with writer type: LONG'}",
    '{oldSchemaVersion: 1}',
    `{oldSchema: '${canonicalV1}'}`,
    "{validateFields: 'false', compatibility: 'FORWARD'}",
  ])
})

test('FULL lists old-reads-new first and quotes the old schema only after the new-reads-old part', () => {
  const old = { type: 'record', name: 'r', fields: [{ name: 'a', type: 'long' }, { name: 'b', type: 'string' }] }
  const candidate = { type: 'record', name: 'r', fields: [{ name: 'a', type: 'int' }, { name: 'c', type: 'int' }] }
  const result = checkCompatibility(formatOf, 'FULL', avro(candidate), history(old))
  assert.deepEqual(
    result.messages.map((message) => message.split(',')[0]),
    [
      "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'",
      "{errorType:'TYPE_MISMATCH'",
      "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'",
      '{oldSchemaVersion: 1}',
      '{oldSchema: \'{"type":"record"',
      "{validateFields: 'false'",
    ],
  )
  assert.match(result.messages[0], /field 'b' .* in the old schema .* new schema/)
  assert.match(result.messages[1], /in the new schema .* old schema/)
})

test('FULL with a failure only in the old-reads-new direction quotes no old version', () => {
  const result = checkCompatibility(formatOf, 'FULL', avro(longA), history(v1))
  assert.equal(result.messages.length, 2)
  assert.match(result.messages[0], /^\{errorType:'TYPE_MISMATCH'/)
  assert.equal(result.messages[1], "{validateFields: 'false', compatibility: 'FULL'}")
})

test('a non-transitive level checks only the newest previous version', () => {
  assert.equal(checkCompatibility(formatOf, 'BACKWARD', avro(v1), history(longA, v1)).compatible, true)
})

test('a transitive level reports the newest failing version only', () => {
  const both = checkCompatibility(formatOf, 'BACKWARD_TRANSITIVE', avro(v1), history(longA, longA, v1))
  assert.deepEqual(both.messages.filter((message) => message.startsWith('{oldSchemaVersion')), ['{oldSchemaVersion: 2}'])
  assert.equal(both.messages.filter((message) => message.startsWith('{errorType')).length, 1)
})

test('NONE and an empty history are always compatible', () => {
  assert.deepEqual(checkCompatibility(formatOf, 'NONE', avro(v1), history(longA)), { compatible: true, messages: [] })
  assert.deepEqual(checkCompatibility(formatOf, 'FULL_TRANSITIVE', avro(v1), []), { compatible: true, messages: [] })
})

test('schemas of different types give one message per direction saying so', () => {
  const json: ParsedSchema = { schemaType: 'JSON', canonical: '{"type":"object"}', references: [] }
  const result = checkCompatibility(formatOf, 'FULL', avro(v1), [{ version: 3, schema: json }])
  assert.deepEqual(result.messages, [
    'Incompatible because of different schema type',
    'Incompatible because of different schema type',
    '{oldSchemaVersion: 3}',
    `{oldSchema: '{"type":"object"}'}`,
    "{validateFields: 'false', compatibility: 'FULL'}",
  ])
})

test('the trailer echoes validateFields and the policy reaches the format', () => {
  const seen: unknown[] = []
  const stub: SchemaFormat = {
    schemaType: 'JSON',
    parse: () => ({ schemaType: 'JSON', canonical: '{}', references: [] }),
    checkReadable: (_reader, _writer, options) => {
      seen.push(options?.policy)
      return [{ type: 'TYPE_CHANGED', path: '#/properties/a', message: '' }]
    },
  }
  const schema: ParsedSchema = { schemaType: 'JSON', canonical: '{}', references: [] }
  const result = checkCompatibility(() => stub, 'BACKWARD', schema, [{ version: 1, schema }], { policy: 'LENIENT', validateFields: true })
  assert.deepEqual(seen, ['LENIENT'])
  assert.match(result.messages[0], /^\{errorType:"TYPE_CHANGED", description:"[^"]*#\/properties\/a[^"]*new schema[^"]*old schema'\}$/)
  assert.equal(result.messages.at(-1), "{validateFields: 'true', compatibility: 'BACKWARD'}")
})

test('an old schema longer than 10 KiB is quoted truncated', () => {
  const fields = Array.from({ length: 400 }, (_, index) => ({ name: `field_number_${index}`, type: 'string' }))
  const old = { type: 'record', name: 'r', fields }
  const result = checkCompatibility(formatOf, 'BACKWARD', avro({ ...old, fields: [...fields, { name: 'z', type: 'int' }] }), history(old))
  const quoted = result.messages.find((message) => message.startsWith('{oldSchema:')) ?? ''
  assert.ok(quoted.startsWith("{oldSchema: <truncated to 10240 characters> '{\"type\":\"record\""))
  assert.equal(quoted.length, "{oldSchema: <truncated to 10240 characters> ''}".length + 10240)
})
