// Who leads, decided as the Confluent registry's group leader decides it (spec 5.5): the eligible member with
// the lexicographically smallest URL, one assignment JSON for every member, error 1 when two members advertise
// the same URL; and what an assignment means for the member that receives it.
import type { Identity } from './identity.ts'
import { identityJson, parseIdentity, urlOf } from './identity.ts'

export const NO_ERROR = 0
export const DUPLICATE_URLS = 1

export interface Assignment {
  readonly error: number
  /** The leader's Kafka member id; null when no member is eligible. */
  readonly leaderMemberId: string | null
  readonly leader: Identity | null
}

export interface Candidate {
  readonly memberId: string
  readonly identity: Identity
}

/** What a member does in the generation its assignment describes. */
export type Role =
  | { readonly kind: 'leader' }
  | { readonly kind: 'follower'; readonly leaderUrl: string }
  | { readonly kind: 'unknown'; readonly reason: string }

export function elect(candidates: readonly Candidate[]): Assignment {
  let leader: Candidate | undefined
  const urls = new Set<string>()
  for (const candidate of candidates) {
    const url = urlOf(candidate.identity)
    urls.add(url)
    if (candidate.identity.eligible && (leader === undefined || url < urlOf(leader.identity))) leader = candidate
  }
  return {
    error: urls.size === candidates.length ? NO_ERROR : DUPLICATE_URLS,
    leaderMemberId: leader?.memberId ?? null,
    leader: leader?.identity ?? null,
  }
}

/** The assignment JSON as Confluent writes it: `{"version":1,"error":0,"master":…,"master_identity":…}`. */
export function assignmentJson(assignment: Assignment): string {
  return JSON.stringify({
    version: 1,
    error: assignment.error,
    master: assignment.leaderMemberId,
    master_identity: assignment.leader === null ? null : identityJson(assignment.leader),
  })
}

/** Reads an assignment; throws a TypeError naming what is wrong. */
export function parseAssignment(text: string): Assignment {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new TypeError(`assignment: not JSON: ${JSON.stringify(text.slice(0, 200))}`)
  }
  if (typeof json !== 'object' || json === null) throw new TypeError(`assignment: expected a JSON object, got ${text.slice(0, 200)}`)
  const { error, master, master_identity: identity } = json as Record<string, unknown>
  if (!Number.isInteger(error)) throw new TypeError(`assignment: error must be an integer, got ${JSON.stringify(error)}`)
  if (master !== null && typeof master !== 'string') throw new TypeError(`assignment: master must be a string or null, got ${JSON.stringify(master)}`)
  return {
    error: error as number,
    leaderMemberId: master ?? null,
    leader: master === null || identity === null || identity === undefined ? null : parseIdentity(identity),
  }
}

/** The group leader's work: elects from the members' metadata and gives every member the same assignment.
 * A member whose metadata is not an identity can be neither leader nor reached; it still gets the assignment. */
export function assignMembers(members: readonly { memberId: string; metadata: Buffer }[]): Map<string, Buffer> {
  const candidates: Candidate[] = []
  for (const { memberId, metadata } of members) {
    const identity = identityIn(metadata)
    if (identity !== undefined) candidates.push({ memberId, identity })
  }
  const assignment = Buffer.from(assignmentJson(elect(candidates)), 'utf8')
  return new Map(members.map(({ memberId }) => [memberId, assignment]))
}

/** The role of member `memberId` under `assignment`. */
export function roleOf(assignment: Assignment, memberId: string): Role {
  if (assignment.error === DUPLICATE_URLS) return { kind: 'unknown', reason: 'two members of the group advertise the same URL' }
  if (assignment.error !== NO_ERROR) return { kind: 'unknown', reason: `the assignment carries error ${assignment.error}` }
  if (assignment.leaderMemberId === null || assignment.leader === null) return { kind: 'unknown', reason: 'no member of the group is eligible to lead' }
  if (assignment.leaderMemberId === memberId) return { kind: 'leader' }
  return { kind: 'follower', leaderUrl: urlOf(assignment.leader) }
}

function identityIn(metadata: Buffer): Identity | undefined {
  try {
    return parseIdentity(JSON.parse(metadata.toString('utf8')))
  } catch {
    return undefined
  }
}
