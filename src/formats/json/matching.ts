// Maximum bipartite matching, for pairing the subschemas of two combined schemas (spec 3.5).
// Kuhn's augmenting paths: O(V·E), plenty for the handful of subschemas an allOf/anyOf/oneOf holds. Each left
// vertex tries its cheapest edges first, so identical subschemas pair up and their differences stay out of the
// report when a cheaper pairing of the same size exists.

export interface Edge {
  readonly left: number
  readonly right: number
  /** Preference: lower is tried first (the number of differences the pairing would report). */
  readonly cost: number
}

/** A maximum set of edges no two of which share an end, ordered by left vertex. */
export function maximumMatching<E extends Edge>(edges: readonly E[], leftCount: number, rightCount: number): E[] {
  const byLeft: E[][] = Array.from({ length: leftCount }, () => [])
  for (const edge of edges) byLeft[edge.left].push(edge)
  for (const list of byLeft) list.sort((a, b) => a.cost - b.cost || a.right - b.right)
  const matchOfRight: (E | undefined)[] = new Array(rightCount).fill(undefined)
  const augment = (left: number, seen: boolean[]): boolean => {
    for (const edge of byLeft[left]) {
      if (seen[edge.right]) continue
      seen[edge.right] = true
      const current = matchOfRight[edge.right]
      if (current === undefined || augment(current.left, seen)) {
        matchOfRight[edge.right] = edge
        return true
      }
    }
    return false
  }
  for (let left = 0; left < leftCount; left++) augment(left, new Array(rightCount).fill(false))
  return matchOfRight.filter((edge): edge is E => edge !== undefined).sort((a, b) => a.left - b.left)
}
