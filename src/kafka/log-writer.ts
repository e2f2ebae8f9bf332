// Writes records to one partition of a log topic: an idempotent producer with acks=all (spec 5.1) or, after
// claim(), a transactional producer whose InitProducerId fences every earlier producer of the same
// transactional id (Kafka aborts their open transaction and rejects their next request), one transaction per
// send. Sends must not overlap: the caller sends one batch at a time, which keeps Kafka's order.
import type { Kafka, Message, Producer, RecordMetadata } from 'kafkajs'
import type { KafkaLogger } from './connection.ts'
import { STALL_MS, within } from './deadline.ts'
import { errorTypes, messageOf } from './errors.ts'

export interface WriterRecord {
  readonly key: string
  /** null is a tombstone; '' is written as a zero-length value, not as null. */
  readonly value: string | null
}

/** Where a send's records landed: offsets `firstOffset` to `lastOffset`, both included. */
export interface SentRange {
  readonly firstOffset: number
  readonly lastOffset: number
}

/**
 * - `idempotent`: the default producer; several writers may coexist.
 * - `transactional`: claimed; every send is a committed transaction.
 * - `fenced`: another writer claimed the same transactional id after us; every send fails until claim() again.
 * - `failed`: a transaction failed (say, the broker went away), or claiming failed; this producer cannot
 *   continue, and claiming again is left to the caller, which knows whether it may still write.
 */
export type WriterMode = 'idempotent' | 'transactional' | 'fenced' | 'failed'

/** A send refused because this writer was fenced, or lost its transaction state. */
export class WriterUnavailableError extends Error {
  constructor(readonly mode: 'fenced' | 'failed', message: string) {
    super(message)
    this.name = 'WriterUnavailableError'
  }
}

const RETIRE_MS = 2000

// Kafka's answers to a producer whose epoch a newer InitProducerId of its transactional id bumped.
const FENCING_ERRORS = ['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED', 'INVALID_PRODUCER_ID_MAPPING']

