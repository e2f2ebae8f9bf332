// The in-memory SchemaLog, for tests: an array of records, delivered synchronously, gone at exit.
import { storeError } from '../../../errors.ts'
import type { LogRecord, LogStats, RecordListener, SchemaLog } from '../schema-log.ts'

export class MemoryLog implements SchemaLog {
  private readonly log: LogRecord[]
  private listener: RecordListener | undefined
  private closed = false

  /** `initial` records are stored (copied) as if appended before open(), and replayed by it. */
  constructor(initial: readonly LogRecord[] = []) {
    this.log = initial.map(copy)
  }

  /** Every record stored, in order (a copy of the list), for tests to assert on. */
  records(): LogRecord[] {
    return this.log.slice()
  }

  async open(onRecord: RecordListener): Promise<void> {
    if (this.closed) throw new Error('MemoryLog: open() after close()')
    if (this.listener !== undefined) throw new Error('MemoryLog: open() called twice')
    this.listener = onRecord
    for (const record of this.log) onRecord(record)
  }

  async append(records: readonly LogRecord[]): Promise<void> {
    if (this.listener === undefined || this.closed) throw storeError('the memory log is not open')
    const checked = records.map((r, i) => {
      if (typeof r?.key !== 'string' || (r.value !== null && typeof r.value !== 'string')) {
        throw storeError(`cannot append record ${i}: key must be a string and value a string or null`)
      }
      return copy(r)
    })
    for (const record of checked) {
      this.log.push(record)
      this.listener(record)
    }
  }

  stats(): LogStats {
    let bytes = 0
    for (const r of this.log) bytes += Buffer.byteLength(r.key) + (r.value === null ? 0 : Buffer.byteLength(r.value))
    return { records: this.log.length, bytes }
  }

  async close(): Promise<void> {
    this.closed = true
  }
}

const copy = (r: LogRecord): LogRecord => ({ key: r.key, value: r.value })
