// Turns ajv's error objects into the short sentences we send: what is wrong, with the offending names or values.

import type { ErrorObject } from 'ajv'

/** ajv's message, completed with what its params name (the allowed values, the unexpected property). */
export function describeAjvError(error: ErrorObject): string {
  const message = error.message ?? `fails "${error.keyword}"`
  const params = error.params as Record<string, unknown>
  if (error.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    return `${message}: ${params.allowedValues.map((value) => JSON.stringify(value)).join(', ')}`
  }
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return `${message}: '${params.additionalProperty}'`
  }
  return message
}

// ajv reports a failed anyOf/oneOf both per branch and for the combinator; the branch errors say more.
const SUMMARY_KEYWORDS = new Set(['anyOf', 'oneOf', 'allOf', 'not', 'if', '$ref'])

/** The most telling of several errors: the first that is not just a combinator's summary. */
export const mostSpecific = (errors: readonly ErrorObject[]): ErrorObject | undefined =>
  errors.find((error) => !SUMMARY_KEYWORDS.has(error.keyword)) ?? errors[0]
