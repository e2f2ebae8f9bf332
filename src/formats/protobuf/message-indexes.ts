// Message indexes, the part of Confluent's Protobuf wire format that names which message of a schema a payload
// holds: the position of the message among the messages (enums do not count) of its file or parent message,
// outermost first, so `[0]` is the first top-level message and `[1, 0]` the first message nested in the second.
// Also the protobufjs type of a message, which the serializers encode and decode with.

import type { Type } from 'protobufjs'
import type { MessageElement, ProtobufSchema, TypeElement } from './model.ts'

const messagesOf = (types: readonly TypeElement[]): MessageElement[] => types.filter((t): t is MessageElement => t.kind === 'message')

/** The name inside the file's package: `pkg.Outer.Inner`, `.pkg.Outer.Inner` and `Outer.Inner` all give `Outer.Inner`. */
function localName(schema: ProtobufSchema, fullName: string): string {
  const name = fullName.startsWith('.') ? fullName.slice(1) : fullName
  const packageName = schema.file.packageName
  return packageName !== undefined && name.startsWith(packageName + '.') ? name.slice(packageName.length + 1) : name
}

/** The indexes of a message of the schema's own file; throws for a name the file does not declare. */
export function messageIndexes(schema: ProtobufSchema, fullName: string): number[] {
  const indexes: number[] = []
  let messages = messagesOf(schema.file.types)
  for (const part of localName(schema, fullName).split('.')) {
    const index = messages.findIndex((m) => m.name === part)
    if (index < 0) throw new Error(`message '${fullName}' is not declared in the schema`)
    indexes.push(index)
    messages = messagesOf(messages[index].nestedTypes)
  }
  return indexes
}

/** The package-qualified name of the message at `indexes`; throws for a path the schema does not have. */
export function messageNameAt(schema: ProtobufSchema, indexes: readonly number[]): string {
  if (indexes.length === 0) throw new Error('message indexes are empty')
  const names: string[] = []
  let messages = messagesOf(schema.file.types)
  for (const index of indexes) {
    const message = messages[index]
    if (!Number.isInteger(index) || message === undefined) {
      throw new Error(`message indexes [${indexes.join(', ')}] do not name a message of the schema (no message at index ${index})`)
    }
    names.push(message.name)
    messages = messagesOf(message.nestedTypes)
  }
  const packageName = schema.file.packageName
  return packageName === undefined ? names.join('.') : `${packageName}.${names.join('.')}`
}

/** The protobufjs type of a message of the schema's own file, for encoding and decoding payloads. */
export function messageType(schema: ProtobufSchema, fullName: string): Type {
  const indexes = messageIndexes(schema, fullName)
  return schema.root.lookupType('.' + messageNameAt(schema, indexes))
}
