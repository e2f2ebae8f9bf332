// The diff of two array schemas: the all-items schema, tuple positions against the content models (spec 3.4),
// additional/unevaluated items, and the item-count bounds. LENIENT changes nothing here.

import { compareExtra, isCovered, isOpenArray, itemSchemaOfPartiallyOpen } from './content-model.ts'
import type { DiffContext } from './diff-context.ts'
import { byNumber, compareBound } from './diff-scalars.ts'
import type { Compare } from './diff.ts'
import type { ArrayNode, SchemaNode } from './model.ts'

export function compareArrays(ctx: DiffContext, original: ArrayNode, update: ArrayNode, compare: Compare): void {
  ctx.at('items', () => compare(ctx, original.allItems, update.allItems))
  compareTuples(ctx, original, update, compare)
  compareExtra(ctx, 'additionalItems', original.additionalItems, update.additionalItems, compare, [
    'ADDITIONAL_ITEMS_ADDED', 'ADDITIONAL_ITEMS_REMOVED', 'ADDITIONAL_ITEMS_NARROWED', 'ADDITIONAL_ITEMS_EXTENDED',
  ])
  compareExtra(ctx, 'unevaluatedItems', original.unevaluatedItems, update.unevaluatedItems, compare, [
    'UNEVALUATED_ITEMS_ADDED', 'UNEVALUATED_ITEMS_REMOVED', 'UNEVALUATED_ITEMS_NARROWED', 'UNEVALUATED_ITEMS_EXTENDED',
  ])
  compareBound(ctx, 'maxItems', original.maxItems, update.maxItems, byNumber, ['MAX_ITEMS_ADDED', 'MAX_ITEMS_REMOVED', 'MAX_ITEMS_INCREASED', 'MAX_ITEMS_DECREASED'])
  compareBound(ctx, 'minItems', original.minItems, update.minItems, byNumber, ['MIN_ITEMS_ADDED', 'MIN_ITEMS_REMOVED', 'MIN_ITEMS_INCREASED', 'MIN_ITEMS_DECREASED'])
  if (original.uniqueItems !== update.uniqueItems) ctx.add(original.uniqueItems ? 'UNIQUE_ITEMS_REMOVED' : 'UNIQUE_ITEMS_ADDED', 'uniqueItems')
  compareBound(ctx, 'maxContains', original.maxContains, update.maxContains, byNumber, [
    'MAX_CONTAINS_ADDED', 'MAX_CONTAINS_REMOVED', 'MAX_CONTAINS_INCREASED', 'MAX_CONTAINS_DECREASED',
  ])
  compareBound(ctx, 'minContains', original.minContains, update.minContains, byNumber, [
    'MIN_CONTAINS_ADDED', 'MIN_CONTAINS_REMOVED', 'MIN_CONTAINS_INCREASED', 'MIN_CONTAINS_DECREASED',
  ])
}

/** Tuple positions both have are compared; the rest are judged like removed and added properties. */
function compareTuples(ctx: DiffContext, original: ArrayNode, update: ArrayNode, compare: Compare): void {
  const shared = Math.min(original.tuple.length, update.tuple.length)
  for (let i = 0; i < shared; i++) ctx.at(`items/${i}`, () => compare(ctx, original.tuple[i], update.tuple[i]))
  for (let i = shared; i < original.tuple.length; i++) ctx.at(`items/${i}`, () => itemRemoved(ctx, original.tuple[i], update, compare))
  for (let i = shared; i < update.tuple.length; i++) ctx.at(`items/${i}`, () => itemAdded(ctx, update.tuple[i], original, compare))
}

function itemRemoved(ctx: DiffContext, removed: SchemaNode, update: ArrayNode, compare: Compare): void {
  if (isOpenArray(update)) return ctx.add('ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL')
  const covering = itemSchemaOfPartiallyOpen(update)
  if (covering !== undefined) {
    const covered = isCovered(ctx, removed, covering, compare)
    return ctx.add(covered ? 'ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' : 'ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL')
  }
  ctx.add(removed.kind === 'false' ? 'ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL' : 'ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL')
}

function itemAdded(ctx: DiffContext, added: SchemaNode, original: ArrayNode, compare: Compare): void {
  if (isOpenArray(original)) {
    return ctx.add(added.kind === 'empty' ? 'ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL' : 'ITEM_ADDED_TO_OPEN_CONTENT_MODEL')
  }
  const covering = itemSchemaOfPartiallyOpen(original)
  if (covering === undefined) return ctx.add('ITEM_ADDED_TO_CLOSED_CONTENT_MODEL')
  const covered = isCovered(ctx, covering, added, compare)
  ctx.add(covered ? 'ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' : 'ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL')
}
