// The Confluent wire format as tables: headers and message-index lists byte for byte (checked against
// Confluent's own JavaScript implementation), and every way a frame can be wrong, each named.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { SchemaId } from '@confluentinc/schemaregistry'
import { SerdeError } from '../../src/serde/errors.ts'
import type { SerdeErrorReason } from '../../src/serde/errors.ts'
import { decodeMessageIndexes, encodeMessageIndexes, frame, readSchemaId, unframe } from '../../src/serde/wire-format.ts'

const rejectsWith = (reason: SerdeErrorReason, pattern: RegExp) => (error: unknown) => {
  assert.ok(error instanceof SerdeError, `a SerdeError, got ${String(error)}`)
  assert.equal(error.reason, reason)
  assert.match(error.message, pattern)
  return true
}

const headers: [number, number[]][] = [
  [0, [0, 0, 0, 0, 0]],
  [1, [0, 0, 0, 0, 1]],
  [256, [0, 0, 0, 1, 0]],
  [0x01020304, [0, 1, 2, 3, 4]],
  [0x7fffffff, [0, 0x7f, 0xff, 0xff, 0xff]],
]

for (const [id, bytes] of headers) {
  test(`schema id ${id} frames as [${bytes.join(', ')}] and reads back`, () => {
    const framed = frame(id, Buffer.from([0xaa, 0xbb]))
    assert.deepEqual([...framed], [...bytes, 0xaa, 0xbb])
    assert.equal(readSchemaId(framed), id)
    assert.deepEqual(framed.subarray(0, 5), new SchemaId('AVRO', id).idToBytes())
  })
}

const indexLists: [number[], number[]][] = [
  [[0], [0]],
  [[1], [2, 2]],
  [[2], [2, 4]],
  [[0, 0], [4, 0, 0]],
  [[1, 0], [4, 2, 0]],
  [[3, 1, 2], [6, 6, 2, 4]],
  [[64], [2, 0x80, 0x01]],
  [[300], [2, 0xd8, 0x04]],
  [[0x7fffffff], [2, 0xfe, 0xff, 0xff, 0xff, 0x0f]],
]

for (const [indexes, bytes] of indexLists) {
  test(`message indexes [${indexes.join(', ')}] are written as [${bytes.join(', ')}], as Confluent writes them`, () => {
    assert.deepEqual([...encodeMessageIndexes(indexes)], bytes)
    assert.deepEqual([...new SchemaId('PROTOBUF').writeMessageIndexes(indexes)], bytes)
    const withPayload = Buffer.from([...bytes, 0x08, 0x01])
    assert.deepEqual(decodeMessageIndexes(withPayload, 0), { indexes, end: bytes.length })
  })
}

test('a Protobuf frame carries header, indexes and payload, and unframes into them', () => {
  const framed = frame(7, Buffer.from([0x08, 0x01]), [1, 0])
  assert.deepEqual([...framed], [0, 0, 0, 0, 7, 4, 2, 0, 0x08, 0x01])
  const parts = unframe(framed, true)
  assert.deepEqual([parts.id, parts.messageIndexes, [...parts.payload]], [7, [1, 0], [0x08, 0x01]])
  assert.deepEqual([...unframe(new Uint8Array([0, 0, 0, 0, 9, 1, 2])).payload], [1, 2])
})

const badFrames: [string, number[], SerdeErrorReason, RegExp][] = [
  ['an empty buffer', [], 'SHORT_BUFFER', /short buffer: 0 byte\(s\).*at least 5/],
  ['a buffer shorter than the header', [0, 0, 0, 1], 'SHORT_BUFFER', /short buffer: 4 byte\(s\)/],
  ['magic byte 1', [1, 0, 0, 0, 1], 'UNKNOWN_MAGIC_BYTE', /unknown magic byte 0x01 at byte 0/],
  ['plain JSON text', [...Buffer.from('{"a":1}')], 'UNKNOWN_MAGIC_BYTE', /0x7b.*plain JSON/],
]

for (const [what, bytes, reason, message] of badFrames) {
  test(`${what} is refused with ${reason}`, () => {
    assert.throws(() => readSchemaId(new Uint8Array(bytes)), rejectsWith(reason, message))
  })
}

const badIndexLists: [string, number[], RegExp][] = [
  ['nothing after the header', [], /at byte 0: the message ends before the list/],
  ['a negative count', [1], /negative count -1/],
  ['a count larger than the bytes left', [6, 2], /count 3 but only 1 byte\(s\) follow/],
  ['a negative index', [2, 1], /negative index -1 at position 0/],
  ['a varint cut off', [2, 0x80], /at byte 1: a varint is cut off/],
  ['a varint longer than 5 bytes', [2, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], /longer than 5 bytes/],
]

for (const [what, bytes, message] of badIndexLists) {
  test(`a message-index list with ${what} is refused with BAD_MESSAGE_INDEXES`, () => {
    assert.throws(() => decodeMessageIndexes(new Uint8Array(bytes), 0), rejectsWith('BAD_MESSAGE_INDEXES', message))
  })
}

test('schema ids and message indexes outside their ranges are refused with CONFIG when writing', () => {
  for (const id of [-1, 0x80000000, 1.5]) assert.throws(() => frame(id, Buffer.alloc(0)), rejectsWith('CONFIG', /schema id/))
  assert.throws(() => encodeMessageIndexes([]), rejectsWith('CONFIG', /empty/))
  assert.throws(() => encodeMessageIndexes([1, -2]), rejectsWith('CONFIG', /message index -2/))
})
