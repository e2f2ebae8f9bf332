// Writes JSON text byte for byte as Avro Java's Jackson generator does.
// The registry hashes and returns this text, so it must equal what Confluent stores: Jackson escapes only `"`,
// `\` and control characters (with upper-case hex), and prints floating-point numbers with Java's
// Double.toString / Float.toString (shortest digits; plain notation in [1e-3, 1e7), otherwise `d.dddE<n>`;
// NaN and the infinities as quoted strings, Jackson's QUOTE_NON_NUMERIC_NUMBERS default).

import { isJsonArray, isJsonObject, JsonFloat, JsonInteger } from './json-read.ts'
import type { Json } from './json-read.ts'

const SHORT_ESCAPES: Record<string, string> = { '\b': 'b', '\t': 't', '\n': 'n', '\f': 'f', '\r': 'r' }

/** A JSON string literal with Jackson's escaping. */
export function quote(text: string): string {
  let out = '"'
  for (const c of text) {
    if (c === '"' || c === '\\') out += `\\${c}`
    else if (c >= ' ') out += c
    else out += SHORT_ESCAPES[c] ? `\\${SHORT_ESCAPES[c]}` : `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
  }
  return `${out}"`
}

/** Compact JSON text of a parsed value, keys in their stored order. */
export function writeJson(value: Json): string {
  if (value === null) return 'null'
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'string') return quote(value)
  if (value instanceof JsonInteger) return value.value.toString()
  if (value instanceof JsonFloat) return javaDouble(value.value)
  if (isJsonArray(value)) return `[${value.map(writeJson).join(',')}]`
  if (isJsonObject(value)) {
    const members: string[] = []
    for (const [key, member] of value) members.push(`${quote(key)}:${writeJson(member)}`)
    return `{${members.join(',')}}`
  }
  throw new TypeError('not a JSON value')
}

/** Java's Double.toString, as Jackson writes a double (non-finite values quoted). */
export function javaDouble(x: number): string {
  return Number.isFinite(x) ? javaDecimal(x, Math.abs(x).toExponential()) : quote(String(x))
}

/** Java's Float.toString of Math.fround(x): the fewest digits that read back as the same float. */
export function javaFloat(x: number): string {
  const f = Math.fround(x)
  if (!Number.isFinite(f)) return quote(String(f))
  for (let digits = 1; digits < 9; digits++) {
    const candidate = Math.abs(f).toExponential(digits - 1)
    if (Math.fround(Number(candidate)) === Math.abs(f)) return javaDecimal(f, candidate)
  }
  return javaDecimal(f, Math.abs(f).toExponential(8))
}

/** Formats `x` in Java's style from the digits of |x| as `toExponential` gave them (`d.ddde±n`). */
function javaDecimal(x: number, exponential: string): string {
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0'
  const [mantissa, exponentText] = exponential.split('e')
  const digits = mantissa.replace('.', '')
  const exponent = Number(exponentText)
  const sign = x < 0 ? '-' : ''
  const magnitude = Math.abs(x)
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0')
    return `${sign}${whole}.${digits.slice(exponent + 1) || '0'}`
  }
  return `${sign}${digits[0]}.${digits.slice(1) || '0'}E${exponent}`
}
