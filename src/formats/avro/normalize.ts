// Writes Confluent's normalized form of an Avro schema (AvroSchemaUtils.toNormalizedString), which the registry then
// parses again and stores as canonical text. Adapted by Confluent from Avro's Parsing Canonical Form, it keeps docs,
// defaults and field order, and: writes full names in "name" (no "namespace" key), sorts props, aliases and the keys
// of object values, drops empty type docs, writes a valid logical type's attributes first (decimal scale 0 omitted),
// and converts defaults through Avro Java's JacksonUtils.toObject with the field's type. We reproduce its corners
// because they decide the stored text and so the schema id: a union default is converted with the FIRST branch, so
// a value matching only a later branch is dropped (or fails, for arrays and records); an int default of a
// float/double field is dropped; error records become records; a null-namespace type nested in a namespaced one
// re-reads into the enclosing namespace.

import { invalidSchema } from '../../errors.ts'
import { integerOf, isJsonArray, isJsonObject, JsonNumber } from '../json-document/value.ts'
import type { Json } from '../json-document/value.ts'
import { quote } from '../json-document/write.ts'
import { javaDouble, javaFloat } from './json-write.ts'
import { logicalTypeOf } from './logical-types.ts'
import type { LogicalType } from './logical-types.ts'
import type { AvroType, Field, NamedType, Props } from './model.ts'
import { aliasNames } from './model.ts'

const INT_MIN = -(2n ** 31n)
const INT_MAX = 2n ** 31n - 1n
const LONG_MIN = -(2n ** 63n)
const LONG_MAX = 2n ** 63n - 1n

/** The normalized text of `root`; the references' top-level types (`referencedNames`) are written by name. */
export function normalizedText(root: AvroType, referencedNames: ReadonlySet<string>): string {
  const env = new Map<string, string>()
  for (const name of referencedNames) env.set(name, quote(name))
  return build(root, env)
}

function build(type: AvroType, env: Map<string, string>): string {
  switch (type.kind) {
    case 'union':
      return `[${type.branches.map((branch) => build(branch, env)).join(',')}]`
    case 'array':
      return `{"type":"array","items":${build(type.items, env)}${sortedProps(type.props)}}`
    case 'map':
      return `{"type":"map","values":${build(type.values, env)}${sortedProps(type.props)}}`
    case 'record':
    case 'enum':
    case 'fixed':
      return named(type, env)
    default: {
      const logical = logicalTypeOf(type)
      if (logical !== undefined) return `{"type":"${type.kind}"${logicalProps(logical)}${sortedProps(type.props)}}`
      return type.props.size === 0 ? `"${type.kind}"` : `{"type":"${type.kind}"${sortedProps(type.props)}}`
    }
  }
}

function named(type: NamedType, env: Map<string, string>): string {
  const known = env.get(type.name.full)
  if (known !== undefined) return known
  const qualified = quote(type.name.full)
  env.set(type.name.full, qualified)
  let out = `{"name":${qualified},"type":"${type.kind}"`
  if (type.kind === 'enum') {
    out += `,"symbols":[${type.symbols.map(quote).join(',')}]`
  } else if (type.kind === 'fixed') {
    const logical = logicalTypeOf(type)
    out += `,"size":${type.size}${logical === undefined ? '' : logicalProps(logical)}`
  } else {
    const fields = type.fields.map((field) => `{"name":${quote(field.name)},"type":${build(field.type, env)}${fieldProps(field)}}`)
    out += `,"fields":[${fields.join(',')}]`
  }
  if (type.doc !== undefined && type.doc !== '') out += `,"doc":${quote(type.doc)}`
  if (type.aliases.length > 0) out += `,"aliases":[${sortStrings(aliasNames(type)).map(quote).join(',')}]`
  if (type.kind === 'enum' && type.default !== undefined) out += `,"default":${quote(type.default)}`
  return `${out}${sortedProps(type.props)}}`
}

