// Open, partially open and closed content models (spec 3.4): what an object allows for a property it does not
// name, and what an array allows past its tuple. Old data may hold anything an open model allowed, so a property
// added to it may reject old data; a closed model promises old data never had it; a partially open one allows
// only what its pattern or additional/unevaluated schema allows. Changes to those keywords are diffed here too.

import type { DiffContext } from './diff-context.ts'
import type { Compare } from './diff.ts'
import type { DifferenceType } from './differences.ts'
import type { ArrayNode, Extra, ObjectNode, SchemaNode } from './model.ts'

const isOpen = (extra: Extra): boolean => extra.permits && extra.schema === undefined

/** Open: `additionalProperties` absent or true, no `patternProperties`, `unevaluatedProperties` absent or true. */
export const isOpenObject = (object: ObjectNode): boolean =>
  object.patternProperties.length === 0 && isOpen(object.additionalProperties) && isOpen(object.unevaluatedProperties)

/**
 * The schema a partially open object gives a property it does not name: the first pattern property whose regex
 * occurs in the name, else a schema-valued `additionalProperties`, else (when `additionalProperties` is absent)
 * a schema-valued `unevaluatedProperties`. Undefined when the model is closed for that name.
 */
export function propertySchemaOfPartiallyOpen(object: ObjectNode, name: string): SchemaNode | undefined {
  const match = object.patternProperties.find(({ pattern }) => pattern.test(name))
  if (match !== undefined) return match.schema
  if (object.additionalProperties.schema !== undefined) return object.additionalProperties.schema
  return object.additionalProperties.permits ? object.unevaluatedProperties.schema : undefined
}

/** Open: `additionalItems` (2020-12: `items` after `prefixItems`) absent or true, `unevaluatedItems` too. */
export const isOpenArray = (array: ArrayNode): boolean => isOpen(array.additionalItems) && isOpen(array.unevaluatedItems)

/** The schema a partially open array gives items past its tuple; undefined when it is closed. */
export function itemSchemaOfPartiallyOpen(array: ArrayNode): SchemaNode | undefined {
  if (array.additionalItems.schema !== undefined) return array.additionalItems.schema
  return array.additionalItems.permits ? array.unevaluatedItems.schema : undefined
}

/**
 * Whether a partially open model's schema covers a property or item that one side lacks: their comparison, run
 * apart, is compatible. Its differences are kept either way, as Confluent's object and array diffs keep them.
 */
export function isCovered(ctx: DiffContext, original: SchemaNode, update: SchemaNode, compare: Compare): boolean {
  const sub = ctx.sub()
  compare(sub, original, update)
  ctx.merge(sub)
  return sub.isCompatible()
}

type ExtraTypes = readonly [added: DifferenceType, removed: DifferenceType, narrowed: DifferenceType, extended: DifferenceType]

/**
 * `additional*` / `unevaluated*`: "added" when the update stops forbidding extras, "removed" when it starts;
 * a schema appearing narrows, a schema disappearing extends, two schemas are compared.
 */
export function compareExtra(ctx: DiffContext, keyword: string, original: Extra, update: Extra, compare: Compare, types: ExtraTypes): void {
  const [added, removed, narrowed, extended] = types
  ctx.at(keyword, () => {
    if (original.permits !== update.permits) ctx.add(update.permits ? added : removed)
    else if (original.schema === undefined && update.schema !== undefined) ctx.add(narrowed)
    else if (original.schema !== undefined && update.schema === undefined) ctx.add(extended)
    else compare(ctx, original.schema, update.schema)
  })
}
