// Reads a log file from the start in big chunks and returns its records batch by batch, finding where the
// good part of the file ends.
import type { FileHandle } from 'node:fs/promises'
import type { LogRecord } from '../schema-log.ts'
import { decodeLine, nextLineEnd } from './record-codec.ts'

const CHUNK_BYTES = 4 * 1024 * 1024

/** The first line that is not a record (or the start of an append batch that never got its last line). */
export interface Damage {
  readonly offset: number
  readonly reason: string
}

/**
 * Call next() until it returns undefined. Each call returns the records of the append batches completed in
 * the next chunk (possibly none). A damaged line followed only by damage is a torn tail: the scan ends, with
 * `goodBytes` at the end of the last complete batch and `damage` saying what follows it. A damaged line
 * followed by a valid record makes next() throw, naming the file and both offsets: the damage is in the
 * middle of the log, and cutting it off would lose acknowledged records.
 */
export class LogScanner {
  /** Bytes from the start of the file up to the end of the last complete batch seen. */
  goodBytes = 0
  damage: Damage | undefined

  private buf = Buffer.allocUnsafe(CHUNK_BYTES)
  private filled = 0 // bytes of buf holding file data
  private bufOffset = 0 // file offset of buf[0]
  private batch: LogRecord[] = []
  private done = false

  constructor(
    private readonly fh: FileHandle,
    private readonly file: string,
  ) {}

  async next(): Promise<LogRecord[] | undefined> {
    if (this.done) return undefined
    if (this.filled === this.buf.length) this.grow()
    const free = this.buf.length - this.filled
    const { bytesRead } = await this.fh.read(this.buf, this.filled, free, this.bufOffset + this.filled)
    if (bytesRead === 0) {
      this.finish()
      return undefined
    }
    this.filled += bytesRead
    const view = this.buf.subarray(0, this.filled)
    const complete: LogRecord[] = []
    let pos = 0
    for (let end = nextLineEnd(view, 0); end !== -1; end = nextLineEnd(view, pos)) {
      this.scanLine(view, pos, end, complete)
      pos = end + 1
    }
    this.buf.copyWithin(0, pos, this.filled)
    this.filled -= pos
    this.bufOffset += pos
    return complete
  }

  private scanLine(view: Buffer, start: number, end: number, complete: LogRecord[]): void {
    const offset = this.bufOffset + start
    const line = decodeLine(view, start, end)
    if ('error' in line) {
      this.damage ??= { offset, reason: line.error }
      return
    }
    if (this.damage) {
      throw new Error(
        `${this.file}: corrupt record at byte offset ${this.damage.offset} (${this.damage.reason}) is followed by a ` +
          `valid record at byte offset ${offset}; refusing to open the log rather than lose records. ` +
          `Restore the file from a backup, or truncate it to ${this.damage.offset} bytes to discard what follows.`,
      )
    }
    this.batch.push(line.record)
    if (line.last) {
      for (const record of this.batch) complete.push(record)
      this.batch = []
      this.goodBytes = this.bufOffset + end + 1
    }
  }

  private finish(): void {
    this.done = true
    if (this.filled > 0) this.damage ??= { offset: this.bufOffset, reason: 'torn record: no newline' }
    if (this.batch.length > 0) this.damage ??= { offset: this.goodBytes, reason: 'append without its last record' }
  }

  private grow(): void {
    const bigger = Buffer.allocUnsafe(this.buf.length * 2)
    this.buf.copy(bigger, 0, 0, this.filled)
    this.buf = bigger
  }
}
