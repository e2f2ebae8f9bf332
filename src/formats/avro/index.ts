// The Avro schema format: parsing with references, canonical and normalized text, and Avro Java's compatibility check.

import type { SchemaFormat } from '../format.ts'
import { checkReadable } from './compatibility.ts'
import type { AvroSchema } from './model.ts'
import { parseAvro } from './parse.ts'

export type { AvroSchema } from './model.ts'

export const avroFormat: SchemaFormat<AvroSchema> = {
  schemaType: 'AVRO',
  parse: parseAvro,
  // Confluent ignores the STRICT/LENIENT policy for Avro.
  checkReadable: (reader, writer) => checkReadable(reader.root, writer.root),
  // Confluent's only Avro output format besides the default is `resolved`: references inlined.
  render: (schema, outputFormat) => (outputFormat.toLowerCase() === 'resolved' ? schema.resolved() : undefined),
}
