// The schema a caller hands a serializer (text, type, references), the parsed schemas the client returns,
// and the check that a schema is of the type a serializer handles.

import type { AvroSchema } from '../formats/avro/index.ts'
import type { SchemaReference, SchemaType } from '../formats/format.ts'
import type { JsonSchema } from '../formats/json/index.ts'
import type { ProtobufSchema } from '../formats/protobuf/index.ts'
import { configError, invalidSchema } from './errors.ts'

/** A schema as registered: its text, its type (AVRO when absent, as in the REST API) and its references. */
export interface SchemaInput {
  readonly schema: string
  readonly schemaType?: SchemaType
  readonly references?: readonly SchemaReference[]
}

/** A schema parsed by src/formats: the Avro, JSON Schema or Protobuf model with its cached codecs. */
export type RegistrySchema = AvroSchema | JsonSchema | ProtobufSchema

type SchemaOf<T extends SchemaType> = Extract<RegistrySchema, { schemaType: T }>

/** The `schema` option as a SchemaInput of `type`: bare text is taken to be of that type. */
export function schemaInput(option: string | SchemaInput, type: SchemaType): SchemaInput {
  if (typeof option === 'string') return { schema: option, schemaType: type }
  if (typeof option?.schema !== 'string') throw configError('schema: give the schema text, or { schema, schemaType?, references? }')
  const given = option.schemaType ?? 'AVRO'
  if (given !== type) throw configError(`schema: a ${given} schema was given to a ${type} serializer`)
  return { ...option, schemaType: type }
}

/** `schema` as the type a serializer handles; INVALID_SCHEMA naming both types when it is another. */
export function expectType<T extends SchemaType>(schema: RegistrySchema, type: T, what: string): SchemaOf<T> {
  if (schema.schemaType !== type) {
    throw invalidSchema(`${what} is a ${schema.schemaType} schema, but this serializer reads and writes ${type} only`)
  }
  return schema as SchemaOf<T>
}
