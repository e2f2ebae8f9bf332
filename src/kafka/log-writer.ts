// Writes records to one partition of a log topic: an idempotent producer with acks=all (spec 5.1) or, after
// claim(), a transactional producer whose InitProducerId fences every earlier producer of the same
// transactional id (Kafka aborts their open transaction and rejects their next request), one transaction per
// send. Sends must not overlap: the caller sends one batch at a time, which keeps Kafka's order.
import type { Kafka, Message, Producer, RecordMetadata } from 'kafkajs'
import type { KafkaLogger } from './connection.ts'
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
 * - `failed`: a transaction could neither be committed nor aborted (the broker went away mid-commit); the
 *   producer cannot continue, and re-claiming is left to the caller, which knows whether it may still write.
 */
export type WriterMode = 'idempotent' | 'transactional' | 'fenced' | 'failed'

/** A send refused because this writer was fenced, or lost its transaction state. */
export class WriterUnavailableError extends Error {
  constructor(readonly mode: 'fenced' | 'failed', message: string) {
    super(message)
    this.name = 'WriterUnavailableError'
  }
}

// Kafka's answers to a producer whose epoch a newer InitProducerId of its transactional id bumped.
const FENCING_ERRORS = ['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED', 'INVALID_PRODUCER_ID_MAPPING']

export class LogWriter {
  private producer: Producer | undefined
  private state: WriterMode = 'idempotent'
  private transactionalId: string | undefined
  private why = ''

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly logger: KafkaLogger,
    private readonly partition = 0,
  ) {}

  get mode(): WriterMode {
    return this.state
  }

  /** Starts the idempotent producer (its InitProducerId). */
  async connect(): Promise<void> {
    const producer = this.newProducer()
    await producer.connect()
    this.producer = producer
  }

  /** Writes the records as one batch, in order; resolves with their offsets once every in-sync replica has them. */
  async send(records: readonly WriterRecord[]): Promise<SentRange> {
    const producer = this.producer
    if (producer === undefined) throw new Error(`the writer of ${this.topic} is not connected`)
    if (this.state === 'fenced' || this.state === 'failed') throw new WriterUnavailableError(this.state, this.why)
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
  async claim(transactionalId: string, transactionTimeoutMs: number): Promise<void> {
    const old = this.producer
    this.producer = undefined
    this.transactionalId = transactionalId
    await old?.disconnect().catch(() => undefined)
    const producer = this.newProducer({ transactionalId, transactionTimeout: transactionTimeoutMs })
    try {
      await producer.connect()
      // kafkajs sends the transactional InitProducerId on the first transaction; an empty one ends without EndTxn.
      const fence = await producer.transaction()
      await fence.abort()
    } catch (error) {
      await producer.disconnect().catch(() => undefined)
      this.state = 'failed'
      this.why = `claiming transactional id '${transactionalId}' of ${this.topic} failed: ${messageOf(error)}`
      throw error
    }
    this.producer = producer
    this.state = 'transactional'
    this.logger.info({ topic: this.topic, transactionalId }, `claimed the writer of ${this.topic}`)
  }

  async close(): Promise<void> {
    const producer = this.producer
    this.producer = undefined
    await producer?.disconnect()
  }

  private newProducer(transactional?: { transactionalId: string; transactionTimeout: number }): Producer {
    return this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      ...transactional,
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
      try {
        await transaction.abort()
      } catch (abortError) {
        throw this.isFencing(abortError) ? this.unavailable('fenced', abortError) : this.unavailable('failed', error)
      }
      throw error
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
        : `a transaction on ${this.topic} could be neither committed nor aborted (${messageOf(cause)}); ` +
          'the writer must be claimed again'
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
