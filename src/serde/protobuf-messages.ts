// Which message of a Protobuf schema a payload holds: names to indexes for writing, indexes to protobufjs Types
// for reading (each lookup made once per schema), and telling apart payloads that carry no index list at all.
//
// @kafkajs/confluent-schema-registry writes Protobuf payloads with no message-index list. Its first payload
// byte is then a field tag: at least 8 (field numbers start at 1), or the payload is empty. A Confluent list
// starts with 0 (the `[0]` shortcut) or the zig-zag count 2k of its k indexes, so the two can collide only on
// an even byte 8..2·depth, where depth is how deep the schema nests messages: for schemas nesting at most
// 3 deep they never do. Ambiguous bytes are read as Confluent's, the format both sides document.

import type { Type } from 'protobufjs'
import type { ProtobufSchema } from '../formats/protobuf/index.ts'
import { messageIndexes, messageNameAt } from '../formats/protobuf/index.ts'
import type { MessageElement, TypeElement } from '../formats/protobuf/model.ts'
import { configError, SerdeError } from './errors.ts'

/** The full name (`pkg.Outer.Inner`) of `name` (`Outer.Inner`, `.pkg.Outer.Inner`, …) in `schema`; CONFIG if absent. */
export function fullMessageName(schema: ProtobufSchema, name: string, where: string): string {
  try {
    return messageNameAt(schema, messageIndexes(schema, name))
  } catch (error) {
    throw configError(`message '${name}' is not declared in ${where}: ${(error as Error).message}`)
  }
}

/** The protobufjs Type of a full message name of the schema. */
export const typeOf = (schema: ProtobufSchema, fullName: string): Type => schema.root.lookupType(`.${fullName}`)

/** Message Types of one schema by index list, looked up once each. */
export class MessageTypes {
  private readonly byIndexes = new Map<string, Type>()
  /** The first message, the `[0]` of the one-byte shortcut. */
  readonly first: Type
  /** How deep messages nest (1: top-level messages only). */
  readonly depth: number

  constructor(
    private readonly schema: ProtobufSchema,
    private readonly id: number,
  ) {
    this.first = this.at([0])
    this.depth = nestingDepth(schema.file.types)
  }

  /** The Type at `indexes`; BAD_MESSAGE_INDEXES when the schema has no message there. */
  at(indexes: readonly number[]): Type {
    const key = indexes.join('.')
    let type = this.byIndexes.get(key)
    if (type === undefined) {
      let name: string
      try {
        name = messageNameAt(this.schema, indexes)
      } catch (error) {
        throw new SerdeError('BAD_MESSAGE_INDEXES', `message indexes [${indexes.join(', ')}] do not fit schema id ${this.id}: ${(error as Error).message}`)
      }
      type = typeOf(this.schema, name)
      this.byIndexes.set(key, type)
    }
    return type
  }

  /** Whether a payload whose first byte after the header is `byte` (undefined: nothing follows) has no index list. */
  lacksIndexes(byte: number | undefined): boolean {
    if (byte === undefined) return true
    if (byte < 8) return false
    if (byte < 0x80) return byte % 2 === 1 || byte / 2 > this.depth
    return this.depth < 64
  }
}

function nestingDepth(types: readonly TypeElement[]): number {
  const messages = types.filter((t): t is MessageElement => t.kind === 'message')
  return messages.reduce((deepest, message) => Math.max(deepest, 1 + nestingDepth(message.nestedTypes)), 0)
}
