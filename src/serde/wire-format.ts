// The Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the payload; for
// Protobuf the payload starts with the message-index list (zig-zag varints: the count, then each index, with
// the list `[0]` written as the single byte 0). Byte for byte what Confluent's serializers write and read
// (AbstractKafkaSchemaSerDe and MessageIndexes in confluentinc/schema-registry).

import { SerdeError } from './errors.ts'

export const MAGIC_BYTE = 0
/** Magic byte plus schema id. */
export const HEADER_SIZE = 5

const MAX_SCHEMA_ID = 0x7fffffff
/** A zig-zag varint of a 32-bit int takes at most 5 bytes. */
const MAX_VARINT_BYTES = 5

const shortBuffer = (length: number) =>
  new SerdeError(
    'SHORT_BUFFER',
    `short buffer: ${length} byte(s), but a Confluent wire-format message has at least ${HEADER_SIZE} (magic byte 0 and a 4-byte schema id)`,
  )

const badIndexes = (offset: number, detail: string) =>
  new SerdeError('BAD_MESSAGE_INDEXES', `bad Protobuf message-index list at byte ${offset}: ${detail}`)

/** Throws CONFIG for an id that does not fit Confluent's positive 32-bit ids. */
export function checkSchemaId(id: number): void {
  if (!Number.isInteger(id) || id < 0 || id > MAX_SCHEMA_ID) {
    throw new SerdeError('CONFIG', `schema id ${id} is not an integer in [0, ${MAX_SCHEMA_ID}]`)
  }
}

/** Writes the 5-byte header at `offset` of `target`; the id must have passed `checkSchemaId`. */
export function writeHeader(target: Uint8Array, id: number, offset = 0): void {
  target[offset] = MAGIC_BYTE
  target[offset + 1] = id >>> 24
  target[offset + 2] = (id >>> 16) & 0xff
  target[offset + 3] = (id >>> 8) & 0xff
  target[offset + 4] = id & 0xff
}

/** The schema id of a framed message. Throws SHORT_BUFFER or UNKNOWN_MAGIC_BYTE. */
export function readSchemaId(bytes: Uint8Array): number {
  if (bytes.length < HEADER_SIZE) throw shortBuffer(bytes.length)
  if (bytes[0] !== MAGIC_BYTE) {
    const hint = bytes[0] === 0x7b ? ' (0x7b is "{": plain JSON written without a schema registry serializer?)' : ''
    throw new SerdeError(
      'UNKNOWN_MAGIC_BYTE',
      `unknown magic byte 0x${bytes[0].toString(16).padStart(2, '0')} at byte 0: the Confluent wire format starts with 0${hint}`,
    )
  }
  // `|` makes it a signed 32-bit int, as Java's readInt does; registries hand out positive ids only.
  return (bytes[1] << 24) | (bytes[2] << 16) | (bytes[3] << 8) | bytes[4]
}

/** The Protobuf message-index list as it is written on the wire. Throws CONFIG for a negative or empty list. */
export function encodeMessageIndexes(indexes: readonly number[]): Buffer {
  const bytes: number[] = []
  for (const value of messageIndexVarints(indexes)) writeVarint(bytes, value)
  return Buffer.from(bytes)
}

/**
 * The unsigned values of the varints the message-index list is written as: the zig-zag count, then each index
 * zig-zagged (2n, indexes are never negative); or just 0 for `[0]`. A protobuf writer's uint32 of each value
 * writes the list. Throws CONFIG for a negative or empty list.
 */
export function messageIndexVarints(indexes: readonly number[]): number[] {
  if (indexes.length === 0) throw new SerdeError('CONFIG', 'message indexes are empty: a message has at least one index')
  for (const index of indexes) {
    if (!Number.isInteger(index) || index < 0 || index > MAX_SCHEMA_ID) {
      throw new SerdeError('CONFIG', `message index ${index} is not an integer in [0, ${MAX_SCHEMA_ID}]`)
    }
  }
  // The first message of a schema is by far the most common: Confluent writes it as one byte.
  if (indexes.length === 1 && indexes[0] === 0) return [0]
  return [indexes.length * 2, ...indexes.map((index) => index * 2)]
}

/** Reads the message-index list that starts at `offset`; `end` is where the Protobuf payload starts. */
export function decodeMessageIndexes(bytes: Uint8Array, offset: number): { indexes: number[]; end: number } {
  if (offset >= bytes.length) throw badIndexes(offset, 'the message ends before the list (it needs at least one byte)')
  const count = readZigZag(bytes, offset)
  let position = count.end
  if (count.value === 0) return { indexes: [0], end: position }
  if (count.value < 0) throw badIndexes(offset, `negative count ${count.value}`)
  // Every index takes at least one byte: a larger count cannot be honest, and must not allocate.
  if (count.value > bytes.length - position) {
    throw badIndexes(offset, `count ${count.value} but only ${bytes.length - position} byte(s) follow`)
  }
  const indexes: number[] = []
  for (let i = 0; i < count.value; i++) {
    const index = readZigZag(bytes, position)
    if (index.value < 0) throw badIndexes(position, `negative index ${index.value} at position ${i}`)
    indexes.push(index.value)
    position = index.end
  }
  return { indexes, end: position }
}

/** Frames a payload: header, then (for Protobuf) the message indexes, then the payload bytes. */
export function frame(id: number, payload: Uint8Array, messageIndexes?: readonly number[]): Buffer {
  checkSchemaId(id)
  const indexes = messageIndexes === undefined ? undefined : encodeMessageIndexes(messageIndexes)
  const prefix = HEADER_SIZE + (indexes?.length ?? 0)
  const out = Buffer.allocUnsafe(prefix + payload.length)
  writeHeader(out, id)
  if (indexes !== undefined) out.set(indexes, HEADER_SIZE)
  out.set(payload, prefix)
  return out
}

export interface Unframed {
  readonly id: number
  /** Present when the caller asked for Protobuf framing. */
  readonly messageIndexes?: number[]
  /** A view of the payload bytes (no copy). */
  readonly payload: Buffer
}

/** Splits a framed message into its parts; `protobuf` reads the message-index list too. */
export function unframe(bytes: Uint8Array, protobuf = false): Unframed {
  const id = readSchemaId(bytes)
  const buffer = asBuffer(bytes)
  if (!protobuf) return { id, payload: buffer.subarray(HEADER_SIZE) }
  const { indexes, end } = decodeMessageIndexes(buffer, HEADER_SIZE)
  return { id, messageIndexes: indexes, payload: buffer.subarray(end) }
}

/** A Buffer view of the bytes (no copy): avsc and Buffer's readers need one. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

function writeVarint(out: number[], value: number): void {
  let rest = value
  while (rest > 0x7f) {
    out.push((rest & 0x7f) | 0x80)
    rest = Math.floor(rest / 128)
  }
  out.push(rest)
}

function readZigZag(bytes: Uint8Array, offset: number): { value: number; end: number } {
  let encoded = 0
  for (let i = 0; i < MAX_VARINT_BYTES; i++) {
    const position = offset + i
    if (position >= bytes.length) throw badIndexes(offset, 'a varint is cut off by the end of the message')
    const byte = bytes[position]
    encoded |= (byte & 0x7f) << (7 * i)
    if ((byte & 0x80) === 0) return { value: (encoded >>> 1) ^ -(encoded & 1), end: position + 1 }
  }
  throw badIndexes(offset, `a varint is longer than ${MAX_VARINT_BYTES} bytes`)
}
