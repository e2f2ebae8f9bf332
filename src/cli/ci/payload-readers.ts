// Reads payload files record by record, streaming: JSON lines line by line through readline, length-prefixed
// binary chunk by chunk, so memory stays flat however large the file. A `.json` file is one record, read whole.

import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'

/** How payload files encode their records. json and avro-json differ only in how a value is read (see
 * avro-values.ts); binary files hold one Confluent wire-format record each, length-prefixed files many. */
export type PayloadEncoding = 'json' | 'avro-json' | 'binary' | 'length-prefixed'

export type PayloadRecord =
  /** A JSON text and its 1-based line (1 for a whole `.json` file). */
  | { readonly kind: 'text'; readonly line: number; readonly text: string }
  /** Wire-format bytes; `index` is 1-based in a length-prefixed file and absent for a one-record file.
   * `broken` says why the framing around the record is unreadable (a truncated length or body). */
  | { readonly kind: 'bytes'; readonly index?: number; readonly bytes: Buffer; readonly broken?: string }

/** Extensions of files that hold one JSON document; any other file is read as JSON lines. */
const WHOLE_JSON = new Set(['.json'])

/** The records of `file` in order; `onBytes` hears how many bytes were read, for a progress bar. */
export async function* readRecords(file: string, encoding: PayloadEncoding, onBytes: (bytes: number) => void): AsyncGenerator<PayloadRecord> {
  if (encoding === 'binary') {
    const bytes = await readFile(file)
    onBytes(bytes.length)
    yield { kind: 'bytes', bytes }
  } else if (encoding === 'length-prefixed') {
    yield* lengthPrefixed(createReadStream(file), onBytes)
  } else if (WHOLE_JSON.has(path.extname(file).toLowerCase())) {
    const text = await readFile(file, 'utf8')
    onBytes(Buffer.byteLength(text))
    yield { kind: 'text', line: 1, text: stripBom(text) }
  } else {
    yield* jsonLines(createReadStream(file, { encoding: 'utf8' }), onBytes)
  }
}

async function* jsonLines(input: Readable, onBytes: (bytes: number) => void): AsyncGenerator<PayloadRecord> {
  // readline reads the stream through 'data' events; this listener only counts them.
  input.on('data', (chunk: string) => onBytes(Buffer.byteLength(chunk)))
  const lines = createInterface({ input, crlfDelay: Infinity })
  let line = 0
  for await (const text of lines) {
    line += 1
    const record = line === 1 ? stripBom(text) : text
    if (record.trim() !== '') yield { kind: 'text', line, text: record }
  }
}

/** Records each preceded by a 4-byte big-endian length; a short tail becomes one broken record. */
async function* lengthPrefixed(input: Readable, onBytes: (bytes: number) => void): AsyncGenerator<PayloadRecord> {
  let pending: Buffer = Buffer.alloc(0)
  let index = 0
  for await (const chunk of input as AsyncIterable<Buffer>) {
    onBytes(chunk.length)
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
    let offset = 0
    while (pending.length - offset >= 4) {
      const length = pending.readUInt32BE(offset)
      if (pending.length - offset - 4 < length) break
      index += 1
      yield { kind: 'bytes', index, bytes: pending.subarray(offset + 4, offset + 4 + length) }
      offset += 4 + length
    }
    pending = pending.subarray(offset)
  }
  if (pending.length > 0) {
    const broken =
      pending.length < 4
        ? `${pending.length} bytes left at the end, too few for a 4-byte length`
        : `the length says ${pending.readUInt32BE(0)} bytes but only ${pending.length - 4} follow`
    yield { kind: 'bytes', index: index + 1, bytes: pending, broken }
  }
}

const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
