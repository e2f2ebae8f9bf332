// The state of one JSON Schema diff: where the walk is, what it found, and which node pairs are being compared.
// Recursive schemas make the walk meet a pair it is still comparing further up. Such a pair is assumed
// compatible, which ends the recursion; if the pair then turns out incompatible, the whole diff is run again
// knowing that, until nothing changes (a fixed point), so the optimism never hides an incompatibility.

import type { Difference, DifferenceType } from './differences.ts'
import type { SchemaNode } from './model.ts'

class PairSet {
  private readonly pairs = new Map<SchemaNode, Set<SchemaNode>>()

  has(a: SchemaNode, b: SchemaNode): boolean {
    return this.pairs.get(a)?.has(b) ?? false
  }

  add(a: SchemaNode, b: SchemaNode): void {
    let set = this.pairs.get(a)
    if (set === undefined) this.pairs.set(a, (set = new Set()))
    set.add(b)
  }

  delete(a: SchemaNode, b: SchemaNode): void {
    this.pairs.get(a)?.delete(b)
  }

  *entries(): Iterable<[SchemaNode, SchemaNode]> {
    for (const [a, set] of this.pairs) for (const b of set) yield [a, b]
  }
}

/** Which pairs are being compared, which were assumed compatible, and what later runs must know. */
export class PairMemo {
  private readonly knownIncompatible = new PairSet()
  private inProgress = new PairSet()
  private assumed = new PairSet()
  private found = new PairSet()

  /** 'new' when the pair may be compared now; otherwise the verdict to assume for a pair already in progress. */
  enter(original: SchemaNode, update: SchemaNode): 'new' | 'assume-compatible' | 'assume-incompatible' {
    if (!this.inProgress.has(original, update)) {
      this.inProgress.add(original, update)
      return 'new'
    }
    this.assumed.add(original, update)
    return this.knownIncompatible.has(original, update) ? 'assume-incompatible' : 'assume-compatible'
  }

  leave(original: SchemaNode, update: SchemaNode, compatible: boolean): void {
    this.inProgress.delete(original, update)
    if (!compatible) this.found.add(original, update)
  }

  /** Ends a run; true when a pair assumed compatible proved incompatible, so the diff must run again. */
  needsAnotherRun(): boolean {
    let changed = false
    for (const [original, update] of this.assumed.entries()) {
      if (this.found.has(original, update) && !this.knownIncompatible.has(original, update)) {
        this.knownIncompatible.add(original, update)
        changed = true
      }
    }
    this.inProgress = new PairSet()
    this.assumed = new PairSet()
    this.found = new PairSet()
    return changed
  }
}

export class DiffContext {
  readonly differences: Difference[] = []
  /** Set when a recursive pair known to be incompatible was met: the context is incompatible without a
   * difference of its own (the pair reports its differences where it is compared). */
  private recursionIncompatible = false

  private constructor(
    readonly compatibleTypes: ReadonlySet<DifferenceType>,
    readonly memo: PairMemo,
    private readonly path: string[],
  ) {}

  static start(compatibleTypes: ReadonlySet<DifferenceType>, memo: PairMemo): DiffContext {
    return new DiffContext(compatibleTypes, memo, [])
  }

  /** A context at the same place that collects separately, to try a comparison before keeping its result. */
  sub(): DiffContext {
    return new DiffContext(this.compatibleTypes, this.memo, [...this.path])
  }

  /** Runs `step` one path segment (or several, joined by `/`) deeper. */
  at(segment: string, step: () => void): void {
    this.path.push(segment)
    try {
      step()
    } finally {
      this.path.pop()
    }
  }

  /** Records a difference here, or at `attribute` below here (`#/…/maxLength`). */
  add(type: DifferenceType, attribute?: string): void {
    const segments = attribute === undefined ? this.path : [...this.path, attribute]
    this.differences.push({ type, path: `#/${segments.join('/')}` })
  }

  markRecursionIncompatible(): void {
    this.recursionIncompatible = true
  }

  /** Keeps what a sub-context found. */
  merge(sub: DiffContext): void {
    this.differences.push(...sub.differences)
    if (sub.recursionIncompatible) this.recursionIncompatible = true
  }

  isCompatible(): boolean {
    return !this.recursionIncompatible && this.differences.every((d) => this.compatibleTypes.has(d.type))
  }
}
