// Turns one partition of a read-committed Fetch response into the records a reader may see and the offset to
// fetch next, as Kafka's Java consumer does: control records (transaction markers) and records of aborted
// transactions are dropped, and the position moves past whole record batches, so a batch whose records were
// all compacted away, or that ends in a marker, is never fetched again.

/** One record as kafkajs decodes it from a Fetch response (only the fields used here). */
export interface FetchedMessage {
  readonly offset: string
  readonly key: Buffer | null
  readonly value: Buffer | null
  readonly isControlRecord?: boolean
  /** Absent for messages in the pre-0.11 format, which has neither batches nor transactions. */
  readonly batchContext?: {
    readonly firstOffset: string
    readonly lastOffsetDelta: number
    readonly producerId: string
    readonly inTransaction: boolean
  }
}

export interface FetchedPartition {
  readonly highWatermark: string
  /** -1 from brokers that do not report it. */
  readonly lastStableOffset: string
  readonly abortedTransactions?: readonly { readonly producerId: string; readonly firstOffset: string }[]
  readonly messages: readonly FetchedMessage[]
}

/** A record as a log reader delivers it: exact UTF-8 text of key and value; a null value is a tombstone. */
export interface PartitionRecord {
  readonly offset: number
  /** '' for a record without key (none of the registry's writers writes one). */
  readonly key: string
  readonly value: string | null
}

export interface FetchedRecords {
  readonly records: PartitionRecord[]
  /** The offset after the last batch fetched; `fetchOffset` when the response held no batch. */
  readonly nextOffset: number
  /** The last stable offset (the end a read-committed reader can reach), or the high watermark. */
  readonly endOffset: number
}

export function readFetched(partition: FetchedPartition, fetchOffset: number): FetchedRecords {
  const pendingAborts = [...(partition.abortedTransactions ?? [])]
    .map((t) => ({ producerId: t.producerId, firstOffset: Number(t.firstOffset) }))
    .sort((a, b) => a.firstOffset - b.firstOffset)
  const abortedProducers = new Set<string>()
  const records: PartitionRecord[] = []
  let nextOffset = fetchOffset
  for (const message of partition.messages) {
    const offset = Number(message.offset)
    const batch = message.batchContext
    const batchEnd = batch === undefined ? offset + 1 : Number(batch.firstOffset) + batch.lastOffsetDelta + 1
    nextOffset = Math.max(nextOffset, batchEnd)
    // An aborted transaction starting at or before this batch's last offset covers its producer from here on.
    while (pendingAborts.length > 0 && pendingAborts[0].firstOffset < batchEnd) {
      abortedProducers.add(pendingAborts.shift()!.producerId)
    }
    // Kafka returns whole batches, so the first may start before the offset asked for.
    if (offset < fetchOffset) continue
    if (batch !== undefined && message.isControlRecord) {
      // A marker ends its producer's transaction: what that producer writes next is not aborted.
      abortedProducers.delete(batch.producerId)
      continue
    }
    if (batch?.inTransaction && abortedProducers.has(batch.producerId)) continue
    records.push({
      offset,
      key: message.key === null ? '' : message.key.toString('utf8'),
      value: message.value === null ? null : message.value.toString('utf8'),
    })
  }
  const stable = Number(partition.lastStableOffset)
  return { records, nextOffset, endOffset: stable >= 0 ? stable : Number(partition.highWatermark) }
}
