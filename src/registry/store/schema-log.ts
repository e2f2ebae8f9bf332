// The interface of a registry log: an ordered, durable sequence of key/value records (the exact UTF-8 JSON
// of Confluent's `_schemas` topic). A log moves records and knows nothing about schemas; one folder or file
// per implementation (file, memory, kafka).

/** One record: key and value are the JSON texts exactly as stored; `value === null` is a tombstone. */
export interface LogRecord {
  readonly key: string
  readonly value: string | null
}

/** Receives every record in log order, exactly once. Must not throw; must not append. */
export type RecordListener = (record: LogRecord) => void

export interface LogStats {
  /** Records currently stored (after the last compaction). */
  readonly records: number
  /** Bytes currently stored. */
  readonly bytes: number
}

export interface SchemaLog {
  /**
   * Opens the log and replays every stored record, in order, through `onRecord`; resolves once the replay
   * has reached the end. From then on each appended record is delivered to `onRecord` before the `append`
   * that wrote it resolves. Rejects with a clear Error when the log cannot be opened (for the file log: the
   * data directory is locked by another process).
   */
  open(onRecord: RecordListener): Promise<void>
  /**
   * Appends the records atomically and in order. Resolves only when they are durable (file: fsynced) and
   * delivered to the listener (read-your-writes). Rejects with an ApiError 50001/50002. After 50001 none of
   * the records is stored; after a 50002 timeout they may still land (a shared log cannot take a write back),
   * and then they reach the listener like any record, in log order. Appends are not reordered; callers that
   * decide records from state serialize themselves.
   */
  append(records: readonly LogRecord[]): Promise<void>
  stats(): LogStats
  /** Waits for in-flight appends, releases the log (and its lock). Idempotent. */
  close(): Promise<void>
}
