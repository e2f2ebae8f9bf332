// The package root, `import { AvroSerializer } from 'schemaport'`: the serializers and deserializers, the
// caching registry client, subject name strategies, the wire-format helpers and the error class. The registry
// server and the CLI are run, not imported, and stay out of this API.

export { AvroDeserializer, AvroSerializer } from './serde/avro.ts'
export type { AvroDeserializerOptions, AvroLongOption, AvroSerializerOptions } from './serde/avro.ts'
export type { LongMode } from './serde/avro-longs.ts'
export { RegistryClient } from './serde/client.ts'
export type { RegistryClientOptions, SubjectVersion } from './serde/client.ts'
export { SerdeError } from './serde/errors.ts'
export type { SerdeErrorReason } from './serde/errors.ts'
export { JsonDeserializer, JsonSerializer } from './serde/json.ts'
export type { JsonDeserializerOptions, JsonSerializerOptions } from './serde/json.ts'
export { ProtobufDeserializer, ProtobufSerializer } from './serde/protobuf.ts'
export type { ProtobufDeserializerOptions, ProtobufSerializerOptions } from './serde/protobuf.ts'
export type { DeserializerOptions } from './serde/reader-schemas.ts'
export type { RegistrySchema, SchemaInput } from './serde/schema-input.ts'
export { recordNameStrategy, topicNameStrategy, topicRecordNameStrategy } from './serde/strategies.ts'
export type { StrategyName, SubjectNameStrategy } from './serde/strategies.ts'
export type { TransportOptions } from './serde/transport.ts'
export {
  decodeMessageIndexes,
  encodeMessageIndexes,
  frame,
  HEADER_SIZE,
  MAGIC_BYTE,
  readSchemaId,
  unframe,
} from './serde/wire-format.ts'
export type { Unframed } from './serde/wire-format.ts'
export type { SerializerOptions } from './serde/writer-schemas.ts'
export type { SchemaReference, SchemaType } from './formats/format.ts'
