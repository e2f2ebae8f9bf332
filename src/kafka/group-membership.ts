// Membership of a Kafka group with a protocol of our own (JoinGroup, SyncGroup, Heartbeat, LeaveGroup sent to
// the group coordinator), as the Confluent registry elects its leader (spec 5.5): kafkajs has a public API only
// for consumer groups, whose protocol type is `consumer`, so this drives the requests through kafkajs's broker
// objects. It rejoins by itself after a rebalance, an expired membership or a lost coordinator.
import type { Broker, Cluster, Kafka } from 'kafkajs'
import type { KafkaConnectionConfig, KafkaLogger } from './connection.ts'
import { clusterHandle } from './cluster-handle.ts'
import { createKafka, silentLogger } from './connection.ts'
import { errorTypes, messageOf } from './errors.ts'

export interface GroupMember {
  readonly memberId: string
  readonly metadata: Buffer
}

export interface GroupAssignment {
  readonly memberId: string
  readonly generationId: number
  readonly assignment: Buffer
}

export interface GroupMembershipOptions {
  readonly connection: KafkaConnectionConfig
  readonly groupId: string
  /** The class of protocols (`sr` for the schema registry); every member of a group must use the same. */
  readonly protocolType: string
  /** The one protocol this member speaks (`v0`) and its metadata, which the group leader receives. */
  readonly protocolName: string
  readonly metadata: Buffer
  /** The coordinator drops a member it has not heard from for this long (at least the broker's
   * group.min.session.timeout.ms, 6 s by default). */
  readonly sessionTimeoutMs: number
  /** Runs on the member Kafka chose as group leader: one assignment per member id. Must not throw. */
  readonly assign: (members: readonly GroupMember[]) => ReadonlyMap<string, Buffer>
  /** A generation began and this member received its assignment. */
  readonly onAssigned: (assignment: GroupAssignment) => void
  /** This member is no longer in the generation of its last assignment (a rebalance, an error, or stop()). */
  readonly onRevoked: () => void
  /** No heartbeat got through for a whole session: the group may have moved on without this member, which keeps
   * its assignment (it cannot learn better until it reaches the coordinator) but must not act on it alone. */
  readonly onSessionLost?: () => void
  readonly logger?: KafkaLogger
}

/** The broker requests kafkajs implements but does not declare in its types. */
interface GroupBroker {
  joinGroup(request: {
    groupId: string
    sessionTimeout: number
    rebalanceTimeout: number
    memberId: string
    protocolType: string
    groupProtocols: { name: string; metadata: Buffer }[]
  }): Promise<{ generationId: number; leaderId: string; memberId: string; members: { memberId: string; memberMetadata: Buffer }[] }>
  syncGroup(request: {
    groupId: string
    generationId: number
    memberId: string
    groupAssignment: { memberId: string; memberAssignment: Buffer }[]
  }): Promise<{ memberAssignment: Buffer }>
  heartbeat(request: { groupId: string; groupGenerationId: number; memberId: string }): Promise<unknown>
  leaveGroup(request: { groupId: string; memberId: string }): Promise<unknown>
}

// Answers after which the member must join again under a new member id.
const EXPIRED = ['UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION', 'FENCED_INSTANCE_ID']
// The coordinator's answers that end this member's generation; any other heartbeat failure (no connection, the
// coordinator moved) is retried while the session may still be alive.
const GENERATION_OVER = [...EXPIRED, 'REBALANCE_IN_PROGRESS']
const MAX_BACKOFF_MS = 1000
const STOP_WAIT_MS = 2000

export class GroupMembership {
  private readonly kafka: Kafka
  private readonly cluster: Cluster
  private readonly logger: KafkaLogger
  private readonly heartbeatMs: number
  private memberId = ''
  private generationId = -1
  private assigned = false
  private coordinator: (Broker & GroupBroker) | undefined
  private running = false
  private rejoinRequested = false
  private loop: Promise<void> = Promise.resolve()
  private wake: (() => void) | undefined

  constructor(private readonly options: GroupMembershipOptions) {
    if (!Number.isSafeInteger(options.sessionTimeoutMs) || options.sessionTimeoutMs < 1) {
      throw new TypeError(`GroupMembership: sessionTimeoutMs must be a positive integer, got ${options.sessionTimeoutMs}`)
    }
    this.logger = options.logger ?? silentLogger
    this.kafka = createKafka(options.connection, this.logger)
    this.cluster = clusterHandle(this.kafka, { groupId: options.groupId })
    // Several heartbeats per session, so one lost heartbeat does not cost the membership.
    this.heartbeatMs = Math.max(100, Math.min(3000, Math.floor(options.sessionTimeoutMs / 5)))
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.loop = this.run()
  }

