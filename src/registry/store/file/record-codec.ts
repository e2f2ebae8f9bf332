// Frames log records as lines of the file log, so that a torn or corrupted line is detected on replay.
//
// On-disk format (`schemas.log`): one record per line, UTF-8, `<crc><sep><json>\n`, for example
//
//     40cfd4cd ["{\"keytype\":\"NOOP\",\"magic\":0}",null]
//
// - <json> is JSON.stringify([key, value]): key and value are kept as the exact strings of the `_schemas`
//   record (value null = tombstone), so Confluent's bytes round-trip; JSON escapes every newline, so the
//   only 0x0A byte of a line is its terminator.
// - <sep> is one byte: " " when the record is the last of its append() call, "+" when more records of the
//   same call follow. Replay applies a call's records only once it has read its last one, which keeps a
//   multi-record append atomic across a crash.
// - <crc> is the CRC-32 (zlib.crc32) of the bytes of <sep><json>, as 8 lowercase hex digits.
import { crc32 } from 'node:zlib'
import type { LogRecord } from '../schema-log.ts'

const NEWLINE = 0x0a
const LAST = 0x20 // " "
const MORE = 0x2b // "+"
const CRC_DIGITS = 8

/** A decoded line: the record and whether it closes its append batch; or why the line is not a record. */
export type DecodedLine = { readonly record: LogRecord; readonly last: boolean } | { readonly error: string }

/** Throws a TypeError naming the first record that is not a `{ key: string, value: string | null }`. */
export function checkRecords(records: readonly LogRecord[]): void {
  if (!Array.isArray(records)) throw new TypeError('records must be an array')
  records.forEach((r: LogRecord | null | undefined, i) => {
    if (typeof r?.key !== 'string') throw new TypeError(`record ${i}: key must be a string`)
    if (r.value !== null && typeof r.value !== 'string') {
      throw new TypeError(`record ${i}: value must be a string or null`)
    }
  })
}

/** Encodes the records of one append() call as consecutive lines; the last one closes the batch. */
export function encodeBatch(records: readonly LogRecord[]): Buffer {
  let text = ''
  for (let i = 0; i < records.length; i++) text += frameLine(records[i], i === records.length - 1)
  return Buffer.from(text, 'utf8')
}

function frameLine(record: LogRecord, last: boolean): string {
  const body = (last ? ' ' : '+') + JSON.stringify([record.key, record.value])
  // crc32(string) hashes the UTF-8 encoding, the same bytes decodeLine hashes.
  return crc32(body).toString(16).padStart(CRC_DIGITS, '0') + body + '\n'
}

/** Index of the next line terminator in buf at or after `from`, or -1. */
export function nextLineEnd(buf: Buffer, from: number): number {
  return buf.indexOf(NEWLINE, from)
}

/** Decodes the line buf[start, end), where `end` is the index of its "\n". */
export function decodeLine(buf: Buffer, start: number, end: number): DecodedLine {
  if (end - start < CRC_DIGITS + 3) return { error: 'line too short' }
  const stored = readHex(buf, start)
  if (stored < 0) return { error: 'malformed checksum' }
  if (crc32(buf.subarray(start + CRC_DIGITS, end)) !== stored) return { error: 'checksum mismatch' }
  const sep = buf[start + CRC_DIGITS]
  if (sep !== LAST && sep !== MORE) return { error: 'malformed separator' }
  let parsed: unknown
  try {
    parsed = JSON.parse(buf.toString('utf8', start + CRC_DIGITS + 1, end))
  } catch {
    return { error: 'malformed JSON' }
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return { error: 'not a [key, value] pair' }
  const [key, value] = parsed as unknown[]
  if (typeof key !== 'string' || (value !== null && typeof value !== 'string')) {
    return { error: 'not a [key, value] pair' }
  }
  return { record: { key, value }, last: sep === LAST }
}

/** Parses 8 lowercase hex digits at buf[start]; -1 when they are not. */
function readHex(buf: Buffer, start: number): number {
  let n = 0
  for (let i = start; i < start + CRC_DIGITS; i++) {
    const c = buf[i]
    const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1
    if (digit < 0) return -1
    n = n * 16 + digit
  }
  return n
}
