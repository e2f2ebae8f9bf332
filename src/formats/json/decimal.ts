// Exact arithmetic on JSON number texts, for the keywords the compatibility check compares by value.
// Confluent compares `multipleOf` as exact decimals (0.5 equals 0.50) and JSON Schema defines 1 and 1.0 as the
// same value; binary doubles get neither right (0.1 * 3 !== 0.3), so numbers are compared as digits and exponent.

interface Decimal {
  readonly mantissa: bigint
  readonly exponent: number
}

const NUMBER = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/

// Scaling by 10^n costs O(n); beyond this gap the numbers differ by a factor no schema can mean, and a
// double comparison is exact enough and bounded in time.
const MAX_EXACT_SCALE = 1000

function toDecimal(text: string): Decimal | undefined {
  const match = NUMBER.exec(text)
  if (match === null) return undefined
  const fraction = match[3] ?? ''
  const mantissa = BigInt(`${match[1]}${match[2]}${fraction}`)
  return { mantissa, exponent: Number(match[4] ?? '0') - fraction.length }
}

/** Both numbers with one common exponent, or undefined when that would take an unreasonable scale. */
function align(a: Decimal, b: Decimal): [bigint, bigint] | undefined {
  const gap = Math.abs(a.exponent - b.exponent)
  if (gap > MAX_EXACT_SCALE) return undefined
  const scale = 10n ** BigInt(gap)
  return a.exponent >= b.exponent ? [a.mantissa * scale, b.mantissa] : [a.mantissa, b.mantissa * scale]
}

/** -1, 0 or 1 as the number written `a` is below, equal to or above the number written `b`. */
export function compareDecimals(a: string, b: string): number {
  const x = toDecimal(a)
  const y = toDecimal(b)
  const aligned = x !== undefined && y !== undefined ? align(x, y) : undefined
  if (aligned === undefined) return Math.sign(Number(a) - Number(b))
  const [m, n] = aligned
  return m < n ? -1 : m > n ? 1 : 0
}

/** Whether `a` is an integer multiple of `b` (b not zero), exactly. */
export function isMultipleOf(a: string, b: string): boolean {
  const x = toDecimal(a)
  const y = toDecimal(b)
  const aligned = x !== undefined && y !== undefined ? align(x, y) : undefined
  if (aligned === undefined) return Number.isInteger(Number(a) / Number(b))
  const [m, n] = aligned
  return n !== 0n && m % n === 0n
}
