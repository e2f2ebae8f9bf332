// This instance's part in a group of registry instances: joins the election group, follows the assignments,
// and when elected fences every earlier leader and reads the log to its end before it takes a write (spec 5.5).
//
// Fencing is the Kafka log's transactional writer: one transactional id per group, so a new leader's
// initTransactions fences the previous leader's producer, whose next write then fails instead of landing.
// Ids are allocated from the replayed state, so reading the whole log after fencing (and before deciding)
// is what keeps a new leader from giving out an id the old one already gave.
import type { Logger } from 'pino'
import { storeTimeout, unknownLeader } from '../../errors.ts'
import type { ApiError } from '../../errors.ts'
import type { KafkaConnectionConfig } from '../../kafka/connection.ts'
import { GroupMembership } from '../../kafka/group-membership.ts'
import type { GroupAssignment } from '../../kafka/group-membership.ts'
import { assignMembers, parseAssignment, roleOf } from './election.ts'
import type { Role } from './election.ts'
import type { Identity } from './identity.ts'
import { identityJson, urlOf } from './identity.ts'

/**
 * - `electing`: between generations (joining, rebalancing); settles within moments.
 * - `claiming`: elected; fencing the previous leader and reading the log to its end.
 * - `cut-off`: was elected, then lost the group for a whole session: another may lead by now, so it neither
 *   writes nor claims until it has joined again.
 * - `leader`: this instance takes writes. `follower`: another does. `unknown`: nobody does.
 */
export type ClusterRole = Role | { readonly kind: 'electing' } | { readonly kind: 'claiming' } | { readonly kind: 'cut-off' }

/** Why a write that reached this instance is refused when it neither leads nor knows a leader to forward to:
 * 50002 while it may lead again in a moment (the client retries), 50004 when no leader is known. */
export function writeRefusal(role: ClusterRole): ApiError {
  switch (role.kind) {
    case 'claiming':
      return storeTimeout('this instance was elected leader and is still claiming the writer and reading the log; retry')
    case 'cut-off':
      return storeTimeout('this instance lost touch with the Kafka group and may no longer lead; retry')
    default:
      return unknownLeader()
  }
}

/** What the Kafka log offers the leader: KafkaLog.claimWriter. */
export interface WriterClaim {
  claimWriter(transactionalId: string): Promise<void>
}

export interface LeadershipOptions {
  readonly connection: KafkaConnectionConfig
  /** Confluent's `schema.registry.group.id`. */
  readonly groupId: string
  readonly log: WriterClaim
  /** How long the group waits for a silent member before electing without it. */
  readonly sessionTimeoutMs: number
  readonly logger: Logger
}

const CLAIM_RETRY_MS = 500

export class Leadership {
  readonly transactionalId: string
  private membership: GroupMembership | undefined
  private readonly logger: Logger
  private current: ClusterRole = { kind: 'electing' }
  /** The latest assignment names this instance leader. */
  private elected = false
  /** Our writer claimed the transactional id and no loss was reported since. */
  private claimed = false
  /** The generation of the latest assignment, and the latest one in which this instance led. */
  private generation = -1
  private ledInGeneration = -1
  private claiming = false
  private stopped = false
  private waiters: (() => void)[] = []

  constructor(private readonly options: LeadershipOptions) {
    this.logger = options.logger
    this.transactionalId = `schemaport-leader-${options.groupId}`
  }

  /** Joins the group as `identity`: the URL other instances forward writes to, and whether it may lead. */
  start(identity: Identity): void {
    if (this.membership !== undefined) throw new Error('Leadership: start() was already called')
    const { connection, groupId, sessionTimeoutMs, logger } = this.options
    this.membership = new GroupMembership({
      connection,
      groupId,
      protocolType: 'sr',
      protocolName: 'v0',
      metadata: Buffer.from(JSON.stringify(identityJson(identity)), 'utf8'),
      sessionTimeoutMs,
      assign: assignMembers,
      onAssigned: (assignment) => this.assigned(assignment),
      onRevoked: () => this.revoked(),
      onSessionLost: () => this.sessionLost(),
      logger,
    })
    logger.info({ groupId, url: urlOf(identity), eligible: identity.eligible }, 'joining the leader election group')
    this.membership.start()
  }

