// Compatibility of a 200-field JSON Schema and a 200-field Protobuf message against 50 previous versions at
// FULL_TRANSITIVE (100 directed checks each), in milliseconds; the baseline is the same check for a
// 200-field Avro record, measured in the same run.

import assert from 'node:assert/strict'
import type { ParsedSchema, SchemaType } from '../src/formats/format.ts'
import { checkCompatibility } from '../src/registry/compatibility.ts'
import { SchemaParser } from '../src/registry/schemas.ts'
import { RegistryState } from '../src/registry/state.ts'
import { timeMs } from './support/timing.ts'

const FIELDS = 200
const VERSIONS = 50

/** Avro and Protobuf version v has the first FIELDS - VERSIONS + v fields (each version adds an optional
 * field). A JSON Schema version cannot add a property and stay compatible both ways under the default STRICT
 * policy, so JSON versions keep their 200 properties and change only their description. */
function versionText(type: SchemaType, v: number): string {
  const n = FIELDS - VERSIONS + v
  const names = Array.from({ length: n }, (_, i) => `f${i}`)
  if (type === 'JSON') {
    const properties = Object.fromEntries(Array.from({ length: FIELDS }, (_, i) => [`f${i}`, { type: i % 2 ? 'string' : 'integer' }]))
    return JSON.stringify({ description: `version ${v}`, type: 'object', properties, additionalProperties: false })
  }
  if (type === 'PROTOBUF') {
    return `syntax = "proto3";\npackage bench;\n\nmessage Wide {\n${names.map((name, i) => `  ${i % 2 ? 'string' : 'int64'} ${name} = ${i + 1};`).join('\n')}\n}\n`
  }
  const fields = names.map((name, i) => ({ name, type: i % 2 ? 'string' : 'long', default: i % 2 ? '' : 0 }))
  return JSON.stringify({ type: 'record', name: 'Wide', fields })
}

function measure(type: SchemaType): number {
  const parser = new SchemaParser(new RegistryState(), 128)
  const parse = (v: number): ParsedSchema => parser.parseRequest({ schemaType: type, schema: versionText(type, v), references: [] }, '.', false)
  const previous = Array.from({ length: VERSIONS }, (_, i) => ({ version: i + 1, schema: parse(i) }))
  const candidate = parse(VERSIONS)
  const check = () => checkCompatibility((t) => parser.format(t), 'FULL_TRANSITIVE', candidate, previous)
  assert.equal(check().compatible, true, `${type}: adding optional fields is fully compatible`)
  return timeMs(check)
}

export async function run(): Promise<string[]> {
  const avro = measure('AVRO')
  return (['JSON', 'PROTOBUF'] as const).map((type) => {
    const ms = measure(type)
    return `${type} ${FIELDS} fields vs ${VERSIONS} versions, FULL_TRANSITIVE: ${ms.toFixed(1)} ms; Avro ${FIELDS}-field record, same check: ${avro.toFixed(1)} ms; ratio ${(ms / avro).toFixed(2)}x`
  })
}
