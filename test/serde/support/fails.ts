// An assert.throws/rejects matcher for the serializers' one error class: the reason code and the message.

import assert from 'node:assert/strict'
import { SerdeError } from '../../../src/serde/errors.ts'
import type { SerdeErrorReason } from '../../../src/serde/errors.ts'

export const fails = (reason: SerdeErrorReason, pattern: RegExp) => (error: unknown) => {
  assert.ok(error instanceof SerdeError, `a SerdeError, got ${String(error)}`)
  assert.equal(error.reason, reason, error.message)
  assert.match(error.message, pattern)
  return true
}
