// The schema types this build supports: adding a type means adding a folder and one line here.

import { avroFormat } from './avro/index.ts'
import type { SchemaFormat, SchemaType } from './format.ts'
import { jsonFormat } from './json/index.ts'
import { protobufFormat } from './protobuf/index.ts'

/** In the order `GET /schemas/types` lists them, as Confluent does. */
const FORMATS: ReadonlyMap<SchemaType, SchemaFormat> = new Map<SchemaType, SchemaFormat>([
  ['JSON', jsonFormat as SchemaFormat],
  ['PROTOBUF', protobufFormat as SchemaFormat],
  ['AVRO', avroFormat as SchemaFormat],
])

/** The format for a schema type, or undefined when this build does not support it. */
export const formatFor = (type: string): SchemaFormat | undefined => FORMATS.get(type as SchemaType)

/** Supported types in the order `GET /schemas/types` lists them. */
export const schemaTypes = (): SchemaType[] => [...FORMATS.keys()]