function fieldProps(field: Field): string {
  // The field order is always written, upper-case (Java's enum name); parsing reads it back case-insensitively.
  let out = `,"order":"${field.order.toUpperCase()}"`
  if (field.doc !== undefined) out += `,"doc":${quote(field.doc)}`
  if (field.aliases.length > 0) out += `,"aliases":[${sortStrings(field.aliases).map(quote).join(',')}]`
  const value = datum(field.default, field.type, `the default of field '${field.name}'`)
  if (value !== undefined) out += `,"default":${value}`
  return `${out}${sortedProps(field.props)}`
}

function logicalProps(logical: LogicalType): string {
  let out = `,"logicalType":${quote(logical.name)}`
  if (logical.precision !== undefined) out += `,"precision":${logical.precision}`
  if (logical.scale !== undefined && logical.scale !== 0) out += `,"scale":${logical.scale}`
  return out
}

function sortedProps(props: Props): string {
  let out = ''
  for (const key of sortStrings([...props.keys()])) {
    out += `,${quote(key)}:${required(datum(props.get(key), undefined, `property '${key}'`), `property '${key}'`)}`
  }
  return out
}

/**
 * A JSON value converted as JacksonUtils.toObject(value, schema) and written back with sorted object keys, or
 * undefined where Java gets null (the value does not fit the schema; the caller then leaves it out).
 */
function datum(value: Json | undefined, schema: AvroType | undefined, what: string): string | undefined {
  if (schema?.kind === 'union') {
    const first = schema.branches[0]
    if (first === undefined) throw cannotNormalize(what, 'its type is an empty union')
    return datum(value, first, what)
  }
  if (value === undefined) return undefined
  if (value === null) return 'null'
  if (typeof value === 'boolean') return String(value)
  const integer = integerOf(value)
  if (integer !== undefined) {
    if (integer >= INT_MIN && integer <= INT_MAX) {
      return schema === undefined || schema.kind === 'int' || schema.kind === 'long' ? integer.toString() : undefined
    }
    return integer >= LONG_MIN && integer <= LONG_MAX ? integer.toString() : undefined
  }
  if (value instanceof JsonNumber) {
    if (schema === undefined || schema.kind === 'double') return javaDouble(value.doubleValue())
    return schema.kind === 'float' ? javaFloat(value.doubleValue()) : undefined
  }
  if (typeof value === 'string') {
    if (schema === undefined || schema.kind === 'string' || schema.kind === 'enum') return quote(value)
    // Bytes and fixed go through ISO-8859-1 bytes and back: characters above U+00FF become '?'.
    return schema.kind === 'bytes' || schema.kind === 'fixed' ? quote(value.replace(/[\u0100-\uffff]/g, '?')) : undefined
  }
  if (isJsonArray(value)) {
    const items = value.map((item) => {
      if (schema !== undefined && schema.kind !== 'array') throw cannotNormalize(what, `an array does not fit type ${schema.kind}`)
      return required(datum(item, schema?.items, what), what)
    })
    return `[${items.join(',')}]`
  }
  if (isJsonObject(value)) {
    const members = sortStrings([...value.keys()]).map((key) => {
      const member = value.get(key) as Json
      return `${quote(key)}:${required(datum(member, memberType(schema, key, what), what), what)}`
    })
    return `{${members.join(',')}}`
  }
  throw cannotNormalize(what, 'unexpected value')
}

/** The type JacksonUtils gives an object member: a map's values, a record's field (which must exist), else none. */
function memberType(schema: AvroType | undefined, key: string, what: string): AvroType | undefined {
  if (schema?.kind === 'map') return schema.values
  if (schema?.kind !== 'record') return undefined
  const field = schema.fields.find((candidate) => candidate.name === key)
  if (field === undefined) throw cannotNormalize(what, `the record has no field '${key}'`)
  return field.type
}

/** Java fails on a null nested inside a converted value; so do we, instead of writing something else. */
function required(text: string | undefined, what: string): string {
  if (text === undefined) throw cannotNormalize(what, 'a nested value does not fit its type')
  return text
}

const cannotNormalize = (what: string, why: string) => invalidSchema(`cannot normalize ${what}: ${why}`)

// Java's TreeMap/TreeSet order: UTF-16 code units, which is also JavaScript's default string order.
const sortStrings = (values: readonly string[]): string[] => [...values].sort()
