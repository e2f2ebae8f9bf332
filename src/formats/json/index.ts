// The JSON Schema format: parsing with references (drafts 4, 6, 7, 2019-09, 2020-12), canonical and normalized
// text, Confluent's diff-based compatibility check under STRICT or LENIENT policy, and value validation.

import type { SchemaFormat } from '../format.ts'
import { checkReadable } from './compatibility.ts'
import type { JsonSchema } from './parse.ts'
import { parseJsonSchema } from './parse.ts'

export { diffJsonSchemas } from './compatibility.ts'
export type { Difference, DifferenceType, Policy } from './differences.ts'
export type { Draft } from './drafts.ts'
export type { JsonSchema } from './parse.ts'
export { validateJson } from './validate.ts'
export type { JsonValidationError } from './validate.ts'

export const jsonFormat: SchemaFormat<JsonSchema> = {
  schemaType: 'JSON',
  parse: parseJsonSchema,
  checkReadable,
}
