// Lists the subschemas a schema object holds, keyword by keyword, for the draft it is written in.
// Only positions that hold schemas count: a property *named* "$ref" or "id" under `properties` is a name, not a
// keyword, and must be left alone when `$ref`s are resolved or a draft-04 document is translated.

import { isJsonArray, isJsonObject } from '../json-document/value.ts'
import type { Json, JsonObject } from '../json-document/value.ts'
import type { Draft } from './drafts.ts'
import { isModern } from './drafts.ts'

export interface Subschema {
  readonly value: Json
  /** JSON pointer segments from the parent schema to this subschema, e.g. ["properties", "name"]. */
  readonly segments: readonly string[]
}

const SINGLE = ['not', 'additionalItems', 'additionalProperties', 'contains', 'propertyNames', 'if', 'then', 'else', 'unevaluatedItems', 'unevaluatedProperties', 'items']
const LISTS = ['allOf', 'anyOf', 'oneOf', 'items', 'prefixItems']
const MAPS = ['properties', 'patternProperties', 'dependencies', 'dependentSchemas']
const DEFINITIONS = ['definitions', '$defs']

const isSchema = (value: Json | undefined): boolean => isJsonObject(value) || typeof value === 'boolean'

/**
 * The direct subschemas of `schema`. `definitions`/`$defs` are included only when asked: they are reached through
 * `$ref`s, and Confluent (like ajv) never looks at a definition nothing refers to.
 */
export function subschemas(schema: JsonObject, draft: Draft, withDefinitions: boolean): Subschema[] {
  const found: Subschema[] = []
  for (const keyword of SINGLE) {
    const value = schema.get(keyword)
    if (isSchema(value) && appliesTo(keyword, draft)) found.push({ value: value as Json, segments: [keyword] })
  }
  for (const keyword of LISTS) {
    const value = schema.get(keyword)
    if (!isJsonArray(value) || !appliesTo(keyword, draft)) continue
    value.forEach((item, index) => {
      if (isSchema(item)) found.push({ value: item, segments: [keyword, String(index)] })
    })
  }
  for (const keyword of [...MAPS, ...(withDefinitions ? DEFINITIONS : [])]) {
    const value = schema.get(keyword)
    if (!isJsonObject(value) || !appliesTo(keyword, draft)) continue
    for (const [name, item] of value) {
      if (isSchema(item)) found.push({ value: item, segments: [keyword, name] })
    }
  }
  return found
}

function appliesTo(keyword: string, draft: Draft): boolean {
  switch (keyword) {
    case 'contains':
    case 'propertyNames':
      return draft !== 'draft-04'
    case 'if':
    case 'then':
    case 'else':
      return draft !== 'draft-04' && draft !== 'draft-06'
    case 'unevaluatedItems':
    case 'unevaluatedProperties':
    case 'dependentSchemas':
      return isModern(draft)
    case 'dependencies':
      return !isModern(draft)
    case 'additionalItems':
      return draft !== '2020-12'
    case 'prefixItems':
      return draft === '2020-12'
    default:
      return true
  }
}
