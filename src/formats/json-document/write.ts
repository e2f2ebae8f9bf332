// Writes the shared document model as compact JSON text, escaped as Jackson's generator escapes it.
// The registry hashes and returns this text, so it must equal what Confluent stores: Jackson escapes only `"`,
// `\` and control characters, the latter with upper-case hex; everything else, non-ASCII included, is written as is.

import { isJsonArray, JsonNumber } from './value.ts'
import type { Json } from './value.ts'

export interface WriteOptions {
  /** Order every object's keys by UTF-16 code units (Jackson's sorted-map order) instead of document order. */
  readonly sortKeys?: boolean
  /** How a number is written; as it was spelled unless told (Avro re-renders numbers as Java prints them). */
  readonly number?: (value: JsonNumber) => string
}

/** Compact JSON text of a document: no whitespace, keys in document order unless sorted. */
export function writeJson(value: Json, options: WriteOptions = {}): string {
  if (value === null) return 'null'
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'string') return quote(value)
  if (value instanceof JsonNumber) return options.number?.(value) ?? value.text
  if (isJsonArray(value)) return `[${value.map((item) => writeJson(item, options)).join(',')}]`
  const keys = [...value.keys()]
  if (options.sortKeys === true) keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${keys.map((key) => `${quote(key)}:${writeJson(value.get(key) as Json, options)}`).join(',')}}`
}

/** A JSON string literal escaped as Jackson escapes it. */
export function quote(text: string): string {
  let out = '"'
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0x20 && code !== 0x22 && code !== 0x5c) continue
    out += text.slice(start, i) + escape(code)
    start = i + 1
  }
  return `${out}${text.slice(start)}"`
}

const SHORT_ESCAPES: Record<number, string> = { 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r' }

function escape(code: number): string {
  if (code === 0x22) return '\\"'
  if (code === 0x5c) return '\\\\'
  return SHORT_ESCAPES[code] ?? `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`
}
