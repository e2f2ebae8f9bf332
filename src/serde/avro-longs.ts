// Avro `long` in JavaScript, in two modes, each an avsc long type put in place of avsc's own.
// 'number': longs are JS numbers, exact over ±(2^53 - 1); a long beyond that is refused, never rounded.
//   avsc's built-in long is not used because it is not exact: it zig-zags in floating point, so a negative long
//   below -2^52 comes out with the wrong value, sign flipped, when written or read (-4503599627370499 is read
//   back as 4503599627370498). Ours does the same integer arithmetic for small values and splits the zig-zag
//   step for large ones so that no intermediate exceeds 2^53.
// 'bigint': every long is read as a bigint and written from a bigint or safe integer, exact over 64 bits.

import avsc from 'avsc'
import type { Type } from 'avsc'
import type { AvroSchema } from '../formats/avro/index.ts'
import { invalidSchema } from './errors.ts'

export type LongMode = 'number' | 'bigint'

/** avsc's cursor over a buffer (not in its typings). Writes past the end are dropped and leave `pos` past it,
 * which is how avsc detects a buffer too small; reads past it leave `pos` past it too. */
interface Tap {
  buf: Buffer
  pos: number
  writeLong(value: number): void
}

const SMALL = 2 ** 30

/** Throws the way avsc's own types do; our callers diagnose the value with `isValid`. */
const refuse = (value: unknown): never => {
  throw new Error(`invalid "long": ${typeof value === 'bigint' ? `${value}n` : String(value)}`)
}

class ExactNumberLong extends avsc.types.LongType {
  _check(value: unknown, _flags: unknown, hook?: (value: unknown, type: Type) => void): boolean {
    const valid = Number.isSafeInteger(value)
    if (!valid && hook !== undefined) hook(value, this)
    return valid
  }

  _write(tap: Tap, value: unknown): void {
    if (!Number.isSafeInteger(value)) refuse(value)
    const n = value as number
    if (n >= -SMALL && n < SMALL) return tap.writeLong(n)
    // Zig-zag is 2|n| for n >= 0 and 2|n| - 1 for n < 0. 2|n| is even and at most 2^54, so it is exact; the
    // odd 2|n| - 1 may not be, so the -1 is applied to the lowest 7-bit group instead, borrowing if need be.
    const doubled = (n < 0 ? -n : n) * 2
    let group = doubled % 128
    let rest = (doubled - group) / 128
    if (n < 0) {
      if (group === 0) {
        group = 127
        rest -= 1
      } else {
        group -= 1
      }
    }
    const buf = tap.buf
    let pos = tap.pos
    while (rest > 0) {
      buf[pos++] = group | 0x80
      group = rest % 128
      rest = (rest - group) / 128
    }
    buf[pos++] = group
    tap.pos = pos
  }

  _read(tap: Tap): number {
    const buf = tap.buf
    let pos = tap.pos
    let byte = buf[pos++]
    const negative = byte & 1
    // half = floor(zig-zag / 2): exact while it is below 2^53, and anything larger is refused below.
    let half = (byte & 0x7f) >>> 1
    let weight = 64
    while (byte & 0x80) {
      byte = buf[pos++]
      half += (byte & 0x7f) * weight
      weight *= 128
    }
    tap.pos = pos
    if (!(half <= (negative ? Number.MAX_SAFE_INTEGER - 1 : Number.MAX_SAFE_INTEGER))) {
      throw new Error('potential precision loss')
    }
    return negative ? -half - 1 : half
  }
}

const NUMBER_LONG = new ExactNumberLong()

/** avsc's hook for custom long representations: 8 bytes little-endian two's complement in and out. */
const BIGINT_LONG = avsc.types.LongType.__with({
  fromBuffer: (bytes: Buffer) => bytes.readBigInt64LE(),
  toBuffer: (value: bigint | number) => {
    const bytes = Buffer.allocUnsafe(8)
    bytes.writeBigInt64LE(BigInt(value))
    return bytes
  },
  fromJSON: (value: unknown) => BigInt(value as string),
  toJSON: (value: bigint) => Number(value),
  isValid: (value: unknown) => (typeof value === 'bigint' && BigInt.asIntN(64, value) === value) || Number.isSafeInteger(value),
  compare: (a: bigint, b: bigint) => (a === b ? 0 : a < b ? -1 : 1),
})

const isLong = (schema: unknown): boolean =>
  schema === 'long' || (typeof schema === 'object' && schema !== null && (schema as { type?: unknown }).type === 'long')

const types: Record<LongMode, WeakMap<AvroSchema, Type>> = { number: new WeakMap(), bigint: new WeakMap() }

/** The avsc Type of a schema with longs in `longs` mode, built once per schema (the client caches schemas by id). */
export function avscType(schema: AvroSchema, longs: LongMode): Type {
  let type = types[longs].get(schema)
  if (type === undefined) {
    const long = longs === 'number' ? NUMBER_LONG : BIGINT_LONG
    try {
      // Every `long`, in either spelling ("long" or {"type": "long", ...}), becomes the mode's long.
      type = avsc.Type.forSchema(JSON.parse(schema.resolved()) as Parameters<typeof avsc.Type.forSchema>[0], {
        typeHook: (node: unknown) => (isLong(node) ? long : undefined),
      })
    } catch (error) {
      throw invalidSchema(`avsc cannot represent the Avro schema: ${(error as Error).message}`, error)
    }
    types[longs].set(schema, type)
  }
  return type
}

/** Whether an integer (number or bigint) is a long beyond what 'number' mode holds exactly. */
export const isUnsafeLong = (value: unknown): boolean =>
  (typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value))) &&
  (value > Number.MAX_SAFE_INTEGER || value < -Number.MAX_SAFE_INTEGER)

/** Paths (`a.b[2]`) of the longs beyond 'number' mode's range in a value decoded in 'bigint' mode. */
export function unsafeLongPaths(value: unknown, path = ''): string[] {
  if (typeof value === 'bigint') return isUnsafeLong(value) ? [path || '(the value)'] : []
  if (Array.isArray(value)) return value.flatMap((item, i) => unsafeLongPaths(item, `${path}[${i}]`))
  if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) {
    return Object.entries(value).flatMap(([key, item]) => unsafeLongPaths(item, path === '' ? key : `${path}.${key}`))
  }
  return []
}
