// The pure decisions of the leader election: identities, who leads, the assignment JSON, and what an
// assignment means to the member receiving it, in the exact JSON the Confluent registry exchanges.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  assignMembers,
  assignmentJson,
  DUPLICATE_URLS,
  elect,
  NO_ERROR,
  parseAssignment,
  roleOf,
} from '../../../src/registry/cluster/election.ts'
import type { Identity } from '../../../src/registry/cluster/identity.ts'
import { identityFromUrl, identityJson, parseIdentity, urlOf } from '../../../src/registry/cluster/identity.ts'

const id = (host: string, port: number, eligible = true): Identity => ({ host, port, scheme: 'http', eligible })
const metadata = (identity: Identity) => Buffer.from(JSON.stringify(identityJson(identity)))

test('the identity JSON is Confluent\'s member metadata, field for field', () => {
  assert.equal(
    JSON.stringify(identityJson(id('registry-1', 8081))),
    '{"version":1,"host":"registry-1","port":8081,"master_eligibility":true,"scheme":"http"}',
  )
})

test('parses identities of Confluent 5.x (no scheme) and 8.x (with leader), and rejects bad ones', () => {
  assert.deepEqual(parseIdentity({ version: 1, host: 'a', port: 8081, master_eligibility: false }), id('a', 8081, false))
  assert.deepEqual(
    parseIdentity({ version: 1, host: 'a', port: 443, master_eligibility: true, scheme: 'https', leader: true }),
    { host: 'a', port: 443, scheme: 'https', eligible: true },
  )
  for (const bad of [null, [], { host: '', port: 1, master_eligibility: true }, { host: 'a', port: 70000, master_eligibility: true },
    { host: 'a', port: 1, master_eligibility: 'yes' }, { host: 'a', port: 1, master_eligibility: true, scheme: 'ftp' }]) {
    assert.throws(() => parseIdentity(bad), TypeError, JSON.stringify(bad))
  }
})

test('an advertised URL gives the identity, with the scheme\'s port when it names none', () => {
  assert.deepEqual(identityFromUrl('http://10.0.0.5:8081', true), id('10.0.0.5', 8081))
  assert.deepEqual(identityFromUrl('https://registry.example.com', false), { host: 'registry.example.com', port: 443, scheme: 'https', eligible: false })
  assert.equal(urlOf(identityFromUrl('http://[::1]:8081/', true)), 'http://[::1]:8081')
  for (const bad of ['registry:8081', 'ftp://a:1', 'http://a:1/path']) assert.throws(() => identityFromUrl(bad, true), TypeError, bad)
})

test('the eligible member with the smallest URL leads', () => {
  const assignment = elect([
    { memberId: 'm-b', identity: id('b', 8081) },
    { memberId: 'm-a', identity: id('a', 8081, false) },
    { memberId: 'm-c', identity: id('a', 9000) },
  ])
  assert.deepEqual(assignment, { error: NO_ERROR, leaderMemberId: 'm-c', leader: id('a', 9000) })
})

test('URLs compare as text, as Confluent compares them', () => {
  const assignment = elect([
    { memberId: 'm-9', identity: id('127.0.0.1', 9000) },
    { memberId: 'm-10', identity: id('127.0.0.1', 10000) },
  ])
  assert.equal(assignment.leaderMemberId, 'm-10')
})

test('no eligible member: no leader, and every member learns it', () => {
  const assignment = elect([{ memberId: 'm-1', identity: id('a', 1, false) }])
  assert.deepEqual(assignment, { error: NO_ERROR, leaderMemberId: null, leader: null })
  assert.deepEqual(roleOf(assignment, 'm-1'), { kind: 'unknown', reason: 'no member of the group is eligible to lead' })
  assert.equal(assignmentJson(assignment), '{"version":1,"error":0,"master":null,"master_identity":null}')
})

test('two members advertising one URL get error 1 and no usable leader', () => {
  const assignment = elect([
    { memberId: 'm-1', identity: id('a', 1) },
    { memberId: 'm-2', identity: id('a', 1) },
  ])
  assert.equal(assignment.error, DUPLICATE_URLS)
  assert.equal(roleOf(assignment, 'm-1').kind, 'unknown')
})

test('the assignment JSON is Confluent\'s and reads back', () => {
  const assignment = elect([{ memberId: 'm-1', identity: id('a', 8081) }])
  const json = assignmentJson(assignment)
  assert.equal(
    json,
    '{"version":1,"error":0,"master":"m-1","master_identity":{"version":1,"host":"a","port":8081,"master_eligibility":true,"scheme":"http"}}',
  )
  assert.deepEqual(parseAssignment(json), assignment)
  assert.throws(() => parseAssignment('{"error":"x"}'), TypeError)
  assert.throws(() => parseAssignment('not json'), TypeError)
})

test('the leader reads its role as leader, the others as followers of its URL', () => {
  const assignment = elect([
    { memberId: 'm-1', identity: id('a', 8081) },
    { memberId: 'm-2', identity: id('b', 8081) },
  ])
  assert.deepEqual(roleOf(assignment, 'm-1'), { kind: 'leader' })
  assert.deepEqual(roleOf(assignment, 'm-2'), { kind: 'follower', leaderUrl: 'http://a:8081' })
})

test('the group leader gives every member the same assignment, skipping metadata that is no identity', () => {
  const assignments = assignMembers([
    { memberId: 'm-1', metadata: metadata(id('b', 1)) },
    { memberId: 'm-2', metadata: Buffer.from('{"version":1}') },
    { memberId: 'm-3', metadata: metadata(id('a', 1, false)) },
  ])
  assert.deepEqual([...assignments.keys()], ['m-1', 'm-2', 'm-3'])
  const texts = new Set([...assignments.values()].map((buffer) => buffer.toString()))
  assert.equal(texts.size, 1)
  assert.equal(parseAssignment([...texts][0]).leaderMemberId, 'm-1')
})
