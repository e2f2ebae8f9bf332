// The file SchemaLog: one append-only, fsynced file per data directory, replayed at open, compacted in place.
//
// Files in `dir`: `schemas.log` (the records; format in record-codec.ts), `LOCK` (dir-lock.ts) and, only
// while a compaction runs, `schemas.log.compact` (compaction.ts).
//
// Appends, compactions and close go through one promise queue, in call order. An append's lines are written
// and fsynced (datasync) before its records are delivered and its promise resolves; appends that arrive
// while a write or fsync is in flight are written together by the next one (group commit). A failed write
// truncates the file back to its last good size, so no part of a rejected append survives a restart; if the
// truncation fails too, the log refuses every later append.
import { mkdir, unlink } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { storeError } from '../../../errors.ts'
import type { LogRecord, LogStats, RecordListener, SchemaLog } from '../schema-log.ts'
import { compact, compactPath } from './compaction.ts'
import type { DirLock } from './dir-lock.ts'
import { lockDir } from './dir-lock.ts'
import { fsyncDir, openReadWrite, writeFully } from './durable-fs.ts'
import { KeyIndex } from './key-index.ts'
import { LogScanner } from './log-scanner.ts'
import { checkRecords, encodeBatch } from './record-codec.ts'

/** A pino-like logger; pino's Logger fits. */
export interface FileLogLogger {
  warn(obj: object | string, msg?: string): void
  info(obj: object | string, msg?: string): void
}

export interface FileLogOptions {
  /** The data directory, created if missing. */
  readonly dir: string
  readonly logger?: FileLogLogger
  /** Compaction never runs on a file of fewer records. Default 1000. */
  readonly compactionMinRecords?: number
}

interface PendingAppend {
  readonly records: readonly LogRecord[]
  readonly bytes: Buffer
  readonly resolve: () => void
  readonly reject: (err: Error) => void
}

const noop = (): void => {}
const silent: FileLogLogger = { warn: noop, info: noop }

export class FileLog implements SchemaLog {
  readonly file: string
  private readonly dir: string
  private readonly logger: FileLogLogger
  private readonly compactionMinRecords: number

  private state: 'new' | 'opening' | 'open' | 'closed' = 'new'
  private fh: FileHandle | undefined
  private lock: DirLock | undefined
  private listener: RecordListener = noop
  private index = new KeyIndex()
  private size = 0
  /** Why appends are refused after a failure the file could not be repaired from. */
  private broken: string | undefined
  /** After a failed compaction, the record count at which to try again. */
  private compactAgainAt = 0
  private readonly pending: PendingAppend[] = []
  private queue: Promise<void> = Promise.resolve()
  private closing: Promise<void> | undefined

  constructor(options: FileLogOptions) {
    if (typeof options?.dir !== 'string' || options.dir === '') {
      throw new TypeError(`FileLog: dir must be a non-empty string, got ${JSON.stringify(options?.dir)}`)
    }
    const min = options.compactionMinRecords ?? 1000
    if (!Number.isSafeInteger(min) || min < 1) {
      throw new TypeError(`FileLog: compactionMinRecords must be a positive integer, got ${String(min)}`)
    }
    this.dir = options.dir
    this.file = join(options.dir, 'schemas.log')
    this.logger = options.logger ?? silent
    this.compactionMinRecords = min
  }

  open(onRecord: RecordListener): Promise<void> {
    if (this.state !== 'new') {
      return Promise.reject(new Error(`FileLog ${this.file}: open() on a log that is ${this.state}`))
    }
    this.state = 'opening'
    const opening = this.openFile(onRecord).then(
      () => {
        if (this.state === 'opening') this.state = 'open'
      },
      async (err: unknown) => {
        await this.release()
        if (this.state === 'opening') this.state = 'new'
        throw err
      },
    )
    this.queue = opening.catch(noop)
    return opening
  }

  append(records: readonly LogRecord[]): Promise<void> {
    if (this.state !== 'open') return Promise.reject(storeError(`the log ${this.file} is not open`))
    let bytes: Buffer
    try {
      checkRecords(records)
      bytes = encodeBatch(records)
    } catch (err) {
      return Promise.reject(storeError(`cannot append to ${this.file}: ${(err as Error).message}`))
    }
    const copies = records.map((r) => ({ key: r.key, value: r.value }))
    return new Promise((resolve, reject) => {
      this.pending.push({ records: copies, bytes, resolve, reject })
      this.queue = this.queue.then(() => this.flush())
    })
  }

  stats(): LogStats {
    return { records: this.index.records, bytes: this.size }
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown()
    return this.closing
  }

  private async shutDown(): Promise<void> {
    this.state = 'closed'
    await this.queue
    await this.release()
  }

