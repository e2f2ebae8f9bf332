// Validates JSON payloads against a Protobuf message in the proto3 JSON mapping (field names as declared or
// in lowerCamelCase, 64-bit integers as numbers or strings, enums as names or numbers, bytes as base64,
// well-known types in their JSON forms), walking the protobufjs reflection so every bad field is reported with
// its path, not just the first one as `Type.verify` does.

import protobuf from 'protobufjs'
import type { Problem } from './problem.ts'
import { pointer, quote } from './problem.ts'

type Path = (string | number)[]

export function protobufValidator(type: protobuf.Type): (value: unknown) => Problem[] {
  return (value) => {
    const problems: Problem[] = []
    checkMessage(type, value, [], problems)
    return problems
  }
}

function checkMessage(type: protobuf.Type, value: unknown, path: Path, problems: Problem[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push({ path: pointer(path), reason: `expected message ${type.fullName.slice(1)} (a JSON object), got ${quote(value)}` })
    return
  }
  const fields = fieldsByJsonKey(type)
  const oneofsSet = new Map<string, string>()
  for (const [key, item] of Object.entries(value)) {
    const field = fields.get(key)
    if (field === undefined) {
      problems.push({ path: pointer([...path, key]), reason: `field not declared in message ${type.fullName.slice(1)}` })
      continue
    }
    if (item === null && field.resolvedType?.fullName !== '.google.protobuf.Value') continue
    const oneof = field.partOf
    if (oneof !== null) {
      const other = oneofsSet.get(oneof.name)
      if (other !== undefined) problems.push({ path: pointer([...path, key]), reason: `oneof '${oneof.name}' is already set by field '${other}'` })
      oneofsSet.set(oneof.name, key)
    }
    checkField(field, item, [...path, key], problems)
  }
  for (const field of type.fieldsArray) {
    if (field.required && !(field.name in value) && !(field.jsonName in value)) {
      problems.push({ path: pointer([...path, field.name]), reason: 'required field is missing' })
    }
  }
}

function checkField(field: protobuf.Field, value: unknown, path: Path, problems: Problem[]): void {
  if (field instanceof protobuf.MapField) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push({ path: pointer(path), reason: `expected a map (a JSON object), got ${quote(value)}` })
      return
    }
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = scalarProblem(field.keyType, key, true)
      if (keyProblem !== undefined) problems.push({ path: pointer([...path, key]), reason: `map key: ${keyProblem}` })
      checkSingle(field, item, [...path, key], problems)
    }
  } else if (field.repeated) {
    if (!Array.isArray(value)) {
      problems.push({ path: pointer(path), reason: `expected a repeated field (a JSON array), got ${quote(value)}` })
      return
    }
    value.forEach((item, index) => checkSingle(field, item, [...path, index], problems))
  } else {
    checkSingle(field, value, path, problems)
  }
}

function checkSingle(field: protobuf.Field, value: unknown, path: Path, problems: Problem[]): void {
  const resolved = field.resolvedType
  let problem: string | undefined
  if (resolved instanceof protobuf.Enum) {
    problem = enumProblem(resolved, value)
  } else if (resolved instanceof protobuf.Type) {
    const wellKnown = WELL_KNOWN[resolved.fullName]
    if (wellKnown === undefined) {
      checkMessage(resolved, value, path, problems)
      return
    }
    problem = wellKnown(value)
  } else {
    problem = scalarProblem(field.type, value, false)
  }
  if (problem !== undefined) problems.push({ path: pointer(path), reason: problem })
}

function enumProblem(type: protobuf.Enum, value: unknown): string | undefined {
  if (typeof value === 'string' && value in type.values) return undefined
  // proto3 enums are open: any int32 is a valid value.
  if (typeof value === 'number' && Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31) return undefined
  return `expected a value of enum ${type.fullName.slice(1)} (${Object.keys(type.values).join(', ')}), got ${quote(value)}`
}

const INTEGER_RANGES: Readonly<Record<string, readonly [bigint, bigint]>> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  sint32: [-(2n ** 31n), 2n ** 31n - 1n],
  sfixed32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  fixed32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  sint64: [-(2n ** 63n), 2n ** 63n - 1n],
  sfixed64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
  fixed64: [0n, 2n ** 64n - 1n],
}

