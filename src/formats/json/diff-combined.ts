// The diff of two combined schemas (spec 3.5): allOf is a product, anyOf/oneOf a sum. The criteria are compared
// first, then the de-duplicated subschemas are paired by a maximum bipartite matching over the compatible
// pairs, so reordering members is free and only unmatched members make the change incompatible.

import { writeJson } from '../json-document/write.ts'
import type { DiffContext } from './diff-context.ts'
import type { Compare } from './diff.ts'
import type { CombinedNode, SchemaNode } from './model.ts'
import { maximumMatching } from './matching.ts'

export function compareCombined(ctx: DiffContext, original: CombinedNode, update: CombinedNode, compare: Compare): void {
  if (!compareCriteria(ctx, original, update)) return
  const originals = distinct(original.subschemas)
  const updates = distinct(update.subschemas)
  if (originals.length < updates.length) ctx.add(update.criterion === 'allOf' ? 'PRODUCT_TYPE_EXTENDED' : 'SUM_TYPE_EXTENDED')
  else if (originals.length > updates.length) ctx.add(original.criterion === 'allOf' ? 'PRODUCT_TYPE_NARROWED' : 'SUM_TYPE_NARROWED')
  const edges: { left: number; right: number; cost: number; found: DiffContext }[] = []
  originals.forEach((originalSubschema, left) => {
    ctx.at(`${original.criterion}/${left}`, () => {
      updates.forEach((updateSubschema, right) => {
        const sub = ctx.sub()
        compare(sub, originalSubschema, updateSubschema)
        if (sub.isCompatible()) edges.push({ left, right, cost: sub.differences.length, found: sub })
      })
    })
  })
  const matching = maximumMatching(edges, originals.length, updates.length)
  for (const edge of matching) ctx.merge(edge.found)
  // A matching that does not cover the smaller side leaves a member with no compatible counterpart.
  if (matching.length < Math.min(originals.length, updates.length)) ctx.add('COMBINED_TYPE_SUBSCHEMAS_CHANGED')
}

/** False (after recording COMBINED_TYPE_CHANGED) when the criteria differ in a way that ends the comparison. */
function compareCriteria(ctx: DiffContext, original: CombinedNode, update: CombinedNode): boolean {
  if (original.criterion === update.criterion) return true
  const single = (node: CombinedNode) => node.subschemas.length === 1
  const extended =
    update.criterion === 'anyOf' ||
    (single(original) && single(update)) ||
    (single(original) && update.criterion === 'oneOf') ||
    (single(update) && original.criterion === 'allOf')
  ctx.add(extended ? 'COMBINED_TYPE_EXTENDED' : 'COMBINED_TYPE_CHANGED')
  return extended
}

const canonicalTexts = new WeakMap<SchemaNode, string>()

/** The subschemas without repeats, by canonical text (Confluent collects them into a LinkedHashSet). */
function distinct(subschemas: readonly SchemaNode[]): SchemaNode[] {
  const seen = new Set<string>()
  return subschemas.filter((node) => {
    let text = canonicalTexts.get(node)
    if (text === undefined) canonicalTexts.set(node, (text = `${writeJson(node.source)}\u0000${node.part}`))
    if (seen.has(text)) return false
    seen.add(text)
    return true
  })
}
