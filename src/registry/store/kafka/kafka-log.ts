// The Kafka SchemaLog: the registry's records in the single partition of a compacted topic (`_schemas`, spec
// section 5), byte for byte as the Confluent registry and Karapace write them, so a topic of either is served
// as it is.
//
// A reader (src/kafka/partition-reader.ts) follows the partition from offset 0 and hands every committed record,
// whoever wrote it, to the listener. An append is produced (idempotent producer, acks=all) and resolves only
// once that reader has passed its offsets (read-your-writes, spec 5.4). Appends go out one Kafka batch at a
// time, in call order; those that arrive while a batch is being sent go out together in the next one (a batch
// is written whole or not at all).
//
// An append that times out or fails after its records were handed to Kafka leaves their fate unknown: they may
// still land. Until that send has settled and the log has written a NOOP record and read up to it, it sends
// nothing more; appends refused meanwhile get 50002, and so does one that waited and saw records (other than
// NOOPs) arrive, because its caller decided it on a state that missed them (it could, say, give one id to two
// schemas). This is the spec's "last written offset is invalidated after any failed write" (section 5.4).
import { storeError, storeTimeout } from '../../../errors.ts'
import type { ApiError } from '../../../errors.ts'
import type { KafkaConnectionConfig, KafkaLogger } from '../../../kafka/connection.ts'
import { createKafka, silentLogger } from '../../../kafka/connection.ts'
import { STALL_MS, StalledError, within } from '../../../kafka/deadline.ts'
import { listenerHint, messageOf } from '../../../kafka/errors.ts'
import type { PartitionRecord } from '../../../kafka/fetched-records.ts'
import { LogWriter, WriterUnavailableError } from '../../../kafka/log-writer.ts'
import type { SentRange, WriterMode } from '../../../kafka/log-writer.ts'
import { PartitionReader } from '../../../kafka/partition-reader.ts'
import { ensureLogTopic } from '../../../kafka/topic-admin.ts'
import type { LogRecord, LogStats, RecordListener, SchemaLog } from '../schema-log.ts'

export interface KafkaLogOptions {
  readonly connection: KafkaConnectionConfig
  /** Confluent's `kafkastore.topic`. Default `_schemas`. */
  readonly topic?: string
  /** Replication factor when creating the topic, lowered to the number of brokers (Confluent's
   * `kafkastore.topic.replication.factor`). Default 3. */
  readonly replicationFactor?: number
  /** Longest an append waits to be written and read back (Confluent's `kafkastore.timeout.ms`). Default 500. */
  readonly timeoutMs?: number
  /** Longest open() waits to reach the end of the topic (Confluent's `kafkastore.init.timeout.ms`). Default 60 s. */
  readonly initTimeoutMs?: number
  readonly logger?: KafkaLogger
  /** Called once when the transactional writer stops being usable: fenced by a newer claimer, or failed. */
  readonly onWriterLost?: (mode: 'fenced' | 'failed', reason: string) => void
}

/** What the REST layer (`/ready`) and the cluster layer look at. */
export interface KafkaLogStatus {
  /** open() finished and close() was not called. */
  readonly ready: boolean
  /** Every record below this offset was delivered to the listener. */
  readonly position: number
  /** End offset (last stable offset) of the topic at the reader's latest fetch. */
  readonly endOffset: number | undefined
  /** Whether the reader's latest fetch succeeded. */
  readonly connected: boolean
  readonly writer: WriterMode
  /** False after a failed or timed-out append, until the log has read past whatever it may have written. */
  readonly writable: boolean
  readonly lastError: string | undefined
  /** The Kafka cluster's id, once open() has reached it. */
  readonly clusterId: string | undefined
}

/** Topic configs set when the log creates its topic: values as large as the file log accepts. */
const TOPIC_CONFIGS = { 'max.message.bytes': String(16 * 1024 * 1024) }

interface PendingAppend {
  readonly records: readonly LogRecord[]
  /** The log's generation when append() was called: a failure in between makes the caller's view stale. */
  readonly generation: number
  /** `changes` when append() was called, if the log was then catching up after a failure. */
  readonly changesBefore: number | undefined
  readonly timer: NodeJS.Timeout
  readonly resolve: () => void
  readonly reject: (error: Error) => void
  flight: Flight | undefined
  settled: boolean
}

interface Flight {
  readonly appends: readonly PendingAppend[]
  readonly send: Promise<SentRange>
  failed: boolean
}

const noop = (): void => {}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Confluent's no-op record (spec 5.3): carries no data, only its offset matters (see sync). */
const NOOP: LogRecord = { key: '{"keytype":"NOOP","magic":0}', value: null }