  private async openFile(onRecord: RecordListener): Promise<void> {
    this.index = new KeyIndex() // a failed open may be retried
    await mkdir(this.dir, { recursive: true })
    this.lock = await lockDir(this.dir, this.logger)
    await this.removeLeftoverCompaction()
    this.fh = await openReadWrite(this.file)
    await fsyncDir(this.dir)
    const scanner = new LogScanner(this.fh, this.file)
    for (let records = await scanner.next(); records !== undefined; records = await scanner.next()) {
      for (const record of records) {
        this.index.add(record)
        onRecord(record)
      }
    }
    this.size = scanner.goodBytes
    if (scanner.damage) await this.cutTail(scanner.goodBytes, scanner.damage.offset, scanner.damage.reason)
    this.listener = onRecord
    await this.compactIfWorthIt()
  }

  private async removeLeftoverCompaction(): Promise<void> {
    const leftover = compactPath(this.file)
    try {
      await unlink(leftover)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return
      throw err
    }
    this.logger.info({ file: leftover }, `removed ${leftover}, left by a compaction that did not finish`)
  }

  private async cutTail(goodBytes: number, offset: number, reason: string): Promise<void> {
    const fh = this.handle
    const { size } = await fh.stat()
    this.logger.warn(
      { file: this.file, offset, reason, cutAt: goodBytes, discardedBytes: size - goodBytes },
      `${this.file}: cut off a torn or corrupt tail at byte offset ${goodBytes} ` +
        `(${reason} at byte offset ${offset}, ${size - goodBytes} bytes discarded)`,
    )
    await fh.truncate(goodBytes)
    await fh.datasync()
  }

  /** Writes every pending append in one write and one fsync, then delivers and resolves them in order. */
  private async flush(): Promise<void> {
    if (this.pending.length === 0) return
    const batch = this.pending.splice(0)
    if (this.broken !== undefined) {
      const err = storeError(this.broken)
      for (const append of batch) append.reject(err)
      return
    }
    const bytes = batch.length === 1 ? batch[0].bytes : Buffer.concat(batch.map((a) => a.bytes))
    try {
      if (bytes.length > 0) {
        await writeFully(this.handle, bytes, this.size)
        await this.handle.datasync()
      }
    } catch (err) {
      await this.rollBack(err)
      const rejection = storeError(`cannot write ${this.file}: ${(err as Error).message}`)
      for (const append of batch) append.reject(rejection)
      return
    }
    this.size += bytes.length
    for (const append of batch) {
      for (const record of append.records) this.deliver(record)
      append.resolve()
    }
    await this.compactIfWorthIt()
  }

  private deliver(record: LogRecord): void {
    this.index.add(record)
    try {
      this.listener(record)
    } catch (err) {
      // The record is durable: breaking the queue would not undo it. The listener's contract forbids this.
      this.logger.warn({ err, key: record.key }, 'the record listener threw; continuing with the next record')
    }
  }

  private async rollBack(cause: unknown): Promise<void> {
    const fh = this.handle
    try {
      await fh.truncate(this.size)
      await fh.datasync()
    } catch (err) {
      this.refuseAppends(
        `a write failed (${String(cause)}), then truncating back to ${this.size} bytes failed (${String(err)})`,
      )
    }
  }

  private async compactIfWorthIt(): Promise<void> {
    if (this.broken !== undefined || this.index.records < this.compactAgainAt) return
    if (!this.index.worthCompacting(this.compactionMinRecords)) return
    const before = this.index.records
    let compacted
    try {
      compacted = await compact(this.file, this.handle, this.index)
    } catch (err) {
      this.compactAgainAt = before + this.compactionMinRecords
      this.logger.warn({ err, file: this.file }, `compaction of ${this.file} failed; the log is unchanged`)
      return
    }
    await this.swapTo(compacted.fh)
    this.index = compacted.index
    this.size = compacted.bytes
    this.logger.info({ file: this.file, before, after: this.index.records, bytes: this.size }, 'compacted the log')
    if (compacted.notDurable !== undefined) {
      this.refuseAppends(`compaction could not fsync the directory (${String(compacted.notDurable)})`)
    }
  }

  private refuseAppends(why: string): void {
    this.broken = `the log ${this.file} refuses appends: ${why}; restart to recover`
    this.logger.warn({ file: this.file }, this.broken)
  }

  private get handle(): FileHandle {
    if (this.fh === undefined) throw new Error(`FileLog ${this.file}: the file is not open`)
    return this.fh
  }

  private async swapTo(fh: FileHandle): Promise<void> {
    const old = this.handle
    this.fh = fh
    await old.close().catch((err: unknown) => {
      this.logger.warn({ err, file: this.file }, 'closing the old log file failed')
    })
  }

  private async release(): Promise<void> {
    const fh = this.fh
    this.fh = undefined
    await fh?.close()
    await this.lock?.release()
    this.lock = undefined
  }
}
