// Document values as JSON Schema sees them: equal by value as the spec defines it, and plain for ajv.
// The shared document model keeps key order and number spelling for the canonical text; here neither counts.

import { isJsonArray, isJsonObject, JsonNumber } from '../json-document/value.ts'
import type { Json, JsonObject } from '../json-document/value.ts'
import { compareDecimals } from './decimal.ts'

/**
 * The document as plain JavaScript values (what ajv and JSON.stringify take). `replace` may substitute any
 * object before it is converted; it is how schema documents are handed to ajv with some `$ref`s rewritten.
 */
export function toPlain(value: Json, replace?: (object: JsonObject) => JsonObject): unknown {
  if (value === null || typeof value !== 'object') return value
  if (value instanceof JsonNumber) return value.doubleValue()
  if (isJsonArray(value)) return value.map((item) => toPlain(item, replace))
  const object = replace?.(value) ?? value
  const plain: Record<string, unknown> = {}
  for (const [key, item] of object) {
    // A property named "__proto__" must stay a property, not become the object's prototype.
    Object.defineProperty(plain, key, { value: toPlain(item, replace), enumerable: true, writable: true, configurable: true })
  }
  return plain
}

/** JSON equality as JSON Schema defines it: numbers by value (1 equals 1.0), objects regardless of key order. */
export function jsonEquals(a: Json, b: Json): boolean {
  if (a instanceof JsonNumber || b instanceof JsonNumber) {
    return a instanceof JsonNumber && b instanceof JsonNumber && compareDecimals(a.text, b.text) === 0
  }
  if (isJsonArray(a) || isJsonArray(b)) {
    return isJsonArray(a) && isJsonArray(b) && a.length === b.length && a.every((item, i) => jsonEquals(item, b[i]))
  }
  if (isJsonObject(a) || isJsonObject(b)) {
    if (!isJsonObject(a) || !isJsonObject(b) || a.size !== b.size) return false
    for (const [key, item] of a) {
      const other = b.get(key)
      if (other === undefined || !jsonEquals(item, other)) return false
    }
    return true
  }
  return a === b
}
