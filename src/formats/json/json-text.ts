// Reads and writes JSON Schema documents keeping key order and number spelling, as Confluent stores them.
// Confluent's canonical JSON Schema text is Jackson's compact rendering of the document it read: keys stay in
// document order (a repeated key keeps its first position and its last value), numbers keep their digits (`1.0`
// and `0.50` survive, JSON.parse would lose both), and only `"`, `\` and control characters are escaped.

import { invalidSchema } from '../../errors.ts'
import { compareDecimals } from './decimal.ts'

/** A JSON number, kept as written so that writing it back gives the same text. */
export class JsonNumber {
  constructor(readonly text: string) {}

  get value(): number {
    return Number(this.text)
  }
}

export type JsonObject = ReadonlyMap<string, Json>
export type Json = null | boolean | string | JsonNumber | readonly Json[] | JsonObject

export const isJsonObject = (value: Json | undefined): value is JsonObject => value instanceof Map
export const isJsonArray = (value: Json | undefined): value is readonly Json[] => Array.isArray(value)

/**
 * Parses one strict JSON document. Throws 42201 naming line and column for a syntax error or trailing content,
 * and for containers nested deeper than `maxDepth`; `label` (which document this is) prefixes the message.
 */
export function readJson(text: string, maxDepth: number, label?: string): Json {
  return new JsonReader(text, maxDepth, label).document()
}

/** Compact JSON text; `sortKeys` orders every object's keys by UTF-16 code units (Jackson's sorted-map order). */
export function writeJson(value: Json, sortKeys = false): string {
  if (value === null) return 'null'
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'string') return quote(value)
  if (value instanceof JsonNumber) return value.text
  if (isJsonArray(value)) return `[${value.map((item) => writeJson(item, sortKeys)).join(',')}]`
  const keys = [...value.keys()]
  if (sortKeys) keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${keys.map((key) => `${quote(key)}:${writeJson(value.get(key) as Json, sortKeys)}`).join(',')}}`
}

/**
 * The document as plain JavaScript values (what ajv and JSON.stringify take). `replace` may substitute any
 * object before it is converted; it is how schema documents are handed to ajv with some `$ref`s rewritten.
 */
export function toPlain(value: Json, replace?: (object: JsonObject) => JsonObject): unknown {
  if (value === null || typeof value !== 'object') return value
  if (value instanceof JsonNumber) return value.value
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

/** A JSON string literal escaped as Jackson does: `"`, `\`, and control characters (upper-case hex). */
function quote(text: string): string {
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

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }

class JsonReader {
  private pos = 0
  private depth = 0

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
    private readonly label: string | undefined,
  ) {}

  document(): Json {
    this.skipBlank()
    const value = this.value()
    this.skipBlank()
    if (this.pos < this.text.length) this.fail('unexpected content after the document')
    return value
  }

  private value(): Json {
    const c = this.text[this.pos]
    if (c === '{') return this.object()
    if (c === '[') return this.array()
    if (c === '"') return this.string()
    if (c === '-' || (c >= '0' && c <= '9')) return this.number()
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length
        return value
      }
    }
    return this.fail(c === undefined ? 'unexpected end of input' : `unexpected character '${c}'`)
  }

  private object(): JsonObject {
    this.enter()
    const result = new Map<string, Json>()
    this.skipBlank()
    if (this.text[this.pos] === '}') {
      this.pos++
    } else {
      for (;;) {
        if (this.text[this.pos] !== '"') this.fail('expected a quoted key')
        const key = this.string()
        this.skipBlank()
        this.expect(':')
        this.skipBlank()
        result.set(key, this.value())
        this.skipBlank()
        if (this.text[this.pos] !== ',') break
        this.pos++
        this.skipBlank()
      }
      this.expect('}')
    }
    this.depth--
    return result
  }

  private array(): Json[] {
    this.enter()
    const result: Json[] = []
    this.skipBlank()
    if (this.text[this.pos] === ']') {
      this.pos++
    } else {
      for (;;) {
        result.push(this.value())
        this.skipBlank()
        if (this.text[this.pos] !== ',') break
        this.pos++
        this.skipBlank()
      }
      this.expect(']')
    }
    this.depth--
    return result
  }

  private enter(): void {
    if (++this.depth > this.maxDepth) this.fail(`the document is nested deeper than the limit of ${this.maxDepth}`)
    this.pos++
  }

  private string(): string {
    let out = ''
    let start = ++this.pos
    for (;;) {
      const c = this.text[this.pos]
      if (c === undefined) this.fail('unterminated string')
      if (c === '"') break
      if (c < ' ') this.fail('unescaped control character in string')
      if (c !== '\\') {
        this.pos++
        continue
      }
      out += this.text.slice(start, this.pos)
      const e = this.text[this.pos + 1]
      if (e === 'u') {
        const hex = this.text.slice(this.pos + 2, this.pos + 6)
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid \\u escape')
        out += String.fromCharCode(parseInt(hex, 16))
        this.pos += 6
      } else {
        const replacement = e === undefined ? undefined : ESCAPES[e]
        if (replacement === undefined) this.fail(`invalid escape '\\${e ?? ''}'`)
        out += replacement
        this.pos += 2
      }
      start = this.pos
    }
    out += this.text.slice(start, this.pos)
    this.pos++
    return out
  }

  private number(): JsonNumber {
    NUMBER.lastIndex = this.pos
    const match = NUMBER.exec(this.text)
    if (match === null) return this.fail('invalid number')
    this.pos += match[0].length
    return new JsonNumber(match[0])
  }

  private skipBlank(): void {
    for (;;) {
      const c = this.text[this.pos]
      if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') return
      this.pos++
    }
  }

  private expect(c: string): void {
    if (this.text[this.pos] !== c) this.fail(this.pos >= this.text.length ? 'unexpected end of input' : `expected '${c}'`)
    this.pos++
  }

  private fail(what: string): never {
    const before = this.text.slice(0, this.pos)
    const line = before.split('\n').length
    const column = this.pos - before.lastIndexOf('\n')
    const prefix = this.label === undefined ? '' : `${this.label}, `
    throw invalidSchema(`${prefix}invalid JSON at line ${line}, column ${column}: ${what}`)
  }
}