export class KafkaLog implements SchemaLog {
  readonly topic: string
  private readonly timeoutMs: number
  private readonly initTimeoutMs: number
  private readonly replicationFactor: number
  private readonly logger: KafkaLogger
  private readonly where: string
  private readonly security: { readonly sasl: boolean; readonly tls: boolean }
  private readonly kafka: ReturnType<typeof createKafka>
  private readonly writer: LogWriter
  private readonly reader: PartitionReader
  private readonly onWriterLost: NonNullable<KafkaLogOptions['onWriterLost']>

  private state: 'new' | 'opening' | 'open' | 'closed' = 'new'
  private listener: RecordListener = noop
  private delivered = 0
  /** Records delivered other than NOOPs, which change no state (our own catch-up NOOPs among them). */
  private changes = 0
  private bytes = 0
  private generation = 0
  private synced = true
  private queue: PendingAppend[] = []
  private sending: Flight | undefined
  private unsettled = 0
  private idle: (() => void)[] = []
  private closing: Promise<void> | undefined
  private lostReported = false
  private clusterId: string | undefined

  constructor(options: KafkaLogOptions) {
    this.topic = options.topic ?? '_schemas'
    if (typeof this.topic !== 'string' || !/^[a-zA-Z0-9._-]{1,249}$/.test(this.topic)) {
      throw new TypeError(`KafkaLog: topic must be a Kafka topic name, got ${JSON.stringify(options.topic)}`)
    }
    this.timeoutMs = positive('timeoutMs', options.timeoutMs ?? 500)
    this.initTimeoutMs = positive('initTimeoutMs', options.initTimeoutMs ?? 60_000)
    this.replicationFactor = positive('replicationFactor', options.replicationFactor ?? 3)
    this.logger = options.logger ?? silentLogger
    this.onWriterLost = options.onWriterLost ?? noop
    this.kafka = createKafka(options.connection, this.logger)
    this.where = `Kafka topic '${this.topic}' at ${options.connection.bootstrapServers.join(',')}`
    const { sasl, tls } = options.connection
    this.security = { sasl: sasl !== undefined, tls: tls !== undefined && tls !== false }
    this.writer = new LogWriter(this.kafka, this.topic, this.logger)
    this.reader = new PartitionReader(this.kafka, {
      topic: this.topic,
      logger: this.logger,
      onRecords: (records) => this.deliver(records),
    })
  }

