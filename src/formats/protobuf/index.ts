// The Protobuf schema format: .proto text or base64 FileDescriptorProto in, Confluent's canonical text out,
// Confluent's Protobuf diff as the compatibility check, the base64 descriptor as the `serialized` rendering,
// and the message indexes and message types the serializers need.

import type { Incompatibility, SchemaFormat } from '../format.ts'
import { encodeDescriptor } from './descriptor-encode.ts'
import { describeDifference, isCompatible } from './differences.ts'
import type { ProtobufSchema } from './model.ts'
import { parseSchema } from './parse-schema.ts'
import { diffProtobufSchemas } from './schema-diff.ts'
import { symbolsOf } from './symbols.ts'

export type { Difference, DifferenceType } from './differences.ts'
export type { ProtobufSchema, ProtoFile } from './model.ts'
export { COMPATIBLE_CHANGES, describeDifference } from './differences.ts'
export { messageIndexes, messageNameAt, messageType } from './message-indexes.ts'
export { diffProtobufSchemas }

export const protobufFormat: SchemaFormat<ProtobufSchema> = {
  schemaType: 'PROTOBUF',

  parse: parseSchema,

  /** Confluent's diff with the writer as the original and the reader as the update; only what breaks reading. */
  checkReadable(reader: ProtobufSchema, writer: ProtobufSchema): Incompatibility[] {
    try {
      return diffProtobufSchemas(writer, reader)
        .filter((difference) => !isCompatible(difference))
        .map((difference) => ({ ...difference, message: describeDifference(difference) }))
    } catch (error) {
      return [{ type: 'UNEXPECTED_EXCEPTION', path: '#/', message: `Unexpected exception during compatibility check: ${(error as Error).message}` }]
    }
  },

  render(schema: ProtobufSchema, outputFormat: string): string | undefined {
    if (outputFormat.toLowerCase() !== 'serialized') return undefined
    return encodeDescriptor(schema.file, symbolsOf(schema))
  },
}
