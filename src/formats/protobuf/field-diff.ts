// Compares one field present on both sides under the same number (Confluent's FieldSchemaDiff,
// compatibility.md 4.2): name; kind (scalar with enums, map, message); scalar wire-encoding groups and, for
// scalars whose labels are both written, the label; map keys and values; message types by name without package,
// and, when they come from different schemas, by content in a fresh walk rooted at the type.

import type { DiffContext, Side } from './diff-context.ts'
import { compareMessages } from './message-diff.ts'
import type { FieldElement, Label } from './model.ts'
import { formatMapType, mapType } from './model.ts'
import { isScalar } from './symbols.ts'

type Kind = 'scalar' | 'map' | 'message'

/** Scalars that share a wire encoding; an enum reads like the varint group. */
const SCALAR_GROUPS: Readonly<Record<string, string>> = {
  int32: 'varint', int64: 'varint', uint32: 'varint', uint64: 'varint', bool: 'varint',
  sint32: 'zigzag', sint64: 'zigzag',
  string: 'length-delimited', bytes: 'length-delimited',
  fixed32: 'fixed32', sfixed32: 'fixed32',
  fixed64: 'fixed64', sfixed64: 'fixed64',
  float: 'float',
  double: 'double',
}

export function compareFields(ctx: DiffContext, original: FieldElement, update: FieldElement): void {
  if (original.name !== update.name) ctx.add('FIELD_NAME_CHANGED')
  compareTypes(ctx, original.label, update.label, original.type, update.type)
}

function compareTypes(ctx: DiffContext, originalLabel: Label | undefined, updateLabel: Label | undefined, originalType: string, updateType: string): void {
  // A reference to a map-entry message (as descriptors spell maps) is compared as the map it stands for.
  const asMap = (type: string, side: Side): string => {
    const entry = ctx.lookup(type, side)?.mapEntry
    return entry === undefined ? type : formatMapType(entry.keyType, entry.valueType)
  }
  const original = asMap(originalType, 'original')
  const update = asMap(updateType, 'update')
  const originalKind = kind(ctx, original, 'original')
  if (originalKind !== kind(ctx, update, 'update')) {
    ctx.add('FIELD_KIND_CHANGED')
  } else if (originalKind === 'scalar') {
    compareScalars(ctx, originalLabel, updateLabel, original, update)
  } else if (originalKind === 'message') {
    compareMessageTypes(ctx, original, update)
  } else {
    const originalMap = mapType(original)
    const updateMap = mapType(update)
    if (originalMap === undefined || updateMap === undefined) return
    compareTypes(ctx, undefined, undefined, originalMap.keyType, updateMap.keyType)
    compareTypes(ctx, undefined, undefined, originalMap.valueType, updateMap.valueType)
  }
}

function kind(ctx: DiffContext, type: string, side: Side): Kind {
  if (isScalar(type)) return 'scalar'
  if (mapType(type) !== undefined) return 'map'
  return ctx.lookup(type, side)?.element.kind === 'enum' ? 'scalar' : 'message'
}

const scalarGroup = (ctx: DiffContext, type: string, side: Side): string =>
  ctx.lookup(type, side)?.element.kind === 'enum' ? 'varint' : SCALAR_GROUPS[type]

function compareScalars(ctx: DiffContext, originalLabel: Label | undefined, updateLabel: Label | undefined, original: string, update: string): void {
  const group = scalarGroup(ctx, original, 'original')
  if (group !== scalarGroup(ctx, update, 'update')) {
    ctx.add('FIELD_SCALAR_KIND_CHANGED')
  } else if (originalLabel !== undefined && updateLabel !== undefined && originalLabel !== updateLabel) {
    // Numbers may be packed when repeated, so their encoding depends on the label; strings and bytes never are.
    ctx.add(group === 'length-delimited' ? 'FIELD_STRING_OR_BYTES_LABEL_CHANGED' : 'FIELD_NUMERIC_LABEL_CHANGED')
  }
}

function compareMessageTypes(ctx: DiffContext, original: string, update: string): void {
  const originalFullName = ctx.resolve(original, 'original')
  const updateFullName = ctx.resolve(update, 'update')
  if (originalFullName === undefined || updateFullName === undefined) {
    if (original !== update) ctx.add('FIELD_NAMED_TYPE_CHANGED')
    return
  }
  const originalType = ctx.lookup('.' + originalFullName, 'original')
  const updateType = ctx.lookup('.' + updateFullName, 'update')
  if (originalType === undefined || updateType === undefined) return
  // Compared without the package: moving a type to another package keeps its data readable.
  const localName = (fullName: string, packageName: string): string =>
    fullName.startsWith(packageName + '.') ? fullName.slice(packageName.length + 1) : fullName
  const originalLocal = localName(originalFullName, originalType.packageName)
  if (originalLocal !== localName(updateFullName, updateType.packageName)) {
    ctx.add('FIELD_NAMED_TYPE_CHANGED')
    return
  }
  const sameSchema = originalType.origin !== undefined && updateType.origin !== undefined &&
    originalType.origin.subject === updateType.origin.subject && originalType.origin.version === updateType.origin.version
  if (sameSchema || originalType.element.kind !== 'message' || updateType.element.kind !== 'message') return
  const sub = ctx.subcontext(originalType.packageName, updateType.packageName, originalLocal)
  compareMessages(sub, originalType.element, updateType.element)
  ctx.addAll(sub.differences)
  if (!sub.isCompatible()) ctx.add('FIELD_NAMED_TYPE_CHANGED')
}
