// Splits .proto source into tokens with their line numbers, dropping comments and whitespace.
// Strings are decoded here (escapes as protoc reads them); numbers keep their spelling, including the forms only
// the text format allows inside option aggregates (`10f`, `1.5e-3`), because Confluent's canonical text prints
// option numbers exactly as written.

import { invalidSchema } from '../../errors.ts'

export type TokenKind = 'ident' | 'number' | 'string' | 'symbol'

export interface Token {
  readonly kind: TokenKind
  /** The source spelling (for a string token, the decoded value). */
  readonly text: string
  readonly line: number
}

const SYMBOLS = new Set(['{', '}', '[', ']', '(', ')', '<', '>', ';', ',', '=', '.', ':', '-', '+', '/'])

const isIdentStart = (c: string): boolean => /[A-Za-z_]/.test(c)
const isIdentPart = (c: string): boolean => /[A-Za-z0-9_]/.test(c)
const isDigit = (c: string): boolean => c >= '0' && c <= '9'

/** Throws a 42201 naming the line, the shape every syntax error of this format has. */
export const syntaxError = (line: number, reason: string): Error => invalidSchema(`line ${line}: ${reason}`)

export function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let pos = 0
  let line = 1
  const peek = (offset = 0): string => source.charAt(pos + offset)

  while (pos < source.length) {
    const c = peek()
    if (c === '\n') {
      line++
      pos++
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\ufeff') {
      pos++
    } else if (c === '/' && peek(1) === '/') {
      while (pos < source.length && peek() !== '\n') pos++
    } else if (c === '/' && peek(1) === '*') {
      const start = line
      pos += 2
      while (pos < source.length && !(peek() === '*' && peek(1) === '/')) {
        if (peek() === '\n') line++
        pos++
      }
      if (pos >= source.length) throw syntaxError(start, 'unterminated comment')
      pos += 2
    } else if (isIdentStart(c)) {
      const start = pos
      while (pos < source.length && isIdentPart(peek())) pos++
      tokens.push({ kind: 'ident', text: source.slice(start, pos), line })
    } else if (isDigit(c) || (c === '.' && isDigit(peek(1)))) {
      const start = pos
      while (pos < source.length) {
        const d = peek()
        const exponentSign = (d === '-' || d === '+') && /[eE]/.test(source.charAt(pos - 1)) && !/^0[xX]/.test(source.slice(start, pos))
        if (!(isIdentPart(d) || d === '.' || exponentSign)) break
        pos++
      }
      tokens.push({ kind: 'number', text: source.slice(start, pos), line })
    } else if (c === '"' || c === "'") {
      const [value, end] = readString(source, pos, line)
      tokens.push({ kind: 'string', text: value, line })
      pos = end
    } else if (SYMBOLS.has(c)) {
      tokens.push({ kind: 'symbol', text: c, line })
      pos++
    } else {
      throw syntaxError(line, `illegal character '${c}'`)
    }
  }
  return tokens
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?',
}

/** Reads the quoted string at `start` (strings never span lines): [decoded value, position after the closing quote]. */
function readString(source: string, start: number, line: number): [string, number] {
  const quote = source.charAt(start)
  let pos = start + 1
  let value = ''
  while (pos < source.length) {
    const c = source.charAt(pos)
    if (c === quote) return [value, pos + 1]
    if (c === '\n') throw syntaxError(line, 'unterminated string')
    if (c !== '\\') {
      value += c
      pos++
      continue
    }
    const e = source.charAt(pos + 1)
    if (e in SIMPLE_ESCAPES) {
      value += SIMPLE_ESCAPES[e]
      pos += 2
    } else if (e === 'x' || e === 'X') {
      const hex = /^[0-9a-fA-F]{1,2}/.exec(source.slice(pos + 2))
      if (hex === null) throw syntaxError(line, `invalid escape '\\${e}' in string`)
      value += String.fromCharCode(parseInt(hex[0], 16))
      pos += 2 + hex[0].length
    } else if (e >= '0' && e <= '7') {
      const oct = /^[0-7]{1,3}/.exec(source.slice(pos + 1))
      value += String.fromCharCode(parseInt((oct as RegExpExecArray)[0], 8))
      pos += 1 + (oct as RegExpExecArray)[0].length
    } else if (e === 'u' || e === 'U') {
      const digits = e === 'u' ? 4 : 8
      const hex = source.slice(pos + 2, pos + 2 + digits)
      const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === digits ? parseInt(hex, 16) : NaN
      if (!(code <= 0x10ffff)) throw syntaxError(line, `invalid escape '\\${e}${hex}' in string`)
      value += String.fromCodePoint(code)
      pos += 2 + digits
    } else {
      throw syntaxError(line, `invalid escape '\\${e}' in string`)
    }
  }
  throw syntaxError(line, 'unterminated string')
}
