// Follows one partition from offset 0 for as long as it runs, delivering its committed records in offset order,
// each exactly once, and reconnecting by itself when the broker comes back.
//
// It sends Fetch requests to the partition leader itself rather than running a kafkajs consumer: kafkajs has
// no manual assignment, and a consumer group would cost a group join (3 s of initial rebalance delay on a
// default broker) at every start, and after a crash the consumer restarts from the committed offset (we commit
// none), which would deliver every record again. The consumer's own cluster object does the connecting
// and metadata; see cluster-handle.ts.
import type { Broker, Cluster, Kafka } from 'kafkajs'
import type { KafkaLogger } from './connection.ts'
import { clusterHandle } from './cluster-handle.ts'
import { silentLogger } from './connection.ts'
import { STALL_MS, StalledError, within } from './deadline.ts'
import { messageOf } from './errors.ts'
import type { FetchedPartition, PartitionRecord } from './fetched-records.ts'
import { readFetched } from './fetched-records.ts'

export interface PartitionReaderOptions {
  readonly topic: string
  readonly partition?: number
  /** Receives each run of fetched records, in offset order, before waitFor() promises up to them resolve. */
  readonly onRecords: (records: readonly PartitionRecord[]) => void
  readonly logger?: KafkaLogger
  /** How long one fetch waits at the end of the partition for new records, and so how long stop() may take.
   * Default 200 ms. */
  readonly pollMs?: number
  /** A fetch (with its connecting) unanswered for this long gets a new client (see deadline.ts). Default 10 s. */
  readonly stallMs?: number
}

export interface ReaderStatus {
  /** The next offset to read: every record below it was delivered. */
  readonly position: number
  /** The end offset (last stable offset) the latest fetch reported; undefined before the first one. */
  readonly endOffset: number | undefined
  /** Whether the latest fetch succeeded. */
  readonly connected: boolean
  /** Why the latest fetch failed, while not connected. */
  readonly lastError: string | undefined
}

// Kafka protocol constant (Fetch and ListOffsets isolation_level): only records of committed transactions.
const READ_COMMITTED = 1
// Kafka always returns a partition's first batch whole, even a larger one (KIP-74); this bounds the rest.
const FETCH_MAX_BYTES = 8 * 1024 * 1024
const MAX_BACKOFF_MS = 1000

interface Waiter {
  readonly target: number
  readonly resolve: () => void
  readonly reject: (error: Error) => void
}

export class PartitionReader {
  private readonly kafka: Kafka
  private cluster: Cluster
  private readonly topic: string
  private readonly partition: number
  private readonly logger: KafkaLogger
  private readonly pollMs: number
  private readonly stallMs: number
  private readonly onRecords: PartitionReaderOptions['onRecords']
  private next = 0
  private end: number | undefined
  private connected = false
  private lastError: string | undefined
  private leader: Broker | undefined
  private staleMetadata = false
  private running = false
  private loop: Promise<void> = Promise.resolve()
  private waiters: Waiter[] = []
  private wake: (() => void) | undefined

  constructor(kafka: Kafka, options: PartitionReaderOptions) {
    this.kafka = kafka
    this.cluster = fetchCluster(kafka)
    this.topic = options.topic
    this.partition = options.partition ?? 0
    this.onRecords = options.onRecords
    this.logger = options.logger ?? silentLogger
    this.pollMs = options.pollMs ?? 200
    this.stallMs = options.stallMs ?? STALL_MS
  }

  /** Starts reading from offset 0. */
  start(): void {
    if (this.running) return
    this.running = true
    this.loop = this.run()
  }

  get position(): number {
    return this.next
  }

  status(): ReaderStatus {
    return { position: this.next, endOffset: this.end, connected: this.connected, lastError: this.lastError }
  }

  /** Resolves once every record below `offset` was delivered; rejects if the reader stops first. */
  waitFor(offset: number): Promise<void> {
    if (this.next >= offset) return Promise.resolve()
    if (!this.running) return Promise.reject(new Error(`the reader of ${this.topic} is stopped`))
    return new Promise((resolve, reject) => this.waiters.push({ target: offset, resolve, reject }))
  }

  /** Asks the partition leader for the current end offset a read-committed reader can reach. */
  async fetchEndOffset(): Promise<number> {
    await this.findLeader()
    const [offsets] = await this.cluster.fetchTopicsOffset([
      { topic: this.topic, partitions: [{ partition: this.partition }], fromBeginning: false },
    ])
    const offset = offsets?.partitions.find((p) => p.partition === this.partition)?.offset
    if (offset === undefined) throw new Error(`Kafka did not report the end offset of ${this.topic}`)
    return Number(offset)
  }

  /** Stops reading and disconnects; pending waitFor() promises reject. */
  async stop(): Promise<void> {
    this.running = false
    this.wake?.()
    await this.cluster.disconnect().catch(() => undefined)
    await this.loop
    const stopped = new Error(`the reader of ${this.topic} is stopped`)
    for (const waiter of this.waiters.splice(0)) waiter.reject(stopped)
  }

  private async run(): Promise<void> {
    let backoff = 0
    while (this.running) {
      try {
        await within(this.fetchOnce(), this.stallMs, `reading ${this.topic} at offset ${this.next}`)
        backoff = 0
      } catch (error) {
        if (!this.running) return
        backoff = Math.min(Math.max(backoff * 2, 50), MAX_BACKOFF_MS)
        await this.recover(error)
        await this.sleep(backoff)
      }
    }
  }