  /** Leaves the group (the others elect at once) and takes no more writes. */
  async stop(): Promise<void> {
    this.stopped = true
    await this.membership?.stop()
    this.elected = false
    this.set({ kind: 'unknown', reason: 'this instance is stopping' })
  }

  role(): ClusterRole {
    return this.current
  }

  /** The role once it is settled (not electing or claiming), or as it is after `waitMs`. */
  async settledRole(waitMs: number): Promise<ClusterRole> {
    const deadline = Date.now() + waitMs
    while (this.current.kind === 'electing' || this.current.kind === 'claiming') {
      const left = deadline - Date.now()
      if (left <= 0) break
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
    return this.current
  }

  /** The Kafka log reports that its writer can no longer write: fenced by a newer claimer, or failed. */
  writerLost(mode: 'fenced' | 'failed', reason: string): void {
    this.claimed = false
    if (!this.elected) return
    if (mode === 'fenced') {
      // Someone claimed after us, so the group has moved on without us: ask it who leads now.
      this.logger.warn({ reason }, 'this leader was fenced by another; rejoining the group')
      this.elected = false
      this.set({ kind: 'electing' })
      this.membership?.rejoin()
    } else {
      this.logger.warn({ reason }, 'the leader lost its writer; claiming it again')
      this.set({ kind: 'claiming' })
      this.claim()
    }
  }

  private assigned({ memberId, generationId, assignment }: GroupAssignment): void {
    if (this.stopped) return
    let role: Role
    try {
      role = roleOf(parseAssignment(assignment.toString('utf8')), memberId)
    } catch (error) {
      role = { kind: 'unknown', reason: `the group leader sent an assignment that is not one: ${(error as Error).message}` }
    }
    this.logger.info({ generationId, memberId, role }, 'leader election: new generation')
    this.elected = role.kind === 'leader'
    // Leading on without a new claim is safe only straight after a generation this instance led: otherwise
    // another may have led in between, and its records must be read (and its writer fenced) first.
    if (generationId !== this.ledInGeneration + 1) this.claimed = false
    this.generation = generationId
    if (role.kind !== 'leader') {
      this.claimed = false
      this.set(role)
    } else if (this.claimed) {
      this.ledInGeneration = generationId
      this.set(role)
    } else {
      this.set({ kind: 'claiming' })
      this.claim()
    }
  }

  private revoked(): void {
    this.elected = false
    if (!this.stopped) this.set({ kind: 'electing' })
  }

  /** The group was out of reach for a whole session and may have elected another: a follower forwards on (the
   * leader it knows decides), but this instance stops leading, and claiming, until it has joined again. */
  private sessionLost(): void {
    if (!this.elected) return
    this.logger.warn('the Kafka group was out of reach for a whole session: taking no writes until it is joined again')
    this.elected = false
    this.set({ kind: 'cut-off' })
  }

  /** Claims the writer until it is ours, as long as this instance stays elected; one claim at a time. */
  private claim(): void {
    if (this.claiming) return
    this.claiming = true
    void this.claimWhileElected()
  }

  private async claimWhileElected(): Promise<void> {
    while (this.elected && !this.claimed) {
      try {
        await this.options.log.claimWriter(this.transactionalId)
        this.claimed = true
        if (this.elected) {
          this.ledInGeneration = this.generation
          this.logger.info({ transactionalId: this.transactionalId }, 'this instance leads: earlier leaders fenced, log read to its end')
          this.set({ kind: 'leader' })
        }
      } catch (error) {
        this.logger.warn({ err: error }, `claiming the writer failed; retrying in ${CLAIM_RETRY_MS} ms`)
        await new Promise((resolve) => setTimeout(resolve, CLAIM_RETRY_MS))
      }
    }
    this.claiming = false
  }

  private set(role: ClusterRole): void {
    this.current = role
    for (const wake of this.waiters.splice(0)) wake()
  }
}
