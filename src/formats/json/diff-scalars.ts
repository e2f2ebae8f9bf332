// The diff of the leaf kinds: string, number, enum and const, plus the bound comparison objects and arrays share.
// Limits compare by exact value; `multipleOf` changes are judged by divisibility (10 → 5 reads all old data,
// 5 → 10 does not), exactly rather than through Java's int truncation.

import type { Json, JsonNumber } from '../json-document/value.ts'
import { compareDecimals, isMultipleOf } from './decimal.ts'
import type { DiffContext } from './diff-context.ts'
import type { DifferenceType } from './differences.ts'
import { jsonEquals } from './json-values.ts'
import type { ConstNode, EnumNode, NumberNode, StringNode } from './model.ts'

type BoundTypes = readonly [added: DifferenceType, removed: DifferenceType, increased: DifferenceType, decreased: DifferenceType]

/** Compares an optional bound at `attribute`: added, removed, increased or decreased. */
export function compareBound<T>(
  ctx: DiffContext,
  attribute: string,
  original: T | undefined,
  update: T | undefined,
  compare: (a: T, b: T) => number,
  [added, removed, increased, decreased]: BoundTypes,
): void {
  if (original === undefined && update === undefined) return
  if (original === undefined) return ctx.add(added, attribute)
  if (update === undefined) return ctx.add(removed, attribute)
  const order = compare(original, update)
  if (order < 0) ctx.add(increased, attribute)
  else if (order > 0) ctx.add(decreased, attribute)
}

export const byNumber = (a: number, b: number): number => a - b
const byDecimal = (a: JsonNumber, b: JsonNumber): number => compareDecimals(a.text, b.text)

export function compareStrings(ctx: DiffContext, original: StringNode, update: StringNode): void {
  compareBound(ctx, 'maxLength', original.maxLength, update.maxLength, byNumber, ['MAX_LENGTH_ADDED', 'MAX_LENGTH_REMOVED', 'MAX_LENGTH_INCREASED', 'MAX_LENGTH_DECREASED'])
  compareBound(ctx, 'minLength', original.minLength, update.minLength, byNumber, ['MIN_LENGTH_ADDED', 'MIN_LENGTH_REMOVED', 'MIN_LENGTH_INCREASED', 'MIN_LENGTH_DECREASED'])
  // Patterns are compared as text: Confluent does not try to decide whether two regexes accept the same strings.
  if (original.pattern === undefined && update.pattern !== undefined) ctx.add('PATTERN_ADDED', 'pattern')
  else if (original.pattern !== undefined && update.pattern === undefined) ctx.add('PATTERN_REMOVED', 'pattern')
  else if (original.pattern !== update.pattern) ctx.add('PATTERN_CHANGED', 'pattern')
}

export function compareNumbers(ctx: DiffContext, original: NumberNode, update: NumberNode): void {
  compareBound(ctx, 'maximum', original.maximum, update.maximum, byDecimal, ['MAXIMUM_ADDED', 'MAXIMUM_REMOVED', 'MAXIMUM_INCREASED', 'MAXIMUM_DECREASED'])
  compareBound(ctx, 'minimum', original.minimum, update.minimum, byDecimal, ['MINIMUM_ADDED', 'MINIMUM_REMOVED', 'MINIMUM_INCREASED', 'MINIMUM_DECREASED'])
  // Confluent compares a lowered exclusiveMaximum with the update's `maximum` and throws when there is none;
  // we compare the two exclusive limits, which gives its verdict whenever it has one.
  compareBound(ctx, 'exclusiveMaximum', original.exclusiveMaximum, update.exclusiveMaximum, byDecimal, [
    'EXCLUSIVE_MAXIMUM_ADDED', 'EXCLUSIVE_MAXIMUM_REMOVED', 'EXCLUSIVE_MAXIMUM_INCREASED', 'EXCLUSIVE_MAXIMUM_DECREASED',
  ])
  compareBound(ctx, 'exclusiveMinimum', original.exclusiveMinimum, update.exclusiveMinimum, byDecimal, [
    'EXCLUSIVE_MINIMUM_ADDED', 'EXCLUSIVE_MINIMUM_REMOVED', 'EXCLUSIVE_MINIMUM_INCREASED', 'EXCLUSIVE_MINIMUM_DECREASED',
  ])
  compareMultipleOf(ctx, original.multipleOf, update.multipleOf)
  if (original.requiresInteger !== update.requiresInteger) ctx.add(original.requiresInteger ? 'TYPE_EXTENDED' : 'TYPE_NARROWED')
}

function compareMultipleOf(ctx: DiffContext, original: JsonNumber | undefined, update: JsonNumber | undefined): void {
  if (original === undefined && update === undefined) return
  if (original === undefined) return ctx.add('MULTIPLE_OF_ADDED', 'multipleOf')
  if (update === undefined) return ctx.add('MULTIPLE_OF_REMOVED', 'multipleOf')
  if (compareDecimals(original.text, update.text) === 0) return
  if (isMultipleOf(update.text, original.text)) ctx.add('MULTIPLE_OF_EXPANDED', 'multipleOf')
  else if (isMultipleOf(original.text, update.text)) ctx.add('MULTIPLE_OF_REDUCED', 'multipleOf')
  else ctx.add('MULTIPLE_OF_CHANGED', 'multipleOf')
}

/** Enum values compare as sets: a superset reads all old data, a subset or a different set may not. */
export function compareEnums(ctx: DiffContext, original: EnumNode, update: EnumNode): void {
  const includesAll = (values: readonly Json[], all: readonly Json[]) => all.every((value) => values.some((other) => jsonEquals(value, other)))
  const extended = includesAll(update.values, original.values)
  const narrowed = includesAll(original.values, update.values)
  if (extended && narrowed) return
  if (extended) ctx.add('ENUM_ARRAY_EXTENDED', 'enum')
  else if (narrowed) ctx.add('ENUM_ARRAY_NARROWED', 'enum')
  else ctx.add('ENUM_ARRAY_CHANGED', 'enum')
}

export function compareConsts(ctx: DiffContext, original: ConstNode, update: ConstNode): void {
  if (!jsonEquals(original.value, update.value)) ctx.add('ENUM_ARRAY_CHANGED', 'const')
}
