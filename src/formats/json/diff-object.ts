// The diff of two object schemas: required flags, properties against the content models (spec 3.4),
// dependencies, additional/unevaluated properties, and the property-count bounds.

import { compareExtra, isCovered, isOpenObject, propertySchemaOfPartiallyOpen } from './content-model.ts'
import type { DiffContext } from './diff-context.ts'
import { byNumber, compareBound } from './diff-scalars.ts'
import type { Compare } from './diff.ts'
import type { ObjectNode, SchemaNode } from './model.ts'

export function compareObjects(ctx: DiffContext, original: ObjectNode, update: ObjectNode, compare: Compare): void {
  compareRequired(ctx, original, update)
  compareProperties(ctx, original, update, compare)
  compareDependencies(ctx, original, update, compare)
  compareExtra(ctx, 'additionalProperties', original.additionalProperties, update.additionalProperties, compare, [
    'ADDITIONAL_PROPERTIES_ADDED', 'ADDITIONAL_PROPERTIES_REMOVED', 'ADDITIONAL_PROPERTIES_NARROWED', 'ADDITIONAL_PROPERTIES_EXTENDED',
  ])
  compareExtra(ctx, 'unevaluatedProperties', original.unevaluatedProperties, update.unevaluatedProperties, compare, [
    'UNEVALUATED_PROPERTIES_ADDED', 'UNEVALUATED_PROPERTIES_REMOVED', 'UNEVALUATED_PROPERTIES_NARROWED', 'UNEVALUATED_PROPERTIES_EXTENDED',
  ])
  compareBound(ctx, 'maxProperties', original.maxProperties, update.maxProperties, byNumber, [
    'MAX_PROPERTIES_ADDED', 'MAX_PROPERTIES_REMOVED', 'MAX_PROPERTIES_INCREASED', 'MAX_PROPERTIES_DECREASED',
  ])
  compareBound(ctx, 'minProperties', original.minProperties, update.minProperties, byNumber, [
    'MIN_PROPERTIES_ADDED', 'MIN_PROPERTIES_REMOVED', 'MIN_PROPERTIES_INCREASED', 'MIN_PROPERTIES_DECREASED',
  ])
}

/** A required flag change matters only for a property both versions declare; the rest is the content model's. */
function compareRequired(ctx: DiffContext, original: ObjectNode, update: ObjectNode): void {
  for (const name of original.properties.keys()) {
    const updated = update.properties.get(name)
    if (updated === undefined) continue
    const wasRequired = original.required.has(name)
    const isRequired = update.required.has(name)
    if (wasRequired && !isRequired) ctx.add('REQUIRED_ATTRIBUTE_REMOVED', `required/${name}`)
    else if (!wasRequired && isRequired) {
      ctx.add(hasDefault(updated) ? 'REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED' : 'REQUIRED_ATTRIBUTE_ADDED', `required/${name}`)
    }
  }
}

function compareProperties(ctx: DiffContext, original: ObjectNode, update: ObjectNode, compare: Compare): void {
  const names = new Set([...original.properties.keys(), ...update.properties.keys()])
  for (const name of names) {
    ctx.at(`properties/${name}`, () => {
      const originalSchema = original.properties.get(name)
      const updateSchema = update.properties.get(name)
      if (originalSchema !== undefined && updateSchema !== undefined) compare(ctx, originalSchema, updateSchema)
      else if (originalSchema !== undefined) propertyRemoved(ctx, name, originalSchema, update, compare)
      else if (updateSchema !== undefined) propertyAdded(ctx, name, updateSchema, original, update, compare)
    })
  }
}

/** A property the update no longer names is judged by the update's content model: can it still read it? */
function propertyRemoved(ctx: DiffContext, name: string, removed: SchemaNode, update: ObjectNode, compare: Compare): void {
  if (isOpenObject(update)) return ctx.add('PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL')
  const covering = propertySchemaOfPartiallyOpen(update, name)
  if (covering !== undefined) {
    const covered = isCovered(ctx, removed, covering, compare)
    return ctx.add(covered ? 'PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' : 'PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL')
  }
  ctx.add(removed.kind === 'false' ? 'PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL' : 'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL')
}

/** A property the original did not name is judged by the original's content model: what could old data hold? */
function propertyAdded(ctx: DiffContext, name: string, added: SchemaNode, original: ObjectNode, update: ObjectNode, compare: Compare): void {
  const required = update.required.has(name)
  if (isOpenObject(original)) {
    if (added.kind === 'empty') return ctx.add('PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL')
    if (!required) return ctx.add('OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL')
    return ctx.add(hasDefault(added) ? 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL' : 'REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL')
  }
  const covering = propertySchemaOfPartiallyOpen(original, name)
  if (covering !== undefined) {
    const covered = isCovered(ctx, covering, added, compare)
    ctx.add(covered ? 'PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL' : 'PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL')
  }
  if (!required) return ctx.add('OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL')
  ctx.add(hasDefault(added) ? 'REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL' : 'REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL')
}

function compareDependencies(ctx: DiffContext, original: ObjectNode, update: ObjectNode, compare: Compare): void {
  const arrayNames = new Set([...original.propertyDependencies.keys(), ...update.propertyDependencies.keys()])
  for (const name of arrayNames) {
    const before = original.propertyDependencies.get(name)
    const after = update.propertyDependencies.get(name)
    const at = `dependencies/${name}`
    if (after === undefined) ctx.add('DEPENDENCY_ARRAY_REMOVED', at)
    else if (before === undefined) ctx.add('DEPENDENCY_ARRAY_ADDED', at)
    else {
      const extended = [...before].every((dependency) => after.has(dependency))
      const narrowed = [...after].every((dependency) => before.has(dependency))
      if (extended && narrowed) continue
      ctx.add(extended ? 'DEPENDENCY_ARRAY_EXTENDED' : narrowed ? 'DEPENDENCY_ARRAY_NARROWED' : 'DEPENDENCY_ARRAY_CHANGED', at)
    }
  }
  const schemaNames = new Set([...original.schemaDependencies.keys(), ...update.schemaDependencies.keys()])
  for (const name of schemaNames) {
    const before = original.schemaDependencies.get(name)
    const after = update.schemaDependencies.get(name)
    if (after === undefined) ctx.add('DEPENDENCY_SCHEMA_REMOVED', `dependencies/${name}`)
    else if (before === undefined) ctx.add('DEPENDENCY_SCHEMA_ADDED', `dependencies/${name}`)
    else ctx.at(`dependencies/${name}`, () => compare(ctx, before, after))
  }
}

/** everit's hasDefaultValue, read on the property's own schema (a `$ref` with a `default` beside it counts). */
const hasDefault = (schema: SchemaNode): boolean => schema.default !== undefined
