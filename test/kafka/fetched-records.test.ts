// What a read-committed reader takes from a Fetch response: visible records in order, and where to fetch next.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { FetchedMessage, FetchedPartition } from '../../src/kafka/fetched-records.ts'
import { readFetched } from '../../src/kafka/fetched-records.ts'

/** The messages of one record batch, as kafkajs decodes them; `values` null are tombstones. */
function batch(
  firstOffset: number,
  values: readonly (string | null)[],
  options: { producerId?: string; inTransaction?: boolean; lastOffsetDelta?: number; offsets?: readonly number[] } = {},
): FetchedMessage[] {
  const offsets = options.offsets ?? values.map((_, i) => firstOffset + i)
  const context = {
    firstOffset: String(firstOffset),
    lastOffsetDelta: options.lastOffsetDelta ?? values.length - 1,
    producerId: options.producerId ?? '1',
    inTransaction: options.inTransaction ?? false,
  }
  return values.map((value, i) => ({
    offset: String(offsets[i]),
    key: Buffer.from(`k${offsets[i]}`),
    value: value === null ? null : Buffer.from(value),
    isControlRecord: false,
    batchContext: context,
  }))
}

/** A transaction marker (control batch of one record): key version 0, type 0 = abort, 1 = commit. */
function marker(offset: number, producerId: string, commit: boolean): FetchedMessage[] {
  return [
    {
      offset: String(offset),
      key: Buffer.from([0, 0, 0, commit ? 1 : 0]),
      value: Buffer.from([0, 0, 0, 0, 0, 0]),
      isControlRecord: true,
      batchContext: { firstOffset: String(offset), lastOffsetDelta: 0, producerId, inTransaction: true },
    },
  ]
}

function partition(messages: FetchedMessage[], extra: Partial<FetchedPartition> = {}): FetchedPartition {
  return { highWatermark: '100', lastStableOffset: '100', messages, ...extra }
}

const values = (partitionData: FetchedPartition, fetchOffset = 0) =>
  readFetched(partitionData, fetchOffset).records.map((r) => [r.offset, r.value])

test('keeps values as exact text, a null value as null and an empty one as empty', () => {
  const { records } = readFetched(partition(batch(0, ['{"a":1}', null, '', 'é 😀'])), 0)
  assert.deepEqual(records, [
    { offset: 0, key: 'k0', value: '{"a":1}' },
    { offset: 1, key: 'k1', value: null },
    { offset: 2, key: 'k2', value: '' },
    { offset: 3, key: 'k3', value: 'é 😀' },
  ])
})

test('drops transaction markers and moves past them', () => {
  const data = partition([...batch(0, ['a'], { producerId: '7', inTransaction: true }), ...marker(1, '7', true)])
  assert.deepEqual(values(data), [[0, 'a']])
  assert.equal(readFetched(data, 0).nextOffset, 2)
})

test('drops the records of an aborted transaction, but not those of other producers in between', () => {
  const data = partition(
    [
      ...batch(0, ['before'], { producerId: '1' }),
      ...batch(1, ['aborted-1'], { producerId: '9', inTransaction: true }),
      ...batch(2, ['other'], { producerId: '1' }),
      ...batch(3, ['aborted-2'], { producerId: '9', inTransaction: true }),
      ...marker(4, '9', false),
      ...batch(5, ['after'], { producerId: '9', inTransaction: true }),
      ...marker(6, '9', true),
    ],
    { abortedTransactions: [{ producerId: '9', firstOffset: '1' }] },
  )
  assert.deepEqual(values(data), [
    [0, 'before'],
    [2, 'other'],
    [5, 'after'],
  ])
})

test('moves past a whole batch even when compaction left only its first records', () => {
  const data = partition(batch(10, ['kept'], { lastOffsetDelta: 4 }))
  assert.deepEqual([values(data, 10), readFetched(data, 10).nextOffset], [[[10, 'kept']], 15])
})

test('skips the records of the first batch that come before the fetch offset', () => {
  const data = partition(batch(20, ['old', 'new']))
  assert.deepEqual(values(data, 21), [[21, 'new']])
})

test('reads the pre-0.11 message format, which has no batches', () => {
  const legacy: FetchedMessage = { offset: '3', key: Buffer.from('k'), value: Buffer.from('v') }
  assert.deepEqual(readFetched(partition([legacy]), 3), { records: [{ offset: 3, key: 'k', value: 'v' }], nextOffset: 4, endOffset: 100 })
})

test('an empty response keeps the position and reports the stable end, or the high watermark without one', () => {
  assert.deepEqual(readFetched(partition([], { lastStableOffset: '40', highWatermark: '42' }), 30), { records: [], nextOffset: 30, endOffset: 40 })
  assert.equal(readFetched(partition([], { lastStableOffset: '-1', highWatermark: '42' }), 30).endOffset, 42)
})

test('reads a record without key as an empty key', () => {
  const [message] = batch(0, ['v'])
  assert.equal(readFetched(partition([{ ...message, key: null }]), 0).records[0].key, '')
})
