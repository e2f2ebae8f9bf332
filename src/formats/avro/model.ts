// The parsed Avro type tree that canonical text, normalization and the compatibility check walk.
// It mirrors Avro Java's Schema objects, including their identity: a named type is one object shared by every
// use (also across references), while each occurrence of a primitive, array, map or union is its own object.
// The compatibility check memoises on that identity, exactly as Avro Java does.

import type { Type as AvscType } from 'avsc'
import type { ParsedSchema, SchemaReference } from '../format.ts'
import type { Json } from '../json-document/value.ts'
import type { Name, PrimitiveTypeName } from './names.ts'

/** Custom attributes (logicalType, precision, scale, anything else) in the order the document gave them. */
export type Props = ReadonlyMap<string, Json>

export interface PrimitiveType {
  readonly kind: PrimitiveTypeName
  readonly props: Props
}

interface NamedBase {
  readonly name: Name
  readonly doc: string | undefined
  /** Aliases resolved against the type's namespace, de-duplicated by full name. */
  readonly aliases: readonly Name[]
  readonly props: Props
}

export interface RecordType extends NamedBase {
  readonly kind: 'record'
  /** Declared as `"type": "error"`. */
  readonly isError: boolean
  readonly fields: readonly Field[]
}

export interface EnumType extends NamedBase {
  readonly kind: 'enum'
  readonly symbols: readonly string[]
  readonly default: string | undefined
}

export interface FixedType extends NamedBase {
  readonly kind: 'fixed'
  readonly size: number
}

export interface ArrayType {
  readonly kind: 'array'
  readonly items: AvroType
  readonly props: Props
}

export interface MapType {
  readonly kind: 'map'
  readonly values: AvroType
  readonly props: Props
}

export interface UnionType {
  readonly kind: 'union'
  readonly branches: readonly AvroType[]
}

export type FieldOrder = 'ascending' | 'descending' | 'ignore'

export interface Field {
  readonly name: string
  readonly type: AvroType
  readonly doc: string | undefined
  /** The default as written (a float/double field's textual default already converted); undefined = none. */
  readonly default: Json | undefined
  readonly order: FieldOrder
  /** De-duplicated, in the order written. */
  readonly aliases: readonly string[]
  readonly props: Props
}

export type NamedType = RecordType | EnumType | FixedType
export type AvroType = PrimitiveType | NamedType | ArrayType | MapType | UnionType

export const isNamed = (type: AvroType): type is NamedType =>
  type.kind === 'record' || type.kind === 'enum' || type.kind === 'fixed'

/** Avro Java's getAliases(): full names, but ".name" for a null-namespace alias of a namespaced type. */
export const aliasNames = (type: NamedType): string[] =>
  type.aliases.map((alias) => (alias.space === undefined && type.name.space !== undefined ? `.${alias.name}` : alias.full))

/** A parsed Avro schema: what the registry stores plus the tree the checker and the serializers use. */
export interface AvroSchema extends ParsedSchema {
  readonly schemaType: 'AVRO'
  /** The root type, with named types from references resolved into the tree. */
  readonly root: AvroType
  /** Full names of the references' top-level types: canonical text writes these by name. */
  readonly referencedNames: ReadonlySet<string>
  readonly references: readonly SchemaReference[]
  /** The canonical text with every referenced type written in full at its first use (`?format=resolved`). */
  resolved(): string
  /** The avsc Type the serializers encode and decode with, built from the resolved text on first use. Throws
   * avsc's error for a schema avsc cannot represent (an empty union, a name outside ASCII). */
  avscType(): AvscType
}