export class LogWriter {
  private producer: Producer | undefined
  private state: WriterMode = 'idempotent'
  private transactionalId: string | undefined
  private why = ''
  private closed = false
  /** renew() and claim() replace the producer one after the other. */
  private swaps: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly logger: KafkaLogger,
    private readonly partition = 0,
    /** Connecting or claiming unanswered for this long is given up on (see deadline.ts). */
    private readonly stallMs = STALL_MS,
  ) {}

  get mode(): WriterMode {
    return this.state
  }

  /** Starts the idempotent producer (its InitProducerId). */
  connect(): Promise<void> {
    return this.swap(async () => this.install(await this.start(this.newProducer())))
  }

  /**
   * Replaces the idempotent producer by a new one, with a new producer id. Needed after a send failed: kafkajs
   * then reuses the failed batch's sequence number for the next batch, and if the failed one had landed after
   * all, Kafka takes the next for a duplicate and acknowledges it, at the old offset, without writing it.
   */
  renew(): Promise<void> {
    return this.swap(async () => {
      if (this.state !== 'idempotent') throw new Error(`only an idempotent writer is renewed, not a ${this.state} one`)
      await this.retire()
      this.install(await this.start(this.newProducer()))
    })
  }

  /** Writes the records as one batch, in order; resolves with their offsets once every in-sync replica has them. */
  async send(records: readonly WriterRecord[]): Promise<SentRange> {
    if (this.state === 'fenced' || this.state === 'failed') throw new WriterUnavailableError(this.state, this.why)
    const producer = this.producer
    if (producer === undefined) throw new Error(`the writer of ${this.topic} is not connected`)
    const messages: Message[] = records.map((r) => ({ key: r.key, value: r.value, partition: this.partition }))
    const metadata =
      this.state === 'transactional'
        ? await this.sendInTransaction(producer, messages)
        : await producer.send({ topic: this.topic, acks: -1, messages })
    return rangeOf(metadata, records.length)
  }

  /**
   * Replaces the producer by a transactional one with `transactionalId` and initialises it, which fences every
   * other producer of that id, here or in another process. Resolves once this writer is the only one.
   */
  claim(transactionalId: string, transactionTimeoutMs: number): Promise<void> {
    return this.swap(async () => {
      this.transactionalId = transactionalId
      await this.retire()
      const producer = this.newProducer({ transactionalId, transactionTimeout: transactionTimeoutMs })
      try {
        await this.start(producer)
        // kafkajs sends the transactional InitProducerId on the first transaction; an empty one ends without EndTxn.
        const fence = async () => (await producer.transaction()).abort()
        await within(fence(), this.stallMs, `claiming transactional id '${transactionalId}'`)
      } catch (error) {
        await producer.disconnect().catch(() => undefined)
        this.state = 'failed'
        this.why = `claiming transactional id '${transactionalId}' of ${this.topic} failed: ${messageOf(error)}`
        throw error
      }
      this.install(producer)
      this.state = 'transactional'
      this.logger.info({ topic: this.topic, transactionalId }, `claimed the writer of ${this.topic}`)
    })
  }

  /** Gives the producer up, as `failed` (it stopped answering mid-transaction): sending needs a new claim. */
  async abandon(reason: string): Promise<WriterUnavailableError> {
    const error = this.unavailable('failed', new Error(reason))
    await this.swap(() => this.retire())
    return error
  }

  /** Disconnects at once, without waiting for a renew() or claim() under way (it ends disconnected). */
  async close(): Promise<void> {
    this.closed = true
    await this.retire()
  }

  private swap(change: () => Promise<void>): Promise<void> {
    const run = this.swaps.then(change)
    this.swaps = run.catch(() => undefined)
    return run
  }

  private async start(producer: Producer): Promise<Producer> {
    if (this.closed) throw new Error(`the writer of ${this.topic} is closed`)
    try {
      await within(producer.connect(), this.stallMs, `connecting a producer to ${this.topic}`)
    } catch (error) {
      void producer.disconnect().catch(() => undefined)
      throw error
    }
    return producer
  }

  private install(producer: Producer): void {
    this.producer = producer
    if (this.closed) void this.retire()
  }

  /** Disconnects the producer, waiting at most RETIRE_MS: kafkajs waits for requests in flight, and one sent to
   * a broker that died may take its whole request timeout to fail; the old producer can finish on its own. */
  private async retire(): Promise<void> {
    const producer = this.producer
    this.producer = undefined
    if (producer === undefined) return
    let timer: NodeJS.Timeout | undefined
    const gone = producer.disconnect().catch(() => undefined)
    await Promise.race([gone, new Promise((resolve) => (timer = setTimeout(resolve, RETIRE_MS)))])
    clearTimeout(timer)
  }

  private newProducer(transactional?: { transactionalId: string; transactionTimeout: number }): Producer {
    return this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      ...(transactional && {
        ...transactional,
        // The broker finishes a commit after answering it, and refuses the next transaction until then
        // (CONCURRENT_TRANSACTIONS) for a few milliseconds: retrying after the client's 100 ms (createKafka)
        // would cost every other write that long. Retries still grow to a second apart while Kafka is away, and
        // never end, as kafkajs has it for an idempotent producer (the log's own deadlines bound each call).
        retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 5, maxRetryTime: 1000 },
      }),
    })
  }

  private async sendInTransaction(producer: Producer, messages: Message[]): Promise<RecordMetadata[]> {
    const transaction = await producer.transaction()
    try {
      const metadata = await transaction.send({ topic: this.topic, acks: -1, messages })
      await transaction.commit()
      return metadata
    } catch (error) {
      if (this.isFencing(error)) throw this.unavailable('fenced', error)
      // Whether or not the abort goes through, this producer must not send again: kafkajs would reuse the failed
      // batch's sequence number (see renew()), and only a new claim gives a transactional producer a new epoch.
      const aborted = await transaction.abort().then(
        () => undefined,
        (abortError: unknown) => abortError,
      )
      throw this.unavailable(this.isFencing(aborted) ? 'fenced' : 'failed', error)
    }
  }

  private isFencing(error: unknown): boolean {
    return errorTypes(error).some((type) => FENCING_ERRORS.includes(type))
  }

  private unavailable(mode: 'fenced' | 'failed', cause: unknown): WriterUnavailableError {
    this.state = mode
    this.why =
      mode === 'fenced'
        ? `another writer claimed transactional id '${this.transactionalId}' of ${this.topic}, fencing this one ` +
          `(${messageOf(cause)})`
        : `a transaction on ${this.topic} failed (${messageOf(cause)}); the writer must be claimed again`
    this.logger.warn({ topic: this.topic, transactionalId: this.transactionalId, mode }, this.why)
    return new WriterUnavailableError(mode, this.why)
  }
}

function rangeOf(metadata: readonly RecordMetadata[], count: number): SentRange {
  const base = metadata[0]?.baseOffset
  if (base === undefined) throw new Error('Kafka acknowledged a send without its offset')
  const firstOffset = Number(base)
  return { firstOffset, lastOffset: firstOffset + count - 1 }
}
