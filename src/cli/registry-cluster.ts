// The cluster wiring of `schemaport registry --store kafka`: the leader election over the Kafka group, the
// leader-only log the registry writes through, and the forwarding of writes to the leader.
import { hostname } from 'node:os'
import type { AddressInfo } from 'node:net'
import type { Logger } from 'pino'
import type { KafkaConnectionConfig } from '../kafka/connection.ts'
import type { ForwardingOptions } from '../registry/cluster/forwarding.ts'
import { identityFromUrl } from '../registry/cluster/identity.ts'
import { LeaderOnlyLog } from '../registry/cluster/leader-only-log.ts'
import { Leadership } from '../registry/cluster/leadership.ts'
import type { KafkaLog } from '../registry/store/kafka/kafka-log.ts'
import type { SchemaLog } from '../registry/store/schema-log.ts'
import type { RegistryConfig } from './config.ts'

export class RegistryCluster {
  readonly forwarding: ForwardingOptions
  private leadership: Leadership | undefined

  constructor(
    private readonly config: RegistryConfig,
    readonly connection: KafkaConnectionConfig,
    private readonly logger: Logger,
  ) {
    this.forwarding = {
      settledRole: (waitMs) => this.elected().settledRole(waitMs),
      timeoutMs: config.leaderTimeoutMs,
      // An election or a new leader's catch-up is waited for as long as a write waits for the store.
      waitMs: config.kafkaTimeoutMs,
    }
  }

  /** For KafkaLog's `onWriterLost`. */
  readonly writerLost = (mode: 'fenced' | 'failed', reason: string): void => this.leadership?.writerLost(mode, reason)

  /** The log the registry writes through: it appends to `log` only while this instance leads. */
  lead(log: KafkaLog): SchemaLog {
    const leadership = new Leadership({
      connection: this.connection,
      groupId: this.config.groupId,
      log,
      sessionTimeoutMs: this.config.groupSessionTimeoutMs,
      logger: this.logger,
    })
    this.leadership = leadership
    return new LeaderOnlyLog(log, () => leadership.role())
  }

  /** Joins the election, advertising `advertisedUrl` or else the address the REST API listens on. */
  join(address: AddressInfo): void {
    const url = this.config.advertisedUrl === '' ? `http://${this.listeningHost()}:${address.port}` : this.config.advertisedUrl
    this.elected().start(identityFromUrl(url, this.config.leaderEligibility))
  }

  /** Leaves the group, so the others elect a new leader at once. */
  async leave(): Promise<void> {
    await this.leadership?.stop()
  }

  /** Every interface is no address another instance can call: the machine's name is (Confluent's host.name). */
  private listeningHost(): string {
    const host = this.config.host
    if (host === '0.0.0.0' || host === '::') return hostname()
    return host.includes(':') ? `[${host}]` : host
  }

  private elected(): Leadership {
    if (this.leadership === undefined) throw new Error('the cluster has no log to lead: lead() was not called')
    return this.leadership
  }
}
