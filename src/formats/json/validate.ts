// Validates a JSON value against a parsed JSON schema, for the serializers and the CI command.
// The validator is compiled once per parsed schema (and the registry caches parsed schemas per id); a valid
// value costs one call of the compiled function and allocates no error objects.

import { describeAjvError } from './ajv-messages.ts'
import type { JsonSchema } from './parse.ts'

export interface JsonValidationError {
  /** JSON pointer to the offending part of the value, '' for the value itself. */
  readonly instancePath: string
  /** The schema keyword that failed (type, required, minimum, …). */
  readonly keyword: string
  readonly message: string
}

/** The ways `value` breaks `schema`; empty when it is valid. Throws 42201 if the schema cannot be compiled. */
export function validateJson(schema: JsonSchema, value: unknown): JsonValidationError[] {
  const validate = schema.validator()
  if (validate(value) === true) return []
  return (validate.errors ?? []).map((error) => ({ instancePath: error.instancePath, keyword: error.keyword, message: describeAjvError(error) }))
}
