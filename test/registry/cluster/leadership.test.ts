// How an instance that neither leads nor forwards refuses a write: 50002 while it may lead again in a moment
// (claiming the writer, or cut off from the group), so that clients retry; 50004 when no leader is known.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { writeRefusal } from '../../../src/registry/cluster/leadership.ts'

test('a claiming or cut-off instance refuses writes with 50002; an electing one or one without a leader with 50004', () => {
  const codes = (['claiming', 'cut-off', 'electing'] as const).map((kind) => writeRefusal({ kind }).errorCode)
  assert.deepEqual(codes, [50002, 50002, 50004])
  const unknown = writeRefusal({ kind: 'unknown', reason: 'no member is eligible' })
  assert.deepEqual([unknown.status, unknown.errorCode], [500, 50004])
})
