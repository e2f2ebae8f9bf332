// Reads JSON text into the shared document model, failing with 42201 errors that name line and column.
// Strict JSON unless `comments` is set: Avro Java enables Jackson's ALLOW_COMMENTS, so Avro schemas may carry
// `//` and `/* */` comments wherever whitespace may stand; JSON Schema's ObjectMapper does not.

import type { ApiError } from '../../errors.ts'
import { invalidSchema } from '../../errors.ts'
import { JsonNumber } from './value.ts'
import type { Json, JsonObject } from './value.ts'

export interface ReadOptions {
  /** Deepest container nesting accepted; one level deeper is a 42201. */
  readonly maxDepth: number
  /** Which document this is (a reference, say), prefixed to every message; none for the schema itself. */
  readonly label?: string
  /** Accept `//` and `/* *\/` comments between tokens (Jackson's ALLOW_COMMENTS). */
  readonly comments?: boolean
  /** The message for nesting deeper than `maxDepth`; each format keeps the words its clients have seen. */
  readonly tooDeep?: (maxDepth: number) => string
}

/**
 * Reads a text that holds one JSON document and nothing after it but whitespace (and comments, if allowed).
 * Throws 42201 naming line and column for a syntax error, trailing content, or nesting deeper than `maxDepth`.
 */
export function readJson(text: string, options: ReadOptions): Json {
  const reader = new JsonReader(text, options)
  const value = reader.document()
  reader.end()
  return value
}

/**
 * Reads the JSON document the text starts with and returns it with the offset just past it, leaving the rest to a
 * caller with its own rule (Avro Java's check for "dangling content"). Throws as `readJson` does.
 */
export function readJsonPrefix(text: string, options: ReadOptions): { value: Json; end: number } {
  const reader = new JsonReader(text, options)
  return { value: reader.document(), end: reader.offset }
}

/** The 42201 for `what` is wrong at `offset` of `text`, naming line and column (both from 1). */
export function invalidJson(text: string, offset: number, what: string, label?: string): ApiError {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const column = offset - before.lastIndexOf('\n')
  const prefix = label === undefined ? '' : `${label}, `
  return invalidSchema(`${prefix}invalid JSON at line ${line}, column ${column}: ${what}`)
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }
const TOO_DEEP = (maxDepth: number) => `the document is nested deeper than the limit of ${maxDepth}`

class JsonReader {
  private pos = 0
  private depth = 0

  constructor(
    private readonly text: string,
    private readonly options: ReadOptions,
  ) {}

  get offset(): number {
    return this.pos
  }

  document(): Json {
    this.skipBlank()
    return this.value()
  }

  end(): void {
    this.skipBlank()
    if (this.pos < this.text.length) this.fail('unexpected content after the document')
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
    const { maxDepth, tooDeep = TOO_DEEP } = this.options
    if (++this.depth > maxDepth) this.fail(tooDeep(maxDepth))
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
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
        this.pos++
      } else if (c === '/' && this.options.comments === true && this.text[this.pos + 1] === '/') {
        const end = this.text.indexOf('\n', this.pos)
        this.pos = end < 0 ? this.text.length : end + 1
      } else if (c === '/' && this.options.comments === true && this.text[this.pos + 1] === '*') {
        const end = this.text.indexOf('*/', this.pos + 2)
        if (end < 0) this.fail('unterminated comment')
        this.pos = end + 2
      } else {
        return
      }
    }
  }

  private expect(c: string): void {
    if (this.text[this.pos] !== c) this.fail(this.pos >= this.text.length ? 'unexpected end of input' : `expected '${c}'`)
    this.pos++
  }

  private fail(what: string): never {
    throw invalidJson(this.text, this.pos, what, this.options.label)
  }
}
