// Confluent's JSON Schema diff (spec 3.2): walks the original (writer) and update (reader) schema trees together
// and lists every difference, compatible or not. Combined-vs-plain pairs get their special cases first, then a
// change of kind ends the comparison, then common attributes and the kind's own rules are compared.

import type { Json } from '../json-document/value.ts'
import { compareArrays } from './diff-array.ts'
import { compareCombined } from './diff-combined.ts'
import { DiffContext, PairMemo } from './diff-context.ts'
import { compareObjects } from './diff-object.ts'
import { compareConsts, compareEnums, compareNumbers, compareStrings } from './diff-scalars.ts'
import type { Difference, Policy } from './differences.ts'
import { compatibleChanges } from './differences.ts'
import { jsonEquals } from './json-values.ts'
import type { SchemaNode } from './model.ts'

/** Compares two optional subschemas where the walk is; how the kind-specific modules recurse. */
export type Compare = (ctx: DiffContext, original: SchemaNode | undefined, update: SchemaNode | undefined) => void

/** Every difference from `original` to `update`, the policy's compatible set steering the walk. */
export function diffModels(original: SchemaNode, update: SchemaNode, policy: Policy): Difference[] {
  const memo = new PairMemo()
  for (;;) {
    const ctx = DiffContext.start(compatibleChanges(policy), memo)
    compare(ctx, original, update)
    if (!memo.needsAnotherRun()) return ctx.differences
  }
}

const compare: Compare = (ctx, original, update) => {
  if (original === undefined && update === undefined) return
  if (original === undefined) return ctx.add('SCHEMA_ADDED')
  if (update === undefined) return ctx.add('SCHEMA_REMOVED')
  const o = dereference(original)
  const u = dereference(update)
  const entered = ctx.memo.enter(o, u)
  if (entered !== 'new') {
    if (entered === 'assume-incompatible') ctx.markRecursionIncompatible()
    return
  }
  const sub = ctx.sub()
  comparePair(sub, o, u)
  ctx.memo.leave(o, u, sub.isCompatible())
  ctx.merge(sub)
}

/** References are looked through: the diff compares what they point to. */
function dereference(node: SchemaNode): SchemaNode {
  const seen = new Set<SchemaNode>()
  let current = node
  // A `$ref` chain that returns to itself is rejected when parsing; the guard only keeps this loop finite.
  while (current.kind === 'ref' && !seen.has(current)) {
    seen.add(current)
    current = current.target()
  }
  return current
}

function comparePair(ctx: DiffContext, original: SchemaNode, update: SchemaNode): void {
  if (original.kind !== 'combined' && update.kind === 'combined') {
    if (update.subschemas.length === 1) {
      if (tryCompare(ctx, original, update.subschemas[0])) return
    } else if (update.criterion !== 'allOf') {
      // A plain schema becoming a union: fine if it matches one member.
      for (const member of update.subschemas) {
        if (tryCompare(ctx, original, member)) return ctx.add('SUM_TYPE_EXTENDED')
      }
    }
  } else if (original.kind === 'combined' && update.kind !== 'combined') {
    if (original.subschemas.length === 1 && tryCompare(ctx, original.subschemas[0], update)) return
    if (original.criterion === 'allOf') {
      // A product losing members: fine if one member alone is compatible with the update.
      for (const member of original.subschemas) {
        if (tryCompare(ctx, member, update)) return ctx.add('PRODUCT_TYPE_NARROWED')
      }
    }
  }
  if (original.kind !== update.kind) {
    // Nothing was valid before, or anything is valid now; or Kafka Connect bytes in either form.
    if (original.kind === 'false' || update.kind === 'empty') return
    if (original.connectType === 'bytes' && update.connectType === 'bytes') return
    return ctx.add('TYPE_CHANGED')
  }
  if (original.id !== update.id) ctx.add('ID_CHANGED')
  if (original.title !== update.title) ctx.add('TITLE_CHANGED')
  if (original.description !== update.description) ctx.add('DESCRIPTION_CHANGED')
  if (!sameDefault(original.default, update.default)) ctx.add('DEFAULT_CHANGED')
  compareKind(ctx, original, update)
}

/** Compares in a separate context and keeps the result only when it is compatible. */
function tryCompare(ctx: DiffContext, original: SchemaNode, update: SchemaNode): boolean {
  const sub = ctx.sub()
  compare(sub, original, update)
  if (!sub.isCompatible()) return false
  ctx.merge(sub)
  return true
}

function compareKind(ctx: DiffContext, original: SchemaNode, update: SchemaNode): void {
  // The caller checked the kinds are equal; each branch narrows `update` to the same kind.
  switch (original.kind) {
    case 'string':
      return compareStrings(ctx, original, update as typeof original)
    case 'number':
      return compareNumbers(ctx, original, update as typeof original)
    case 'enum':
      return compareEnums(ctx, original, update as typeof original)
    case 'const':
      return compareConsts(ctx, original, update as typeof original)
    case 'combined':
      return compareCombined(ctx, original, update as typeof original, compare)
    case 'not':
      return compareNot(ctx, original.schema, (update as typeof original).schema)
    case 'object':
      return compareObjects(ctx, original, update as typeof original, compare)
    case 'array':
      return compareArrays(ctx, original, update as typeof original, compare)
    default:
      return
  }
}

/** `not` turns the comparison around: the update may forbid less than the original did, not more. */
function compareNot(ctx: DiffContext, original: SchemaNode, update: SchemaNode): void {
  ctx.at('not', () => {
    const sub = ctx.sub()
    compare(sub, update, original)
    ctx.add(sub.isCompatible() ? 'NOT_TYPE_NARROWED' : 'NOT_TYPE_EXTENDED')
  })
}

const sameDefault = (a: Json | undefined, b: Json | undefined): boolean =>
  a === undefined || b === undefined ? a === b : jsonEquals(a, b)
