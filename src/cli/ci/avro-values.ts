// Validates JSON payloads against an Avro schema with avsc's `isValid` and its error hook (which gives the path
// of each bad value), after turning JSON into the values avsc expects: bytes and fixed written as strings of
// code points 0-255 (Avro's JSON encoding) become Buffers. Fields the schema does not declare are reported too:
// the serializer would drop them silently, which hides a misspelt field name.

import avsc from 'avsc'
import type { Type } from 'avsc'
import type { AvroSchema } from '../../formats/avro/index.ts'
import type { Problem } from './problem.ts'
import { pointer, quote } from './problem.ts'

/** `plain`: unions unwrapped, as a producer hands values to the serializer; `avro-json`: Avro's JSON encoding,
 * where a non-null union value is wrapped as {"<branch type name>": value}. */
export type AvroJsonStyle = 'plain' | 'avro-json'

/** A validator for one schema: the avsc type is built once and reused for every record. A valid record costs
 * one isValid call; the walk that finds paths and undeclared fields runs only for a record that fails it. */
export function avroValidator(schema: AvroSchema, style: AvroJsonStyle): (value: unknown) => Problem[] {
  const type = style === 'plain' ? schema.avscType() : avsc.Type.forSchema(JSON.parse(schema.resolved()) as avsc.Schema, { wrapUnions: true })
  // Only bytes and fixed values need converting from JSON; without them the parsed JSON is already avsc's value.
  const converts = holdsBytes(type, new Set())
  return (value) => {
    const problems: Problem[] = []
    const converted = converts ? toAvsc(type, value, [], problems) : value
    if (problems.length === 0 && type.isValid(converted, STRICT)) return problems
    if (!converts) toAvsc(type, value, [], problems)
    type.isValid(converted, { errorHook: (path, any, badType) => problems.push({ path: pointer(path), reason: describe(any, badType) }) })
    return problems
  }
}

/** avsc's check for fields a record does not declare: the fast path refuses them, the walk names them. */
const STRICT = { noUndeclaredFields: true }

function holdsBytes(type: Type, seen: Set<Type>): boolean {
  if (seen.has(type)) return false
  seen.add(type)
  switch (type.typeName) {
    case 'bytes':
    case 'fixed':
      return true
    case 'record':
    case 'error':
      return (type as unknown as { fields: RecordField[] }).fields.some((field) => holdsBytes(field.type, seen))
    case 'array':
      return holdsBytes((type as unknown as { itemsType: Type }).itemsType, seen)
    case 'map':
      return holdsBytes((type as unknown as { valuesType: Type }).valuesType, seen)
    case 'union:wrapped':
    case 'union:unwrapped':
      return branches(type).some((branch) => holdsBytes(branch, seen))
    default:
      return false
  }
}

interface RecordField {
  readonly name: string
  readonly type: Type
}

/** `value` as avsc reads it; what cannot be converted is left as it is for isValid to report. Undeclared fields
 * are added to `problems`. */
function toAvsc(type: Type, value: unknown, path: (string | number)[], problems: Problem[]): unknown {
  switch (type.typeName) {
    case 'bytes':
    case 'fixed':
      return typeof value === 'string' && isLatin1(value) ? Buffer.from(value, 'latin1') : value
    case 'record':
    case 'error':
      return isObject(value) ? recordValue((type as unknown as { fields: RecordField[] }).fields, value, path, problems) : value
    case 'array': {
      if (!Array.isArray(value)) return value
      const items = (type as unknown as { itemsType: Type }).itemsType
      return value.map((item, index) => within(path, index, () => toAvsc(items, item, path, problems)))
    }
    case 'map': {
      if (!isObject(value)) return value
      const values = (type as unknown as { valuesType: Type }).valuesType
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, within(path, key, () => toAvsc(values, item, path, problems))]))
    }
    case 'union:wrapped': {
      if (!isObject(value)) return value
      const keys = Object.keys(value)
      const branch = keys.length === 1 ? branches(type).find((candidate) => candidate.branchName === keys[0]) : undefined
      if (branch === undefined) return value
      return { [keys[0]]: within(path, keys[0], () => toAvsc(branch, value[keys[0]], path, problems)) }
    }
    case 'union:unwrapped':
      return unwrappedUnionValue(type, value, path, problems)
    default:
      return value
  }
}

function recordValue(fields: readonly RecordField[], value: Record<string, unknown>, path: (string | number)[], problems: Problem[]): unknown {
  const copy: Record<string, unknown> = {}
  for (const field of fields) {
    if (field.name in value) copy[field.name] = within(path, field.name, () => toAvsc(field.type, value[field.name], path, problems))
  }
  const declared = declaredNames(fields)
  for (const key of Object.keys(value)) {
    if (!declared.has(key)) problems.push({ path: pointer([...path, key]), reason: 'field not declared in the schema' })
  }
  return copy
}

const namesByFields = new WeakMap<readonly RecordField[], ReadonlySet<string>>()

function declaredNames(fields: readonly RecordField[]): ReadonlySet<string> {
  let names = namesByFields.get(fields)
  if (names === undefined) namesByFields.set(fields, (names = new Set(fields.map((field) => field.name))))
  return names
}

/** The first branch the value is valid for, converted for it (a clean conversion preferred); otherwise the
 * value as it is, which isValid reports against the whole union. */
function unwrappedUnionValue(type: Type, value: unknown, path: (string | number)[], problems: Problem[]): unknown {
  let fallback: { converted: unknown; problems: Problem[] } | undefined
  for (const branch of branches(type)) {
    const branchProblems: Problem[] = []
    const converted = toAvsc(branch, value, path, branchProblems)
    if (!branch.isValid(converted)) continue
    if (branchProblems.length === 0) return converted
    fallback ??= { converted, problems: branchProblems }
  }
  if (fallback === undefined) return value
  problems.push(...fallback.problems)
  return fallback.converted
}

function within<T>(path: (string | number)[], segment: string | number, convert: () => T): T {
  path.push(segment)
  try {
    return convert()
  } finally {
    path.pop()
  }
}

const branches = (union: Type): Type[] => (union as unknown as { types: Type[] }).types

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** Avro's JSON encoding writes each byte as the code point of the same value, so only code points 0-255 are bytes. */
function isLatin1(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff) return false
  return true
}

/** The reason avsc's error hook gives for `value` not matching `type`. */
function describe(value: unknown, type: Type): string {
  const expected = expectedOf(type)
  return value === undefined ? `missing; expected ${expected}` : `expected ${expected}, got ${quote(Buffer.isBuffer(value) ? value.toString('latin1') : value)}`
}

function expectedOf(type: Type): string {
  switch (type.typeName) {
    case 'record':
    case 'error':
      return `record ${type.name}`
    case 'enum':
      return `one of the symbols ${(type as unknown as { symbols: string[] }).symbols.join(', ')} of enum ${type.name}`
    case 'fixed':
      return `${(type as unknown as { size: number }).size} bytes (fixed ${type.name})`
    case 'union:unwrapped':
      return `one of ${branches(type).map((branch) => branch.branchName).join(', ')}`
    case 'union:wrapped':
      return `null or {"<type>": value} with <type> one of ${branches(type).map((branch) => branch.branchName).join(', ')}`
    case 'int':
      return 'int (a 32-bit integer)'
    case 'long':
      return 'long (an integer)'
    default:
      return type.typeName
  }
}
