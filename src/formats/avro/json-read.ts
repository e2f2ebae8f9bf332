// Reads schema JSON the way Avro Java's Jackson parser does, keeping what JSON.parse would lose.
// Confluent stores Avro Java's re-rendering of the parsed document, so we must know what Jackson saw: whether a
// number was written as an integer (IntNode, printed back as digits) or not (DoubleNode, printed back as a Java
// double, so `1.50` becomes `1.5` and `1e2` becomes `100.0`), and that a repeated key keeps its first position
// with its last value. Avro enables Jackson's ALLOW_COMMENTS, so `//` and `/* */` comments are accepted too.

import { invalidSchema } from '../../errors.ts'

/** A JSON number written without fraction or exponent (Jackson IntNode / LongNode / BigIntegerNode). */
export class JsonInteger {
  constructor(readonly value: bigint) {}
}

/** A JSON number written with a fraction or an exponent (Jackson DoubleNode). */
export class JsonFloat {
  constructor(readonly value: number) {}
}

export type JsonObject = ReadonlyMap<string, Json>
export type Json = null | boolean | string | JsonInteger | JsonFloat | readonly Json[] | JsonObject

export const isJsonObject = (value: Json | undefined): value is JsonObject => value instanceof Map
export const isJsonArray = (value: Json | undefined): value is readonly Json[] => Array.isArray(value)
export const isJsonNumber = (value: Json | undefined): value is JsonInteger | JsonFloat =>
  value instanceof JsonInteger || value instanceof JsonFloat

/** Text of a JSON string value, undefined for anything else (Jackson's `textValue()`). */
export const textOf = (value: Json | undefined): string | undefined => (typeof value === 'string' ? value : undefined)

/**
 * Parses one JSON document. Throws 42201 naming line and column for a syntax error, for trailing content, and
 * for containers nested deeper than `maxDepth`; `label` (which document this is) prefixes the message.
 */
export function readJson(text: string, maxDepth: number, label?: string): Json {
  return new JsonReader(text, maxDepth, label).document()
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y
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
    // Avro rejects "dangling content" (what Java's trim() leaves after the document); Jackson has not consumed a
    // trailing comment either, so only characters up to U+0020 may follow.
    while (this.pos < this.text.length && this.text.charCodeAt(this.pos) <= 0x20) this.pos++
    if (this.pos < this.text.length) this.fail('unexpected content after the schema')
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
        if (this.text[this.pos] === ',') {
          this.pos++
          this.skipBlank()
        } else {
          this.expect('}')
          break
        }
      }
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
        if (this.text[this.pos] === ',') {
          this.pos++
          this.skipBlank()
        } else {
          this.expect(']')
          break
        }
      }
    }
    this.depth--
    return result
  }

  private enter(): void {
    if (++this.depth > this.maxDepth) this.fail(`schema nesting is deeper than the limit of ${this.maxDepth}`)
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

  private number(): JsonInteger | JsonFloat {
    NUMBER.lastIndex = this.pos
    const match = NUMBER.exec(this.text)
    if (match === null) return this.fail('invalid number')
    this.pos += match[0].length
    return match[1] === undefined && match[2] === undefined
      ? new JsonInteger(BigInt(match[0]))
      : new JsonFloat(Number(match[0]))
  }

  private skipBlank(): void {
    for (;;) {
      const c = this.text[this.pos]
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
        this.pos++
      } else if (c === '/' && this.text[this.pos + 1] === '/') {
        const end = this.text.indexOf('\n', this.pos)
        this.pos = end < 0 ? this.text.length : end + 1
      } else if (c === '/' && this.text[this.pos + 1] === '*') {
        const end = this.text.indexOf('*/', this.pos + 2)
        if (end < 0) this.fail('unterminated comment')
        this.pos = end + 2
      } else {
        return
      }
    }
  }

  private expect(c: string): void {
    if (this.text[this.pos] !== c) {
      this.fail(this.pos >= this.text.length ? 'unexpected end of input' : `expected '${c}'`)
    }
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
