// Renders a type tree as Avro Java's compact Schema.toString(), the text Confluent stores for an Avro schema.
// Key order per node (Schema.java toJson): record type,name,namespace,doc,fields,<props>,aliases; field
// name,type,doc,default,order (unless ascending),aliases,<props>; enum type,name,namespace,doc,symbols,default,
// <props>,aliases; fixed type,name,namespace,doc,size,<props>,aliases; array/map type,items|values,<props>;
// a primitive is its bare name unless it has props (logicalType, precision and scale are props like any other).
// A namespace is written only where it differs from the enclosing one. A named type is written in full at its
// first occurrence and by its shortest correct name afterwards; names in `knownNames` (the references' types)
// are always written by name.

import { quote } from '../json-document/write.ts'
import { writeJackson } from './json-write.ts'
import type { AvroType, Field, NamedType, Props } from './model.ts'
import { qualifiedName } from './names.ts'
import type { Name } from './names.ts'

export function canonicalText(root: AvroType, knownNames: ReadonlySet<string> = new Set()): string {
  return new CanonicalWriter(new Set(knownNames)).type(root, undefined)
}

class CanonicalWriter {
  constructor(private readonly written: Set<string>) {}

  type(type: AvroType, space: string | undefined): string {
    switch (type.kind) {
      case 'record':
      case 'enum':
      case 'fixed':
        return this.named(type, space)
      case 'array':
        return `{"type":"array","items":${this.type(type.items, space)}${props(type.props)}}`
      case 'map':
        return `{"type":"map","values":${this.type(type.values, space)}${props(type.props)}}`
      case 'union':
        return `[${type.branches.map((branch) => this.type(branch, space)).join(',')}]`
      default:
        return type.props.size === 0 ? quote(type.kind) : `{"type":${quote(type.kind)}${props(type.props)}}`
    }
  }

  private named(type: NamedType, space: string | undefined): string {
    if (this.written.has(type.name.full)) return quote(qualifiedName(type.name, space))
    this.written.add(type.name.full)
    const head = `"type":"${type.kind === 'record' && type.isError ? 'error' : type.kind}",${nameAttributes(type.name, space)}`
    const doc = type.doc === undefined ? '' : `,"doc":${quote(type.doc)}`
    const tail = `${props(type.props)}${aliases(type)}`
    switch (type.kind) {
      case 'record': {
        const fields = type.fields.map((field) => this.field(field, type.name.space))
        return `{${head}${doc},"fields":[${fields.join(',')}]${tail}}`
      }
      case 'enum': {
        const enumDefault = type.default === undefined ? '' : `,"default":${quote(type.default)}`
        return `{${head}${doc},"symbols":[${type.symbols.map(quote).join(',')}]${enumDefault}${tail}}`
      }
      case 'fixed':
        return `{${head}${doc},"size":${type.size}${tail}}`
    }
  }

  private field(field: Field, space: string | undefined): string {
    let out = `{"name":${quote(field.name)},"type":${this.type(field.type, space)}`
    if (field.doc !== undefined) out += `,"doc":${quote(field.doc)}`
    if (field.default !== undefined) out += `,"default":${writeJackson(field.default)}`
    if (field.order !== 'ascending') out += `,"order":"${field.order}"`
    if (field.aliases.length > 0) out += `,"aliases":[${field.aliases.map(quote).join(',')}]`
    return `${out}${props(field.props)}}`
  }
}

/** `"name"` and, where it is not implied by the enclosing namespace, `"namespace"` (`""` for the null one). */
function nameAttributes(name: Name, space: string | undefined): string {
  const out = `"name":${quote(name.name)}`
  if (name.space !== undefined) return name.space === space ? out : `${out},"namespace":${quote(name.space)}`
  return space === undefined ? out : `${out},"namespace":""`
}

function props(values: Props): string {
  let out = ''
  for (const [key, value] of values) out += `,${quote(key)}:${writeJackson(value)}`
  return out
}

function aliases(type: NamedType): string {
  if (type.aliases.length === 0) return ''
  return `,"aliases":[${type.aliases.map((alias) => quote(qualifiedName(alias, type.name.space))).join(',')}]`
}