  /** Creates or checks the topic, then replays it to its end offset at the time of the call. */
  async open(onRecord: RecordListener): Promise<void> {
    if (this.state !== 'new') throw new Error(`KafkaLog ${this.where}: open() on a log that is ${this.state}`)
    this.state = 'opening'
    this.listener = onRecord
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`it did not finish within ${this.initTimeoutMs} ms`)), this.initTimeoutMs)
    })
    try {
      await Promise.race([this.replay(), deadline])
      if (this.state === 'opening') this.state = 'open'
    } catch (error) {
      this.state = 'closed'
      await this.release()
      const hint = listenerHint(error, this.security)
      throw new Error(`cannot open the registry log on ${this.where}: ${messageOf(error)}${hint}`, { cause: error })
    } finally {
      clearTimeout(timer)
    }
  }

  append(records: readonly LogRecord[]): Promise<void> {
    if (this.state !== 'open') return Promise.reject(storeError(`the log on ${this.where} is not open`))
    const copies: LogRecord[] = []
    for (const [i, r] of records.entries()) {
      if (typeof r?.key !== 'string' || (r.value !== null && typeof r.value !== 'string')) {
        return Promise.reject(storeError(`cannot append record ${i}: key must be a string and value a string or null`))
      }
      copies.push({ key: r.key, value: r.value })
    }
    if (copies.length === 0) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const append: PendingAppend = {
        records: copies,
        generation: this.generation,
        changesBefore: this.synced ? undefined : this.changes,
        timer: setTimeout(() => this.timeOut(append), this.timeoutMs),
        resolve,
        reject,
        flight: undefined,
        settled: false,
      }
      this.unsettled++
      this.queue.push(append)
      this.pump()
    })
  }

  /** Records and bytes read since open(): Kafka compacts the topic out of sight, so this is not its size. */
  stats(): LogStats {
    return { records: this.delivered, bytes: this.bytes }
  }

  /** Whether the log has replayed the topic and serves (for `/ready`). */
  ready(): boolean {
    return this.state === 'open'
  }

  status(): KafkaLogStatus {
    const reader = this.reader.status()
    return {
      ready: this.ready(),
      position: reader.position,
      endOffset: reader.endOffset,
      connected: reader.connected,
      writer: this.writer.mode,
      writable: this.synced,
      lastError: reader.lastError,
      clusterId: this.clusterId,
    }
  }

  /**
   * Makes this log the only writer of the topic among those claiming `transactionalId` (the cluster layer's
   * leader fencing): a transactional producer whose initialisation fences every earlier one, here or in another
   * process, so their next append fails with 50001. Then, as a new Confluent leader does (spec 5.5), it writes a
   * NOOP record and reads up to it, so that decisions taken from now on see every record written before. From
   * then on each batch of appends is one transaction. It waits as long as Kafka does not answer; a caller that
   * gives up must close the log, as the claim may still complete. If it fails, appends fail with 50001 until a
   * claim succeeds.
   */
  async claimWriter(transactionalId: string, transactionTimeoutMs = 60_000): Promise<void> {
    if (this.state !== 'open') throw storeError(`the log on ${this.where} is not open`)
    const generation = this.invalidate(storeTimeout(`the writer of ${this.where} is being claimed`))
    if (this.sending !== undefined) await within(this.sending.send, STALL_MS, 'the last write').catch(noop)
    await this.writer.claim(transactionalId, transactionTimeoutMs)
    this.lostReported = false
    await this.sync(generation)
  }

  /** Waits for appends in flight (each bounded by the timeout), then disconnects. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.shutDown()
    return this.closing
  }

  private async shutDown(): Promise<void> {
    const wasOpen = this.state === 'open'
    this.state = 'closed'
    if (wasOpen && this.unsettled > 0) await new Promise<void>((resolve) => this.idle.push(resolve))
    await this.release()
  }

  private async release(): Promise<void> {
    await Promise.allSettled([this.reader.stop(), this.writer.close()])
  }

  private async replay(): Promise<void> {
    const spec = { topic: this.topic, replicationFactor: this.replicationFactor, configs: TOPIC_CONFIGS }
    this.clusterId = await ensureLogTopic(this.kafka, spec, this.logger)
    await this.writer.connect()
    // close() during open() released the reader already: starting it now would leave it running.
    if (this.state !== 'opening') throw new Error('the log was closed while opening')
    this.reader.start()
    await this.reader.waitFor(await this.reader.fetchEndOffset())
  }

  private deliver(records: readonly PartitionRecord[]): void {
    for (const { key, value } of records) {
      this.delivered++
      if (key !== NOOP.key) this.changes++
      this.bytes += Buffer.byteLength(key) + (value === null ? 0 : Buffer.byteLength(value))
      try {
        this.listener({ key, value })
      } catch (error) {
        this.logger.warn({ err: error, key }, 'the record listener threw; continuing with the next record')
      }
    }
  }

  /** Sends every queued append that may still go, as one batch, unless a batch is being sent. */
  private pump(): void {
    const mode = this.writer.mode
    if (mode === 'fenced' || mode === 'failed') {
      const error = storeError(`cannot write to ${this.where}: the ${mode} writer must be claimed again`)
      for (const append of this.queue.splice(0)) this.settle(append, error)
      return
    }
    if (this.sending !== undefined || !this.synced || this.queue.length === 0) return
    const go: PendingAppend[] = []
    for (const append of this.queue.splice(0)) {
      const refusal = this.refusal(append)
      if (refusal === undefined) go.push(append)
      else this.settle(append, refusal)
    }
    if (go.length === 0) return
    const flight: Flight = { appends: go, send: this.writer.send(go.flatMap((a) => a.records)), failed: false }
    for (const append of go) append.flight = flight
    this.sending = flight
    flight.send.then(
      (range) => this.acked(flight, range),
      (error: unknown) => this.sendFailed(flight, error),
    )
  }

  private refusal(append: PendingAppend): ApiError | undefined {
    if (append.generation !== this.generation) {
      return storeTimeout(`an earlier write to ${this.where} failed before this one was sent; retry`)
    }
    if (append.changesBefore !== undefined && append.changesBefore !== this.changes) {
      return storeTimeout(`records arrived from ${this.where} while this write waited; retry`)
    }
    return undefined
  }

  private acked(flight: Flight, range: SentRange): void {
    if (this.sending === flight) this.sending = undefined
    this.pump()
    this.reader.waitFor(range.lastOffset + 1).then(
      () => {
        for (const append of flight.appends) this.settle(append)
      },
      (error: unknown) => this.fail(flight, storeError(`reading back from ${this.where} failed: ${messageOf(error)}`)),
    )
  }

  private sendFailed(flight: Flight, error: unknown): void {
    if (this.sending === flight) this.sending = undefined
    if (error instanceof WriterUnavailableError) {
      // Fenced or failed: the transaction was aborted, or its fate is for the next claim to read; no resync.
      for (const append of flight.appends) this.settle(append, storeError(`cannot write to ${this.where}: ${error.message}`))
      return this.writerLost(error)
    }
    this.fail(flight, storeError(`writing to ${this.where} failed: ${messageOf(error)}`))
  }

  private writerLost(error: WriterUnavailableError): void {
    for (const append of this.queue.splice(0)) this.settle(append, storeError(`cannot write to ${this.where}: ${error.message}`))
    if (this.lostReported) return
    this.lostReported = true
    this.onWriterLost(error.mode, error.message)
  }

  private timeOut(append: PendingAppend): void {
    if (append.settled) return
    const error =
      append.flight === undefined && !this.synced
        ? storeTimeout(`the write was not sent: an earlier write to ${this.where} has not settled (is Kafka reachable?)`)
        : storeTimeout(`the write to ${this.where} was not acknowledged and read back within ${this.timeoutMs} ms`)
    if (append.flight === undefined) {
      this.queue = this.queue.filter((a) => a !== append)
      this.settle(append, error)
    } else {
      this.fail(append.flight, error)
    }
  }

  /** Fails a batch whose records may or may not have landed, and reads past them before sending more. */
  private fail(flight: Flight, error: ApiError): void {
    if (flight.failed) return
    flight.failed = true
    for (const append of flight.appends) this.settle(append, error)
    const generation = this.invalidate(error)
    void this.resync(flight, generation)
  }

  /** Starts a new generation: appends called before it are refused, and nothing is sent until sync() is done. */
  private invalidate(reason: ApiError): number {
    this.generation++
    this.synced = false
    for (const append of this.queue.splice(0)) this.settle(append, storeTimeout(`${reason.message}; retry`))
    return this.generation
  }

  /**
   * After the failed batch settles (kafkajs retries it for a few seconds), renews the producer if the
   * batch failed (LogWriter.renew says why), then syncs. A batch that stays unanswered (deadline.ts) counts as
   * failed; a transactional producer in that state is given up, as only a new claim may replace it.
   */
  private async resync(flight: Flight, generation: number): Promise<void> {
    const outcome = await within(flight.send, STALL_MS, `writing to ${this.where}`).then(
      () => 'sent',
      (error: unknown) => (error instanceof StalledError ? 'stalled' : 'failed'),
    )
    if (outcome === 'stalled' && this.writer.mode === 'transactional') {
      return this.writerLost(await this.writer.abandon(`a transaction on ${this.where} got no answer`))
    }
    if (outcome !== 'sent') await this.renewWriter(generation)
    await this.sync(generation).catch(noop)
  }

  private async renewWriter(generation: number): Promise<void> {
    while (this.writer.mode === 'idempotent' && this.generation === generation && this.state === 'open') {
      try {
        return await this.writer.renew()
      } catch (error) {
        this.logger.debug({ err: error, topic: this.topic }, 'renewing the producer failed; retrying')
        await sleep(200)
      }
    }
  }

  /**
   * Writes a NOOP record and reads up to it, as the Confluent registry does (spec 5.4): then every record that
   * landed before, ours or another writer's, committed or aborted, has been read, even one the broker lost
   * (a wait for that one's offset would never end). Then sends again. Tries until Kafka answers; rejects only
   * when the writer is fenced or failed.
   */
  private async sync(generation: number): Promise<void> {
    while (this.generation === generation && this.state === 'open') {
      try {
        const { lastOffset } = await within(this.writer.send([NOOP]), STALL_MS, `writing a NOOP record to ${this.where}`)
        await this.reader.waitFor(lastOffset + 1)
        if (this.generation !== generation) return
        this.synced = true
        return this.pump()
      } catch (caught) {
        const error =
          caught instanceof StalledError && this.writer.mode === 'transactional'
            ? await this.writer.abandon(caught.message)
            : caught
        if (error instanceof WriterUnavailableError) {
          this.writerLost(error)
          throw error
        }
        this.logger.debug({ err: error, topic: this.topic }, 'writing a NOOP record to catch up failed; retrying')
        if (this.writer.mode === 'idempotent') await this.writer.renew().catch(noop)
        await sleep(200)
      }
    }
  }

  private settle(append: PendingAppend, error?: Error): void {
    if (append.settled) return
    append.settled = true
    clearTimeout(append.timer)
    if (error === undefined) append.resolve()
    else append.reject(error)
    if (--this.unsettled === 0) for (const resolve of this.idle.splice(0)) resolve()
  }
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new TypeError(`KafkaLog: ${name} must be a positive integer, got ${String(value)}`)
  }
  return value
}
