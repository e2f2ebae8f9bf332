// The compatibility primitive for JSON Schema: Confluent diffs original = the writer's schema against
// update = the reader's, and the change is incompatible iff a difference falls outside the policy's compatible
// set (STRICT by default, LENIENT on request). Both directions of FULL are the caller's two calls.

import type { CompatibilityOptions, Incompatibility } from '../format.ts'
import { diffModels } from './diff.ts'
import type { Difference, Policy } from './differences.ts'
import { compatibleChanges, describeDifference } from './differences.ts'
import type { JsonSchema } from './parse.ts'

/** Every difference from `original` to `update`, compatible ones included. */
export const diffJsonSchemas = (original: JsonSchema, update: JsonSchema, policy: Policy = 'STRICT'): Difference[] =>
  diffModels(original.model, update.model, policy)

/** Why `reader` cannot read data written with `writer`: the differences the policy does not accept. */
export function checkReadable(reader: JsonSchema, writer: JsonSchema, options: CompatibilityOptions = {}): Incompatibility[] {
  const policy = options.policy ?? 'STRICT'
  try {
    const compatible = compatibleChanges(policy)
    return diffJsonSchemas(writer, reader, policy)
      .filter((difference) => !compatible.has(difference.type))
      .map((difference) => ({ ...difference, message: describeDifference(difference) }))
  } catch (error) {
    // Confluent answers a failing diff with an error; we keep the contract that two parsed schemas never throw.
    const detail = error instanceof Error ? error.message : String(error)
    return [{ type: 'UNEXPECTED_EXCEPTION', path: '#/', message: `Unexpected exception during compatibility check: ${detail}` }]
  }
}
