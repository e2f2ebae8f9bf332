// Compares two versions of one message (Confluent's MessageSchemaDiff after its June-2026 rework,
// compatibility.md 4.1 step 3). Every field, top-level or oneof member, is keyed by its number, so a renamed,
// merged or dissolved oneof cannot hide a field change. A oneof of the update whose pre-existing members came
// from more than one origin group (one original oneof, or one original top-level field) makes fields mutually
// exclusive that were not before. Nested types are compared even when the recursion guard skips the fields.

import type { DiffContext } from './diff-context.ts'
import type { DifferenceType } from './differences.ts'
import { compareFields } from './field-diff.ts'
import type { FieldElement, MessageElement } from './model.ts'
import { compareTypeElements } from './schema-diff.ts'

interface Members {
  readonly byTag: Map<number, FieldElement>
  /** The enclosing oneof of each oneof member. */
  readonly oneOfOf: Map<number, string>
  readonly oneOfs: Map<string, readonly FieldElement[]>
}

function members(message: MessageElement): Members {
  const result: Members = { byTag: new Map(), oneOfOf: new Map(), oneOfs: new Map() }
  for (const field of message.fields) result.byTag.set(field.tag, field)
  for (const oneOf of message.oneOfs) {
    result.oneOfs.set(oneOf.name, oneOf.fields)
    for (const field of oneOf.fields) {
      result.byTag.set(field.tag, field)
      result.oneOfOf.set(field.tag, oneOf.name)
    }
  }
  return result
}

const sorted = <T>(values: Iterable<T>, compare: (a: T, b: T) => number): T[] => [...new Set(values)].sort(compare)

export function compareMessages(ctx: DiffContext, original: MessageElement, update: MessageElement): void {
  ctx.guard(original, () => compareMembers(ctx, original, update))
  compareTypeElements(ctx, original.nestedTypes, update.nestedTypes)
}

function compareMembers(ctx: DiffContext, original: MessageElement, update: MessageElement): void {
  const before = members(original)
  const after = members(update)

  // Removing a whole oneof with every member is compatible; if some members survive elsewhere, the others
  // are reported as removed from it below.
  const deletedOneOfs = new Set(
    [...before.oneOfs].filter(([name, fields]) => !after.oneOfs.has(name) && fields.every((f) => !after.byTag.has(f.tag))).map(([name]) => name),
  )

  for (const oneOf of update.oneOfs) {
    ctx.atPath(oneOf.name, () => {
      const groups = new Set<string>()
      let topLevelMovedIn = 0
      for (const field of oneOf.fields) {
        const originalOneOf = before.oneOfOf.get(field.tag)
        if (originalOneOf !== undefined) {
          groups.add(`oneof:${originalOneOf}`)
        } else if (before.byTag.has(field.tag)) {
          groups.add(`field:${field.tag}`)
          topLevelMovedIn++
        }
      }
      if (groups.size > 1) ctx.add(topLevelMovedIn > 1 ? 'MULTIPLE_FIELDS_MOVED_TO_ONEOF' : 'FIELD_MOVED_TO_EXISTING_ONEOF')
    })
  }

  for (const name of sorted([...before.oneOfs.keys(), ...after.oneOfs.keys()], (a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!after.oneOfs.has(name)) ctx.atPath(name, () => ctx.add('ONEOF_REMOVED'))
    else if (!before.oneOfs.has(name)) ctx.atPath(name, () => ctx.add('ONEOF_ADDED'))
  }

  const atField = (oneOf: string | undefined, tag: number, body: () => void): void =>
    oneOf === undefined ? ctx.atPath(tag, body) : ctx.atPath(oneOf, () => ctx.atPath(tag, body))
  const report = (oneOf: string | undefined, tag: number, type: DifferenceType): void => atField(oneOf, tag, () => ctx.add(type))

  for (const tag of sorted([...before.byTag.keys(), ...after.byTag.keys()], (a, b) => a - b)) {
    const originalField = before.byTag.get(tag)
    const updateField = after.byTag.get(tag)
    const originalOneOf = before.oneOfOf.get(tag)
    const updateOneOf = after.oneOfOf.get(tag)
    if (updateField === undefined) {
      if (originalOneOf === undefined) report(undefined, tag, originalField?.label === 'required' ? 'REQUIRED_FIELD_REMOVED' : 'FIELD_REMOVED')
      else if (!deletedOneOfs.has(originalOneOf)) report(originalOneOf, tag, 'ONEOF_FIELD_REMOVED')
    } else if (originalField === undefined) {
      if (updateOneOf !== undefined) report(updateOneOf, tag, 'ONEOF_FIELD_ADDED')
      else report(undefined, tag, updateField.label === 'required' ? 'REQUIRED_FIELD_ADDED' : 'FIELD_ADDED')
    } else {
      // Moving out of a oneof only relaxes mutual exclusivity; the field itself is compared where it now is.
      if (originalOneOf !== undefined && updateOneOf === undefined) report(undefined, tag, 'ONEOF_FIELD_MOVED_TO_TOP_LEVEL')
      atField(updateOneOf, tag, () => compareFields(ctx, originalField, updateField))
    }
  }
}
