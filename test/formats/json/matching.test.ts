// Maximum bipartite matching for combined subschemas: maximum size first, cheap pairs preferred.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { maximumMatching } from '../../../src/formats/json/matching.ts'

const pairs = (edges: { left: number; right: number }[]) => edges.map(({ left, right }) => `${left}-${right}`)

test('finds a matching of maximum size through an augmenting path', () => {
  // Greedy would pair 0-0 and leave 1 unmatched; the maximum moves 0 to 1.
  const edges = [{ left: 0, right: 0, cost: 0 }, { left: 0, right: 1, cost: 0 }, { left: 1, right: 0, cost: 0 }]
  assert.deepEqual(pairs(maximumMatching(edges, 2, 2)), ['0-1', '1-0'])
})

test('prefers the cheaper pairing when several have the same size', () => {
  const edges = [{ left: 0, right: 0, cost: 1 }, { left: 0, right: 2, cost: 0 }, { left: 1, right: 1, cost: 0 }]
  assert.deepEqual(pairs(maximumMatching(edges, 2, 3)), ['0-2', '1-1'])
})

test('leaves vertices without compatible partners unmatched', () => {
  assert.deepEqual(maximumMatching([], 2, 2), [])
  assert.deepEqual(pairs(maximumMatching([{ left: 1, right: 0, cost: 0 }, { left: 0, right: 0, cost: 0 }], 2, 1)), ['0-0'])
})
