// A cursor over the tokens of one .proto source, with the small reads the parsers share (names, numbers,
// strings, expected symbols) and the nesting guard. Every failure is a 42201 naming the line.

import { syntaxError, tokenize } from './tokenizer.ts'
import type { Token } from './tokenizer.ts'

export class TokenStream {
  private pos = 0
  private depth = 0
  private readonly tokens: Token[]

  constructor(
    source: string,
    private readonly maxDepth: number,
  ) {
    this.tokens = tokenize(source)
  }

  atEnd(): boolean {
    return this.pos >= this.tokens.length
  }

  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset]
  }

  /** The line of the next token, or of the last one at the end of the source. */
  get line(): number {
    return (this.tokens[this.pos] ?? this.tokens[this.tokens.length - 1])?.line ?? 1
  }

  /** True when the next token is the symbol or keyword `text` (not a string with that content). */
  isNext(text: string, offset = 0): boolean {
    const token = this.peek(offset)
    return token !== undefined && token.kind !== 'string' && token.text === text
  }

  accept(text: string): boolean {
    if (!this.isNext(text)) return false
    this.pos++
    return true
  }

  /** Consumes the `}` closing a block; true when it came. Running out of tokens first is an error. */
  closes(): boolean {
    if (this.atEnd()) throw this.error("expected '}' but reached the end of the schema")
    return this.accept('}')
  }

  next(what: string): Token {
    const token = this.tokens[this.pos]
    if (token === undefined) throw this.error(`expected ${what} but reached the end of the schema`)
    this.pos++
    return token
  }

  expect(text: string): void {
    const token = this.next(`'${text}'`)
    if (token.kind === 'string' || token.text !== text) throw syntaxError(token.line, `expected '${text}' but found ${describe(token)}`)
  }

  ident(what: string): string {
    const token = this.next(what)
    if (token.kind !== 'ident') throw syntaxError(token.line, `expected ${what} but found ${describe(token)}`)
    return token.text
  }

  /** `a.b.c` */
  fullIdent(what: string): string {
    let name = this.ident(what)
    while (this.isNext('.') && this.peek(1)?.kind === 'ident') {
      this.pos++
      name += '.' + this.ident(what)
    }
    return name
  }

  /** A type reference, optionally fully qualified with a leading dot. */
  typeName(what: string): string {
    return this.accept('.') ? '.' + this.fullIdent(what) : this.fullIdent(what)
  }

  /** A decimal, hex or octal integer, optionally negative. */
  integer(what: string): number {
    const negative = this.accept('-')
    const token = this.next(what)
    const value = token.kind === 'number' ? parseInteger(token.text) : undefined
    if (value === undefined) throw syntaxError(token.line, `expected ${what} but found ${describe(token)}`)
    return negative ? -value : value
  }

  /** A string literal; adjacent literals are joined, as protoc and Wire do. */
  string(what: string): string {
    const first = this.next(what)
    if (first.kind !== 'string') throw syntaxError(first.line, `expected ${what} but found ${describe(first)}`)
    let value = first.text
    while (this.peek()?.kind === 'string') value += this.next(what).text
    return value
  }

  /** Enters one level of nesting (a message or an option aggregate); deeper than maxDepth is rejected. */
  enter(): void {
    if (++this.depth > this.maxDepth) throw this.error(`nesting is deeper than the limit of ${this.maxDepth}`)
  }

  leave(): void {
    this.depth--
  }

  error(reason: string): Error {
    return syntaxError(this.line, reason)
  }
}

export function describe(token: Token): string {
  return token.kind === 'string' ? `string "${token.text}"` : `'${token.text}'`
}

function parseInteger(text: string): number | undefined {
  let value: number
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) value = parseInt(text.slice(2), 16)
  else if (/^0[0-7]+$/.test(text)) value = parseInt(text.slice(1), 8)
  else if (/^(0|[1-9][0-9]*)$/.test(text)) value = Number(text)
  else return undefined
  return Number.isSafeInteger(value) ? value : undefined
}
