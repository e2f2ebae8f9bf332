// Writes JSON text byte for byte as Avro Java's Jackson generator does: Java's number formatting.
// The registry hashes and returns this text, so it must equal what Confluent stores. Avro Java holds a number
// written as an integer as an IntNode (printed back as digits) and any other as a DoubleNode, printed with Java's
// Double.toString (shortest digits; plain notation in [1e-3, 1e7), otherwise `d.dddE<n>`; NaN and the
// infinities as quoted strings, Jackson's QUOTE_NON_NUMERIC_NUMBERS default), so `1.50` becomes `1.5` and `1e2`
// becomes `100.0`. Normalized text writes the default of a float field with Float.toString instead.

import { integerOf } from '../json-document/value.ts'
import type { Json, JsonNumber } from '../json-document/value.ts'
import { quote, writeJson } from '../json-document/write.ts'

/** Compact JSON text of a value Avro Java read, keys in their stored order, numbers as Jackson prints them. */
export const writeJackson = (value: Json): string => writeJson(value, { number: jacksonNumber })

const jacksonNumber = (value: JsonNumber): string => integerOf(value)?.toString() ?? javaDouble(value.doubleValue())

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
