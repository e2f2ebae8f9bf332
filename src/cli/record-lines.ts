// The JSON-lines form of the registry log that export writes and import reads: one `{"key": …, "value": …}`
// object per line, checked against schemas/log-record.schema.json and converted to and from log records.

import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import type { ErrorObject } from 'ajv'
import type { LogRecord } from '../registry/store/schema-log.ts'
import { CliError } from './command.ts'

const SCHEMA_URL = new URL('../../schemas/log-record.schema.json', import.meta.url)
const validateLine = new Ajv({ allowUnionTypes: true }).compile<{ key: Record<string, unknown>; value: object | null }>(
  JSON.parse(readFileSync(SCHEMA_URL, 'utf8')),
)

/** Confluent's property order of a key (spec 5.2): compaction compares key bytes, so order matters. */
const KEY_ORDER = ['keytype', 'subject', 'version', 'tenant', 'context', 'magic'] as const

/** One export line (with its newline) for a stored record; `position` (1-based) names the record on error. */
export function toLine(record: LogRecord, position: number): string {
  const parse = (what: string, text: string): unknown => {
    try {
      return JSON.parse(text)
    } catch (error) {
      throw new CliError(`record ${position} of the log has a ${what} that is not JSON: ${(error as Error).message}`)
    }
  }
  // A zero-length value is a tombstone too: Karapace writes deletes that way (spec 5.1).
  const value = record.value === null || record.value === '' ? null : parse('value', record.value)
  return `${JSON.stringify({ key: parse('key', record.key), value })}\n`
}

/** The records of an export file, in order; blank lines are skipped. Throws CliError naming `source`, the
 * line number and the problem of the first bad line. */
export function parseLines(text: string, source: string): LogRecord[] {
  const records: LogRecord[] = []
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return
    const fail = (problem: string) => new CliError(`${source} line ${index + 1}: ${problem}`)
    let parsed: unknown
    try {
      parsed = JSON.parse(line)
    } catch (error) {
      throw fail(`not JSON: ${(error as Error).message}`)
    }
    if (!validateLine(parsed)) throw fail(describe(validateLine.errors!))
    const key = Object.fromEntries(KEY_ORDER.filter((name) => name in parsed.key).map((name) => [name, parsed.key[name]]))
    records.push({ key: JSON.stringify(key), value: parsed.value === null ? null : JSON.stringify(parsed.value) })
  })
  return records
}

function describe(errors: readonly ErrorObject[]): string {
  // The first error is the one that matters; `if` errors only repeat that a `then` branch failed.
  const error = errors.find((candidate) => candidate.keyword !== 'if') ?? errors[0]
  const where = error.instancePath === '' ? 'record' : error.instancePath.slice(1).replace(/\//g, '.')
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where}: unknown property '${String(error.params.additionalProperty)}'`
    case 'enum':
      return `${where}: must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
    case 'const':
      return `${where}: must be ${JSON.stringify(error.params.allowedValue)}`
    default:
      return `${where}: ${error.message}`
  }
}
