// Whether a field default fits its type, by Avro Java 1.12's Schema.isValidDefault rules.
// Those rules are looser than the Avro specification: a union default may match any branch (not only the first),
// bytes/fixed/enum defaults only need to be strings, and a float or double accepts any JSON number.

import { integerOf, isJsonArray, isJsonObject, JsonNumber } from '../json-document/value.ts'
import type { Json } from '../json-document/value.ts'
import type { AvroType } from './model.ts'

const INT_RANGE = [-(2n ** 31n), 2n ** 31n - 1n] as const
const LONG_RANGE = [-(2n ** 63n), 2n ** 63n - 1n] as const
// A record default may lean on field defaults that are records again; Java would overflow its stack on a cycle.
const MAX_NESTING = 512

export function isValidDefault(type: AvroType, value: Json | undefined, nesting = 0): boolean {
  if (value === undefined || nesting > MAX_NESTING) return false
  switch (type.kind) {
    case 'string':
    case 'bytes':
    case 'enum':
    case 'fixed':
      return typeof value === 'string'
    case 'int':
      return inRange(value, INT_RANGE)
    case 'long':
      return inRange(value, LONG_RANGE)
    case 'float':
    case 'double':
      return value instanceof JsonNumber
    case 'boolean':
      return typeof value === 'boolean'
    case 'null':
      return value === null
    case 'array':
      return isJsonArray(value) && value.every((item) => isValidDefault(type.items, item, nesting + 1))
    case 'map':
      return isJsonObject(value) && [...value.values()].every((item) => isValidDefault(type.values, item, nesting + 1))
    case 'union':
      return type.branches.some((branch) => isValidDefault(branch, value, nesting + 1))
    case 'record':
      return (
        isJsonObject(value) &&
        type.fields.every((field) =>
          isValidDefault(field.type, value.has(field.name) ? value.get(field.name) : field.default, nesting + 1),
        )
      )
  }
}

function inRange(value: Json, [min, max]: readonly [bigint, bigint]): boolean {
  const integer = integerOf(value)
  return integer !== undefined && integer >= min && integer <= max
}