const BASE64 = /^(?:[A-Za-z0-9+/_-]{4})*(?:[A-Za-z0-9+/_-]{2}(?:==)?|[A-Za-z0-9+/_-]{3}=?)?$/

/** Why `value` is not a JSON value of the scalar `type`; `asKey` for map keys, which JSON always quotes. */
function scalarProblem(type: string, value: unknown, asKey: boolean): string | undefined {
  const range = INTEGER_RANGES[type]
  if (range !== undefined) {
    const integer = typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : typeof value === 'string' && /^-?\d+$/.test(value) ? BigInt(value) : undefined
    if (integer === undefined) return `expected ${type} (an integer${asKey ? '' : ', as a number or a string'}), got ${quote(value)}`
    return integer < range[0] || integer > range[1] ? `${quote(value)} is out of the range of ${type}` : undefined
  }
  switch (type) {
    case 'double':
    case 'float':
      return typeof value === 'number' || (typeof value === 'string' && (['NaN', 'Infinity', '-Infinity'].includes(value) || Number.isFinite(Number(value)) && value.trim() !== ''))
        ? undefined
        : `expected ${type} (a number), got ${quote(value)}`
    case 'bool':
      return typeof value === 'boolean' || (asKey && (value === 'true' || value === 'false')) ? undefined : `expected bool, got ${quote(value)}`
    case 'string':
      return typeof value === 'string' ? undefined : `expected string, got ${quote(value)}`
    case 'bytes':
      return typeof value === 'string' && BASE64.test(value) ? undefined : `expected bytes (a base64 string), got ${quote(value)}`
    default:
      return `unknown scalar type ${type}`
  }
}

const isString = (what: string) => (value: unknown) => (typeof value === 'string' ? undefined : `expected ${what} (a string), got ${quote(value)}`)
const wrapper = (scalar: string) => (value: unknown) => scalarProblem(scalar, value, false)

/** The well-known types whose JSON form is not an object of their fields (proto3 JSON mapping). */
const WELL_KNOWN: Readonly<Record<string, (value: unknown) => string | undefined>> = {
  '.google.protobuf.Timestamp': (value) =>
    typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)$/.test(value)
      ? undefined
      : `expected google.protobuf.Timestamp (an RFC 3339 string such as "2024-01-31T12:00:00Z"), got ${quote(value)}`,
  '.google.protobuf.Duration': (value) =>
    typeof value === 'string' && /^-?\d+(\.\d{1,9})?s$/.test(value) ? undefined : `expected google.protobuf.Duration (a string such as "1.5s"), got ${quote(value)}`,
  '.google.protobuf.FieldMask': isString('google.protobuf.FieldMask'),
  '.google.protobuf.Struct': (value) =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : `expected google.protobuf.Struct (a JSON object), got ${quote(value)}`,
  '.google.protobuf.ListValue': (value) => (Array.isArray(value) ? undefined : `expected google.protobuf.ListValue (a JSON array), got ${quote(value)}`),
  '.google.protobuf.Value': () => undefined,
  '.google.protobuf.Any': (value) =>
    typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)['@type'] === 'string'
      ? undefined
      : `expected google.protobuf.Any (an object with "@type"), got ${quote(value)}`,
  '.google.protobuf.DoubleValue': wrapper('double'),
  '.google.protobuf.FloatValue': wrapper('float'),
  '.google.protobuf.Int64Value': wrapper('int64'),
  '.google.protobuf.UInt64Value': wrapper('uint64'),
  '.google.protobuf.Int32Value': wrapper('int32'),
  '.google.protobuf.UInt32Value': wrapper('uint32'),
  '.google.protobuf.BoolValue': wrapper('bool'),
  '.google.protobuf.StringValue': wrapper('string'),
  '.google.protobuf.BytesValue': wrapper('bytes'),
}

const fieldMaps = new WeakMap<protobuf.Type, ReadonlyMap<string, protobuf.Field>>()

/** A message's fields by the keys JSON may use: the declared name and the lowerCamelCase JSON name. */
function fieldsByJsonKey(type: protobuf.Type): ReadonlyMap<string, protobuf.Field> {
  let fields = fieldMaps.get(type)
  if (fields === undefined) {
    fields = new Map(type.fieldsArray.flatMap((field) => [[field.jsonName, field] as const, [field.name, field] as const]))
    fieldMaps.set(type, fields)
  }
  return fields
}