  private async fetchOnce(): Promise<void> {
    const cluster = this.cluster
    const leader = await this.findLeader()
    const catchingUp = this.end === undefined || this.next < this.end
    const response = await leader.fetch({
      isolationLevel: READ_COMMITTED,
      maxWaitTime: catchingUp ? 0 : this.pollMs,
      minBytes: 1,
      maxBytes: FETCH_MAX_BYTES,
      topics: [
        {
          topic: this.topic,
          partitions: [{ partition: this.partition, fetchOffset: String(this.next), maxBytes: FETCH_MAX_BYTES }],
        },
      ],
    })
    // Stopped, or given up on as stalled and replaced meanwhile: this answer is not ours to apply.
    if (!this.running || cluster !== this.cluster) return
    this.markConnected()
    const data = (response as FetchResponse).responses
      .find((r) => r.topicName === this.topic)
      ?.partitions.find((p) => p.partition === this.partition)
    // A throttled fetch comes back without partitions; so may one cut short by the broker: just fetch again.
    if (data === undefined) return this.sleep(Number((response as FetchResponse).clientSideThrottleTime ?? 0))
    const fetched = readFetched(data, this.next)
    this.end = fetched.endOffset
    if (fetched.records.length > 0) this.deliver(fetched.records)
    if (fetched.nextOffset > this.next) {
      this.advance(fetched.nextOffset)
    } else if (this.next < fetched.endOffset) {
      // Nothing readable came back below the stable end: only batches whose records were all compacted away
      // (kafkajs drops their headers, which say where they end), or no batch at all. One offset at a time
      // never skips a record.
      this.advance(this.next + 1)
    }
  }

  private deliver(records: readonly PartitionRecord[]): void {
    try {
      this.onRecords(records)
    } catch (error) {
      // The records are in the log whatever the listener does; stopping the reader would not undo them.
      this.logger.error({ err: error, topic: this.topic }, 'the record listener threw; reading on')
    }
  }

  private advance(position: number): void {
    this.next = position
    if (this.waiters.length === 0) return
    const still: Waiter[] = []
    for (const waiter of this.waiters) {
      if (waiter.target <= position) waiter.resolve()
      else still.push(waiter)
    }
    this.waiters = still
  }

  private async findLeader(): Promise<Broker> {
    if (this.leader !== undefined) return this.leader
    await this.cluster.connect()
    await this.cluster.addTargetTopic(this.topic)
    if (this.staleMetadata) await this.cluster.refreshMetadata()
    this.staleMetadata = false
    const metadata = this.cluster.findTopicPartitionMetadata(this.topic).find((p) => p.partitionId === this.partition)
    if (metadata === undefined || metadata.leader === undefined || metadata.leader < 0) {
      this.staleMetadata = true
      throw new Error(`Kafka reports no leader for partition ${this.partition} of ${this.topic}`)
    }
    this.leader = await this.cluster.findBroker({ nodeId: String(metadata.leader) })
    return this.leader
  }

  private async recover(error: unknown): Promise<void> {
    this.leader = undefined
    this.staleMetadata = true
    if (error instanceof StalledError) this.replaceCluster()
    if ((error as Error)?.name === 'KafkaJSOffsetOutOfRange') {
      await this.skipToLogStart().catch(() => undefined)
      return
    }
    const message = `reading ${this.topic} failed at offset ${this.next}: ${messageOf(error)}`
    // Warn once per outage; each further failed attempt goes to debug.
    if (this.connected || this.lastError === undefined) {
      this.logger.warn({ err: error, topic: this.topic, position: this.next }, `${message}; retrying until Kafka answers`)
    } else {
      this.logger.debug({ err: error, topic: this.topic, position: this.next }, message)
    }
    this.connected = false
    this.lastError = messageOf(error)
  }

  /** Drops a client whose requests hang, for a new one; the old one's sockets are closed without waiting. */
  private replaceCluster(): void {
    const stalled = this.cluster
    this.cluster = fetchCluster(this.kafka)
    void stalled.disconnect().catch(() => undefined)
  }

  /** Offsets below the log start are gone (retention, DeleteRecords): Kafka answers OFFSET_OUT_OF_RANGE. */
  private async skipToLogStart(): Promise<void> {
    await this.findLeader()
    const [offsets] = await this.cluster.fetchTopicsOffset([
      { topic: this.topic, partitions: [{ partition: this.partition }], fromBeginning: true },
    ])
    const start = Number(offsets?.partitions.find((p) => p.partition === this.partition)?.offset ?? 0)
    if (start > this.next) {
      this.logger.warn(
        { topic: this.topic, from: this.next, to: start },
        `records ${this.next} to ${start - 1} of ${this.topic} were deleted from Kafka; reading on from ${start}`,
      )
      this.advance(start)
    }
  }

  private markConnected(): void {
    if (!this.connected && this.lastError !== undefined) {
      this.logger.info({ topic: this.topic, position: this.next }, `reading ${this.topic} again`)
    }
    this.connected = true
    this.lastError = undefined
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0 || !this.running) return Promise.resolve()
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer)
        this.wake = undefined
        resolve()
      }
      const timer = setTimeout(done, ms)
      this.wake = done
    })
  }
}

interface FetchResponse {
  readonly clientSideThrottleTime?: number
  readonly responses: readonly { readonly topicName: string; readonly partitions: readonly (FetchedPartition & { readonly partition: number })[] }[]
}

/** The cluster client the reader fetches through, read-committed (see cluster-handle.ts). */
function fetchCluster(kafka: Kafka): Cluster {
  return clusterHandle(kafka, { groupId: 'schemaport-partition-reader', readUncommitted: false, allowAutoTopicCreation: false })
}
