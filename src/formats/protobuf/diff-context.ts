// The state of one Protobuf diff walk, after Confluent's diff Context: the path being reported (`#/Msg/2`),
// the enclosing type names used to resolve relative type names on either side, each side's package, the
// original messages whose fields are being compared further up (the recursion guard), and the differences found.

import type { Difference, DifferenceType } from './differences.ts'
import { isCompatible } from './differences.ts'
import type { MessageElement } from './model.ts'
import type { Scope, SymbolTable, TypeInfo } from './symbols.ts'

export type Side = 'original' | 'update'

export class DiffContext {
  readonly differences: Difference[] = []

  constructor(
    private readonly tables: Readonly<Record<Side, SymbolTable>>,
    private readonly packages: Readonly<Record<Side, string>>,
    private readonly comparing: Set<MessageElement> = new Set(),
    private readonly path: string[] = [],
    private readonly names: string[] = [],
  ) {}

  add(type: DifferenceType): void {
    this.differences.push({ type, path: '#/' + this.path.join('/') })
  }

  /** Runs `body` with `segment` appended to the reported path. */
  atPath<T>(segment: string | number, body: () => T): T {
    this.path.push(String(segment))
    try {
      return body()
    } finally {
      this.path.pop()
    }
  }

  /** Runs `body` inside the type `name`: appended to the path and to the scope names resolve from. */
  inType<T>(name: string, body: () => T): T {
    this.names.push(name)
    try {
      return this.atPath(name, body)
    } finally {
      this.names.pop()
    }
  }

  /** Runs `body` unless the fields of `original` are already being compared further up; true when it ran. */
  guard(original: MessageElement, body: () => void): boolean {
    if (this.comparing.has(original)) return false
    this.comparing.add(original)
    try {
      body()
    } finally {
      this.comparing.delete(original)
    }
    return true
  }

  scope(side: Side): Scope {
    return { packageName: this.packages[side], names: this.names }
  }

  /** The full name a type name means on `side` from the current scope. */
  resolve(name: string, side: Side): string | undefined {
    return this.tables[side].resolveType(name, this.scope(side))
  }

  lookup(name: string, side: Side): TypeInfo | undefined {
    return this.tables[side].lookup(name, this.scope(side))
  }

  /** A fresh walk rooted at a referenced type (its differences are reported relative to it), sharing the guard. */
  subcontext(originalPackage: string, updatePackage: string, localName: string): DiffContext {
    const parts = localName.split('.')
    return new DiffContext(this.tables, { original: originalPackage, update: updatePackage }, new Set(this.comparing), [...parts], [...parts])
  }

  addAll(differences: readonly Difference[]): void {
    this.differences.push(...differences)
  }

  isCompatible(): boolean {
    return this.differences.every(isCompatible)
  }
}
