// Structural equality of Avro types as Avro Java's Schema.equals defines it.
// Avro Java lets a document define a named type again when the two definitions are equal; that equality ignores
// docs, aliases and the order of props, but not field order, defaults or prop values.

import { isJsonArray, isJsonObject, JsonNumber } from '../json-document/value.ts'
import type { Json } from '../json-document/value.ts'
import type { AvroType, Field, Props } from './model.ts'
import { isNamed } from './model.ts'

export function typesEqual(a: AvroType, b: AvroType, seen = new Map<AvroType, Set<AvroType>>()): boolean {
  if (a === b) return true
  if (a.kind !== b.kind) return false
  if (isNamed(a) && isNamed(b) && a.name.full !== b.name.full) return false
  // A pair already under comparison is assumed equal, which is how Java terminates on recursive records.
  const pairs = seen.get(a) ?? new Set<AvroType>()
  if (pairs.has(b)) return true
  seen.set(a, pairs.add(b))
  switch (a.kind) {
    case 'record':
      return b.kind === 'record' && propsEqual(a.props, b.props) && listEqual(a.fields, b.fields, (x, y) => fieldsEqual(x, y, seen))
    case 'enum':
      return b.kind === 'enum' && propsEqual(a.props, b.props) && listEqual(a.symbols, b.symbols, Object.is)
    case 'fixed':
      return b.kind === 'fixed' && propsEqual(a.props, b.props) && a.size === b.size
    case 'array':
      return b.kind === 'array' && propsEqual(a.props, b.props) && typesEqual(a.items, b.items, seen)
    case 'map':
      return b.kind === 'map' && propsEqual(a.props, b.props) && typesEqual(a.values, b.values, seen)
    case 'union':
      return b.kind === 'union' && listEqual(a.branches, b.branches, (x, y) => typesEqual(x, y, seen))
    default:
      return 'props' in b && propsEqual(a.props, b.props)
  }
}

function fieldsEqual(a: Field, b: Field, seen: Map<AvroType, Set<AvroType>>): boolean {
  return (
    a.name === b.name &&
    a.order === b.order &&
    (a.default === undefined ? b.default === undefined : b.default !== undefined && jsonEqual(a.default, b.default)) &&
    propsEqual(a.props, b.props) &&
    typesEqual(a.type, b.type, seen)
  )
}

function propsEqual(a: Props, b: Props): boolean {
  if (a.size !== b.size) return false
  for (const [key, value] of a) {
    const other = b.get(key)
    if (other === undefined || !jsonEqual(value, other)) return false
  }
  return true
}

/**
 * Jackson JsonNode equality: objects ignore key order, an integer never equals a double (IntNode and DoubleNode
 * are different classes), integers compare by value, doubles as Double.compare does.
 */
function jsonEqual(a: Json, b: Json): boolean {
  if (a instanceof JsonNumber) return b instanceof JsonNumber && numberEqual(a, b)
  if (isJsonArray(a)) return isJsonArray(b) && listEqual(a, b, jsonEqual)
  if (isJsonObject(a)) return isJsonObject(b) && propsEqual(a, b)
  return a === b
}

function numberEqual(a: JsonNumber, b: JsonNumber): boolean {
  if (a.isIntegerLiteral() !== b.isIntegerLiteral()) return false
  return a.isIntegerLiteral() ? a.bigintValue() === b.bigintValue() : Object.is(a.doubleValue(), b.doubleValue())
}

const listEqual = <T>(a: readonly T[], b: readonly T[], equal: (x: T, y: T) => boolean): boolean =>
  a.length === b.length && a.every((item, index) => equal(item, b[index]))
