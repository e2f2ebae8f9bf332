// Confluent's Protobuf diff, top level (SchemaDiff, compatibility.md 4.1): the package, then the messages and
// enums of one nesting level keyed by simple name (added, removed, moved among the messages, or compared),
// and enum constants keyed by number. Original = the writer's schema, update = the reader's.

import { DiffContext } from './diff-context.ts'
import type { Difference } from './differences.ts'
import { compareMessages } from './message-diff.ts'
import type { EnumElement, MessageElement, ProtobufSchema, TypeElement } from './model.ts'
import { symbolsOf } from './symbols.ts'

/** Every difference, compatible ones included, in the order the walk finds them. */
export function diffProtobufSchemas(original: ProtobufSchema, update: ProtobufSchema): Difference[] {
  const ctx = new DiffContext(
    { original: symbolsOf(original), update: symbolsOf(update) },
    { original: original.file.packageName ?? '', update: update.file.packageName ?? '' },
  )
  if (original.file.packageName !== update.file.packageName) ctx.add('PACKAGE_CHANGED')
  compareTypeElements(ctx, original.file.types, update.file.types)
  return ctx.differences
}

interface Level {
  readonly messages: Map<string, MessageElement>
  readonly messageIndexes: Map<string, number>
  readonly enums: Map<string, EnumElement>
}

function level(types: readonly TypeElement[]): Level {
  const result: Level = { messages: new Map(), messageIndexes: new Map(), enums: new Map() }
  for (const type of types) {
    if (type.kind === 'message') {
      result.messageIndexes.set(type.name, result.messages.size)
      result.messages.set(type.name, type)
    } else {
      result.enums.set(type.name, type)
    }
  }
  return result
}

const union = <T>(a: Iterable<T>, b: Iterable<T>): T[] => [...new Set([...a, ...b])]

export function compareTypeElements(ctx: DiffContext, original: readonly TypeElement[], update: readonly TypeElement[]): void {
  const before = level(original)
  const after = level(update)
  for (const name of union(before.messages.keys(), after.messages.keys())) {
    ctx.inType(name, () => {
      const originalMessage = before.messages.get(name)
      const updateMessage = after.messages.get(name)
      // Synthetic map-entry messages (from descriptors) come and go with their map fields.
      if (updateMessage === undefined) {
        const info = ctx.lookup(name, 'original')
        if (info !== undefined && info.mapEntry === undefined) ctx.add('MESSAGE_REMOVED')
      } else if (originalMessage === undefined) {
        const info = ctx.lookup(name, 'update')
        if (info !== undefined && info.mapEntry === undefined) ctx.add('MESSAGE_ADDED')
      } else {
        compareMessages(ctx, originalMessage, updateMessage)
        // Serialized message indexes refer to the writer's schema id, so a moved message is still found.
        if (before.messageIndexes.get(name) !== after.messageIndexes.get(name)) ctx.add('MESSAGE_MOVED')
      }
    })
  }
  for (const name of union(before.enums.keys(), after.enums.keys())) {
    ctx.inType(name, () => {
      const originalEnum = before.enums.get(name)
      const updateEnum = after.enums.get(name)
      if (updateEnum === undefined) ctx.add('ENUM_REMOVED')
      else if (originalEnum === undefined) ctx.add('ENUM_ADDED')
      else compareEnums(ctx, originalEnum, updateEnum)
    })
  }
}

function compareEnums(ctx: DiffContext, original: EnumElement, update: EnumElement): void {
  const before = new Map(original.constants.map((c) => [c.tag, c]))
  const after = new Map(update.constants.map((c) => [c.tag, c]))
  for (const tag of union(before.keys(), after.keys())) {
    ctx.atPath(tag, () => {
      const originalConstant = before.get(tag)
      const updateConstant = after.get(tag)
      if (updateConstant === undefined) ctx.add('ENUM_CONST_REMOVED')
      else if (originalConstant === undefined) ctx.add('ENUM_CONST_ADDED')
      else if (originalConstant.name !== updateConstant.name) ctx.add('ENUM_CONST_CHANGED')
    })
  }
}
