// The parsed .proto file that canonical text, normalization, descriptors and the compatibility diff work on.
// It mirrors Square Wire's ProtoFileElement, the AST Confluent keeps for a Protobuf schema: declarations are kept
// as written (type names spelled as in the source, option values as written), and, as in Wire, fields and oneofs
// and nested messages and enums are separate lists, because Confluent's printer emits them section by section.

import type { Root } from 'protobufjs'
import type { ParsedSchema, SchemaReference } from '../format.ts'

export type Syntax = 'proto2' | 'proto3'
export type Label = 'optional' | 'required' | 'repeated'

/** An option value. Numbers keep their spelling (`0x10`, `1.0f`); strings are decoded. */
export type OptionValue =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'boolean'; readonly value: string }
  | { readonly kind: 'number'; readonly value: string }
  | { readonly kind: 'enum'; readonly value: string }
  /** A text-format aggregate; a key given twice holds a list (Wire merges repeated keys). */
  | { readonly kind: 'map'; readonly entries: readonly OptionEntry[] }
  | { readonly kind: 'list'; readonly items: readonly OptionValue[] }
  /** `(foo).bar = 1`: the part after the dot, itself an option. */
  | { readonly kind: 'option'; readonly option: OptionElement }

/** One `key: value` of an aggregate; an extension key keeps its brackets (`[pkg.ext]`). */
export interface OptionEntry {
  readonly key: string
  readonly value: OptionValue
}

export interface OptionElement {
  readonly name: string
  readonly parenthesized: boolean
  readonly value: OptionValue
}

/** `a to b` (both inclusive); `max` is stored as MAX_TAG. */
export interface TagRange {
  readonly start: number
  readonly end: number
}

/** The largest field number; `max` in reserved and extension ranges. */
export const MAX_TAG = 536870911

export interface FieldElement {
  /** As written; undefined when the source gave none (proto3 singular fields, oneof members, maps). */
  readonly label: Label | undefined
  /** As written (`Status`, `.pkg.Status`, `map<string, Status>`). */
  readonly type: string
  readonly name: string
  readonly tag: number
  /** The `default` option, taken out of the options as Wire does. */
  readonly defaultValue: string | undefined
  /** The `json_name` option, taken out of the options as Wire does. */
  readonly jsonName: string | undefined
  readonly options: readonly OptionElement[]
}

export interface OneOfElement {
  readonly name: string
  readonly fields: readonly FieldElement[]
  readonly options: readonly OptionElement[]
}

export interface ReservedElement {
  readonly values: readonly (number | TagRange | string)[]
}

export interface ExtensionsElement {
  readonly values: readonly (number | TagRange)[]
}

export interface ExtendElement {
  /** The extended message as written. */
  readonly name: string
  readonly fields: readonly FieldElement[]
}

export interface MessageElement {
  readonly kind: 'message'
  readonly name: string
  readonly options: readonly OptionElement[]
  readonly reserveds: readonly ReservedElement[]
  /** Fields outside oneofs, in source order. */
  readonly fields: readonly FieldElement[]
  readonly oneOfs: readonly OneOfElement[]
  readonly extensions: readonly ExtensionsElement[]
  readonly extendDeclarations: readonly ExtendElement[]
  /** Nested messages and enums in source order (message indexes count the messages only). */
  readonly nestedTypes: readonly TypeElement[]
}

export interface EnumConstantElement {
  readonly name: string
  readonly tag: number
  readonly options: readonly OptionElement[]
}

export interface EnumElement {
  readonly kind: 'enum'
  readonly name: string
  readonly options: readonly OptionElement[]
  readonly reserveds: readonly ReservedElement[]
  readonly constants: readonly EnumConstantElement[]
}

export type TypeElement = MessageElement | EnumElement

export interface RpcElement {
  readonly name: string
  readonly requestType: string
  readonly responseType: string
  readonly requestStreaming: boolean
  readonly responseStreaming: boolean
  readonly options: readonly OptionElement[]
}

export interface ServiceElement {
  readonly name: string
  readonly options: readonly OptionElement[]
  readonly rpcs: readonly RpcElement[]
}

export interface ProtoFile {
  /** Undefined when the source has no `syntax` statement (proto2 semantics). */
  readonly syntax: Syntax | undefined
  readonly packageName: string | undefined
  readonly imports: readonly string[]
  readonly publicImports: readonly string[]
  readonly options: readonly OptionElement[]
  readonly types: readonly TypeElement[]
  readonly extendDeclarations: readonly ExtendElement[]
  readonly services: readonly ServiceElement[]
}

/** An imported file as the schema resolved it. */
export interface Dependency {
  /** The import path. */
  readonly name: string
  readonly file: ProtoFile
  /** The schema's own reference of that name; undefined for well-known files and references of references. */
  readonly reference: SchemaReference | undefined
  /** A well-known file shipped with protobufjs rather than a registered schema. */
  readonly builtIn: boolean
}

export interface ProtobufSchema extends ParsedSchema {
  readonly schemaType: 'PROTOBUF'
  /** The file the canonical text prints (already normalized when normalization was asked). */
  readonly file: ProtoFile
  /** Every file reachable through imports, keyed by import path, dependencies before their dependents. */
  readonly dependencies: ReadonlyMap<string, Dependency>
  /** The protobufjs reflection of the schema and its dependencies (keepCase), resolved. */
  readonly root: Root
}

export const SCALAR_TYPES: ReadonlySet<string> = new Set([
  'double', 'float', 'int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64',
  'fixed32', 'fixed64', 'sfixed32', 'sfixed64', 'bool', 'string', 'bytes',
])

export interface MapType {
  readonly keyType: string
  readonly valueType: string
}

/** The key and value types of a `map<K, V>` type, undefined for any other type. */
export function mapType(type: string): MapType | undefined {
  const match = /^map<\s*([^,\s]+)\s*,\s*([^>\s]+)\s*>$/.exec(type)
  return match === null ? undefined : { keyType: match[1], valueType: match[2] }
}

export const formatMapType = (keyType: string, valueType: string): string => `map<${keyType}, ${valueType}>`