  /** Leaves the current generation and joins again (the other members then rebalance too). */
  rejoin(): void {
    this.rejoinRequested = true
    this.wake?.()
  }

  /** Leaves the group, so the others rebalance at once instead of after the session timeout. */
  async stop(): Promise<void> {
    if (!this.running) return
    this.running = false
    this.wake?.()
    // A JoinGroup under way may take up to the session timeout to answer: leaving need not wait for it.
    let timer: NodeJS.Timeout | undefined
    await Promise.race([this.loop, new Promise((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)))])
    clearTimeout(timer)
    this.revoke()
    if (this.coordinator !== undefined && this.memberId !== '') {
      await this.coordinator.leaveGroup({ groupId: this.options.groupId, memberId: this.memberId }).catch((error: unknown) => {
        this.logger.debug({ err: error, groupId: this.options.groupId }, 'leaving the group failed')
      })
    }
    await this.cluster.disconnect().catch(() => undefined)
  }

  private async run(): Promise<void> {
    let failures = 0
    while (this.running) {
      try {
        this.coordinator ??= await this.findCoordinator()
        await this.joinAndSync(this.coordinator)
        failures = 0
        await this.heartbeat()
      } catch (error) {
        if (!this.running) break
        const types = errorTypes(error)
        // The coordinator said this generation is over: the assignment is void now. Any other failure (no
        // connection, the coordinator moved) keeps it until the member can join again, as Kafka's clients do.
        if (types.some((type) => GENERATION_OVER.includes(type))) this.revoke()
        if (types.some((type) => EXPIRED.includes(type))) this.memberId = ''
        if (types.includes('REBALANCE_IN_PROGRESS')) continue
        this.coordinator = undefined
        failures++
        this.logger.debug({ err: error, groupId: this.options.groupId }, `group membership: ${messageOf(error)}; joining again`)
        await this.pause(Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(failures, 4)))
      }
    }
  }

  private async findCoordinator(): Promise<Broker & GroupBroker> {
    await this.cluster.connect()
    return (await this.cluster.findGroupCoordinator({ groupId: this.options.groupId })) as Broker & GroupBroker
  }

  /** Revokes the last assignment, if the generation did not end before, only now that it joins again: while the
   * coordinator cannot be reached (a broker outage) the member keeps its assignment, and the registry its roles. */
  private async joinAndSync(coordinator: GroupBroker): Promise<void> {
    this.revoke()
    this.rejoinRequested = false
    const { groupId, protocolType, protocolName, metadata, sessionTimeoutMs } = this.options
    const joined = await coordinator.joinGroup({
      groupId,
      sessionTimeout: sessionTimeoutMs,
      rebalanceTimeout: sessionTimeoutMs,
      memberId: this.memberId,
      protocolType,
      groupProtocols: [{ name: protocolName, metadata }],
    })
    this.memberId = joined.memberId
    this.generationId = joined.generationId
    const groupAssignment =
      joined.leaderId === joined.memberId
        ? [...this.options.assign(joined.members.map((m) => ({ memberId: m.memberId, metadata: m.memberMetadata })))].map(
            ([memberId, memberAssignment]) => ({ memberId, memberAssignment }),
          )
        : []
    const { memberAssignment } = await coordinator.syncGroup({
      groupId,
      generationId: joined.generationId,
      memberId: joined.memberId,
      groupAssignment,
    })
    this.assigned = true
    this.options.onAssigned({ memberId: joined.memberId, generationId: joined.generationId, assignment: memberAssignment })
  }

  /**
   * Heartbeats until stopped or asked to rejoin. Throws when the coordinator ends the generation (a rebalance,
   * say), or when no heartbeat got through for a whole session, after which the group may have moved on.
   */
  private async heartbeat(): Promise<void> {
    let lastBeat = Date.now()
    while (this.running && !this.rejoinRequested) {
      await this.pause(this.heartbeatMs)
      if (!this.running || this.rejoinRequested) break
      try {
        this.coordinator ??= await this.findCoordinator()
        await this.coordinator.heartbeat({ groupId: this.options.groupId, groupGenerationId: this.generationId, memberId: this.memberId })
        lastBeat = Date.now()
      } catch (error) {
        if (errorTypes(error).some((type) => GENERATION_OVER.includes(type))) throw error
        if (Date.now() - lastBeat >= this.options.sessionTimeoutMs) {
          this.options.onSessionLost?.()
          throw error
        }
        this.coordinator = undefined
        this.logger.debug({ err: error, groupId: this.options.groupId }, `heartbeat failed (${messageOf(error)}); retrying`)
      }
    }
  }

  private revoke(): void {
    if (!this.assigned) return
    this.assigned = false
    this.options.onRevoked()
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms)
      function done(): void {
        clearTimeout(timer)
        resolve()
      }
      this.wake = done
    })
  }
}
