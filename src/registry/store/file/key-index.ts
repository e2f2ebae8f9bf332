// Tracks, per key, which records of the file a compaction keeps, and so when compaction is worth running.
//
// Compaction keeps the latest record per key, like a Kafka compacted topic (keys compared as exact strings),
// in the records' original relative order, with one exception: when a key's latest record is a tombstone,
// its latest non-null record is kept too, before the tombstone. The registry rebuilds "the highest schema id
// ever allocated" from replay, so dropping a hard-deleted schema's value would let its id be handed out
// again. A key whose whole history is tombstones is dropped.
import type { LogRecord } from '../schema-log.ts'

interface KeyPosition {
  /** Ordinal (0-based position in the file) of the key's latest record. */
  last: number
  /** Ordinal of the key's latest non-null record, or -1 when it has none. */
  lastValue: number
}

export class KeyIndex {
  private readonly keys = new Map<string, KeyPosition>()
  private count = 0
  private keeping = 0

  /** Records indexed so far. */
  get records(): number {
    return this.count
  }

  /** Records a compaction would keep. */
  get kept(): number {
    return this.keeping
  }

  /** Indexes the next record of the file. */
  add(record: LogRecord): void {
    const ordinal = this.count++
    const position = this.keys.get(record.key)
    if (position === undefined) {
      const added = { last: ordinal, lastValue: record.value === null ? -1 : ordinal }
      this.keys.set(record.key, added)
      this.keeping += keptOf(added)
      return
    }
    this.keeping -= keptOf(position)
    position.last = ordinal
    if (record.value !== null) position.lastValue = ordinal
    this.keeping += keptOf(position)
  }

  /** Whether the record at `ordinal` (with this key) survives compaction. */
  keeps(ordinal: number, key: string): boolean {
    const position = this.keys.get(key)
    if (position === undefined || position.lastValue < 0) return false
    return ordinal === position.lastValue || ordinal === position.last
  }

  /** More than twice as many records as a compaction would keep, and at least `minRecords`. */
  worthCompacting(minRecords: number): boolean {
    return this.count >= minRecords && this.count > 2 * this.keeping
  }
}

function keptOf(position: KeyPosition): number {
  if (position.lastValue < 0) return 0
  return position.last === position.lastValue ? 1 : 2
}
