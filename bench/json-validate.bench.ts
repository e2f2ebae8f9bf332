// JSON Schema validation of a 20-field object: validations/s through the registry's cached validator (the
// schema parsed once through the registry's parser and kept, as it is per schema id) against a bare
// ajv-compiled validator of the same schema, in the same process. Goal: ratio ≥ 0.9.

import assert from 'node:assert/strict'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { validateJson, type JsonSchema } from '../src/formats/json/index.ts'
import { SchemaParser } from '../src/registry/schemas.ts'
import { RegistryState } from '../src/registry/state.ts'
import { timeOps } from './support/timing.ts'

const properties: Record<string, object> = {}
const value: Record<string, unknown> = {}
for (let i = 0; i < 20; i++) {
  const kind = i % 4
  properties[`f${i}`] = [{ type: 'string', maxLength: 64 }, { type: 'integer', minimum: 0 }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }][kind]
  value[`f${i}`] = ['text', i, true, ['a', 'b']][kind]
}
const schema = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties, required: Object.keys(properties), additionalProperties: false }

export async function run(): Promise<string[]> {
  const parser = new SchemaParser(new RegistryState(), 128)
  const parsed = parser.parseRequest({ schemaType: 'JSON', schema: JSON.stringify(schema), references: [] }, '.', false) as JsonSchema
  const ajv = new Ajv({ strict: false })
  addFormats.default(ajv)
  const bare = ajv.compile(schema)
  assert.deepEqual(validateJson(parsed, value), [])
  assert.equal(bare(value), true)
  assert.notDeepEqual(validateJson(parsed, { ...value, f1: -1 }), [])

  const ours = timeOps(() => validateJson(parsed, value))
  const baseline = timeOps(() => bare(value))
  return [
    `validate a 20-field object: registry's cached validator ${ours.toFixed(0)} ops/s; bare ajv-compiled validator ${baseline.toFixed(0)} ops/s; ratio ${(ours / baseline).toFixed(2)}x (goal >= 0.9x)`,
  ]
}
