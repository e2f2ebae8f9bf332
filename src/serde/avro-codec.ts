// Avro payloads behind the 5-byte header, with avsc. Encoding writes header and payload into one reused
// scratch buffer and copies out once (what avsc's own toBuffer does for the payload alone), so framing costs
// no extra allocation. Errors are diagnosed only when they happen: the fast path validates nothing twice.

import type { Resolver, Type } from 'avsc'
import type { AvroSchema } from '../formats/avro/index.ts'
import { avscType, isUnsafeLong, unsafeLongPaths } from './avro-longs.ts'
import type { LongMode } from './avro-longs.ts'
import { invalidPayload, invalidValue, longPrecision } from './errors.ts'
import { HEADER_SIZE, writeHeader } from './wire-format.ts'

/** Scratch buffers up to this size are kept for the next message; a larger message gets its own buffer. */
const MAX_SCRATCH = 1 << 20
let scratch = Buffer.allocUnsafeSlow(64 * 1024)

/** Frames `value` encoded with `type` under schema `id`. Throws INVALID_VALUE or LONG_PRECISION. */
export function encodeAvro(type: Type, id: number, value: unknown, longs: LongMode): Buffer {
  let end: number
  try {
    end = type.encode(value, scratch, HEADER_SIZE)
    if (end < 0) {
      // avsc reports how far past the end it would have written: grow to fit and encode again.
      const needed = scratch.length - end
      if (needed > MAX_SCRATCH) return encodeAlone(type, id, value, needed)
      scratch = Buffer.allocUnsafeSlow(Math.min(MAX_SCRATCH, Math.max(needed, scratch.length * 2)))
      end = type.encode(value, scratch, HEADER_SIZE)
    }
  } catch (error) {
    throw describeWriteError(type, value, longs, error)
  }
  writeHeader(scratch, id)
  const out = Buffer.allocUnsafe(end)
  scratch.copy(out, 0, 0, end)
  return out
}

function encodeAlone(type: Type, id: number, value: unknown, size: number): Buffer {
  const out = Buffer.allocUnsafe(size)
  type.encode(value, out, HEADER_SIZE)
  writeHeader(out, id)
  return out
}

/** A decoder of one writer schema, optionally into a different reader schema. */
export interface AvroReader {
  readonly type: Type
  readonly resolver: Resolver | undefined
  /** The writer schema, to name the fields of an error in 'number' mode. */
  readonly writer: AvroSchema
  readonly longs: LongMode
}

/** The value of a framed Avro payload (the header already checked). Throws INVALID_PAYLOAD or LONG_PRECISION. */
export function decodeAvro(reader: AvroReader, bytes: Buffer, id: number): unknown {
  let decoded: { value: unknown; offset: number }
  try {
    decoded = reader.type.decode(bytes, HEADER_SIZE, reader.resolver)
  } catch (error) {
    throw describeReadError(reader, bytes, id, error)
  }
  if (decoded.offset < 0) throw invalidPayload(`the Avro payload of schema id ${id} is truncated (${bytes.length - HEADER_SIZE} byte(s))`)
  if (decoded.offset !== bytes.length) {
    throw invalidPayload(`${bytes.length - decoded.offset} byte(s) follow the Avro payload of schema id ${id}: is the id the writer's?`)
  }
  return decoded.value
}

function describeWriteError(type: Type, value: unknown, longs: LongMode, error: unknown): Error {
  const problems: string[] = []
  let unsafeLong: string | undefined
  type.isValid(value, {
    errorHook: (path: string[], found: unknown, expected: Type) => {
      const where = path.length === 0 ? 'the value' : `field '${path.join('.')}'`
      if (longs === 'number' && expected.typeName === 'long' && isUnsafeLong(found)) unsafeLong ??= `${where} (${show(found)})`
      problems.push(`${where} expects ${describeType(expected)}, got ${show(found)}`)
    },
  })
  if (unsafeLong !== undefined) {
    return longPrecision(
      `${unsafeLong}: an Avro long beyond ±(2^53 - 1) cannot be written exactly from a JS number; use the option longs: 'bigint'`,
    )
  }
  const detail = problems.length > 0 ? problems.join('; ') : (error as Error).message
  return invalidValue(`the value does not match the Avro schema: ${detail}`, error)
}

function describeReadError(reader: AvroReader, bytes: Buffer, id: number, error: unknown): Error {
  const message = (error as Error).message
  if (reader.longs === 'number' && message === 'potential precision loss') {
    // Decode again with bigints to say which field it was; this runs only on the error path.
    const paths = unsafeLongPathsOf(reader.writer, bytes)
    return longPrecision(
      `${paths.length > 0 ? `field '${paths.join("', '")}'` : 'a long'} of the payload (schema id ${id}) is beyond ±(2^53 - 1) ` +
        `and cannot be read exactly as a JS number; use the option longs: 'bigint'`,
    )
  }
  return invalidPayload(`the Avro payload of schema id ${id} does not decode: ${message}`, error)
}

function unsafeLongPathsOf(writer: AvroSchema, bytes: Buffer): string[] {
  try {
    return unsafeLongPaths(avscType(writer, 'bigint').decode(bytes, HEADER_SIZE).value)
  } catch {
    return []
  }
}

function describeType(type: Type): string {
  return type.name ?? type.typeName
}

function show(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`
  if (value === undefined) return 'undefined (missing)'
  try {
    const text = JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? `${item}n` : item))
    return text.length > 80 ? `${text.slice(0, 77)}...` : text
  } catch {
    return String(value)
  }
}
