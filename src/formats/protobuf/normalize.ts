// Rewrites a file into Confluent's normalized form (compatibility.md 6.2, ProtobufSchemaUtils' normalizing
// printer): `syntax` dropped for proto2; imports sorted and de-duplicated; type references fully qualified
// (map-entry messages back to `map<K, V>`, synthetic entry messages dropped); fields sorted by number, also
// inside oneofs, oneofs ordered by their first field; enum constants by number then name; reserved and
// extension ranges split one per statement and sorted; extend blocks grouped by extended message; options
// normalized (normalize-options.ts). Message and service order is kept: message indexes depend on it.
// Printing the result gives the normalized canonical text.

import { MAX_TAG, formatMapType, mapType } from './model.ts'
import type {
  EnumElement, ExtendElement, ExtensionsElement, FieldElement, MessageElement, OptionElement, OptionValue, ProtoFile,
  ReservedElement, TagRange, TypeElement,
} from './model.ts'
import { normalizeOptions } from './normalize-options.ts'
import { fileScope, innerScope, isScalar } from './symbols.ts'
import type { Scope, SymbolTable } from './symbols.ts'

/** Every type name must resolve in `table` (parse validates that first). */
export function normalizeFile(file: ProtoFile, table: SymbolTable): ProtoFile {
  return new Normalizer(table).file(file)
}

const sortedUnique = (values: readonly string[]): string[] => [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
const byTag = <T extends { tag: number }>(items: readonly T[]): T[] => [...items].sort((a, b) => a.tag - b.tag)

class Normalizer {
  constructor(private readonly table: SymbolTable) {}

  file(file: ProtoFile): ProtoFile {
    const scope = fileScope(file)
    return {
      syntax: file.syntax === 'proto3' ? 'proto3' : undefined,
      packageName: file.packageName,
      imports: sortedUnique(file.imports),
      publicImports: sortedUnique(file.publicImports),
      options: this.options(file.options, scope),
      types: this.types(file.types, scope),
      extendDeclarations: this.extends(file.extendDeclarations, scope),
      services: file.services.map((service) => ({
        ...service,
        options: this.options(service.options, scope),
        rpcs: service.rpcs.map((rpc) => ({
          ...rpc,
          requestType: this.qualified(rpc.requestType, scope),
          responseType: this.qualified(rpc.responseType, scope),
          options: this.options(rpc.options, scope),
        })),
      })),
    }
  }

  private types(types: readonly TypeElement[], scope: Scope): TypeElement[] {
    return types
      .filter((t) => t.kind === 'enum' || this.table.lookup(t.name, scope)?.mapEntry === undefined)
      .map((t) => (t.kind === 'message' ? this.message(t, innerScope(scope, t.name)) : this.enumeration(t, innerScope(scope, t.name))))
  }

  private message(message: MessageElement, scope: Scope): MessageElement {
    const oneOfs = message.oneOfs
      .filter((o) => o.fields.length > 0)
      .map((o) => ({ ...o, options: this.options(o.options, scope), fields: byTag(o.fields).map((f) => this.field(f, scope)) }))
      .sort((a, b) => a.fields[0].tag - b.fields[0].tag)
    return {
      ...message,
      reserveds: splitReserved(message.reserveds),
      options: this.options(message.options, scope),
      fields: byTag(message.fields).map((f) => this.field(f, scope)),
      oneOfs,
      extensions: splitExtensions(message.extensions),
      extendDeclarations: this.extends(message.extendDeclarations, scope),
      nestedTypes: this.types(message.nestedTypes, scope),
    }
  }

  private enumeration(enumeration: EnumElement, scope: Scope): EnumElement {
    const constants = [...enumeration.constants].sort((a, b) => a.tag - b.tag || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    return {
      ...enumeration,
      reserveds: splitReserved(enumeration.reserveds),
      options: this.options(enumeration.options, scope),
      constants: constants.map((c) => ({ ...c, options: this.options(c.options, scope) })),
    }
  }

  /** Fully qualified types; `default` and `json_name` go back among the options, which are then sorted. */
  private field(field: FieldElement, scope: Scope): FieldElement {
    let { label, type } = field
    let map = mapType(type)
    if (!isScalar(type) && map === undefined) {
      const info = this.table.lookup(type, scope)
      type = info === undefined ? type : '.' + info.fullName
      if (info?.mapEntry !== undefined) map = info.mapEntry
    }
    if (map !== undefined) {
      const value = this.table.resolveType(map.valueType, scope)
      type = formatMapType(map.keyType, value === undefined ? map.valueType : '.' + value)
      label = undefined
    }
    const special: OptionElement[] = []
    if (field.defaultValue !== undefined) special.push({ name: 'default', parenthesized: false, value: defaultValue(type, field.defaultValue) })
    if (field.jsonName !== undefined) special.push({ name: 'json_name', parenthesized: false, value: { kind: 'string', value: field.jsonName } })
    const options = this.options([...field.options, ...special], scope)
    return { ...field, label, type, defaultValue: undefined, jsonName: undefined, options }
  }

  /** Extend blocks merged per extended message (fully qualified), fields sorted by number. */
  private extends(extendDeclarations: readonly ExtendElement[], scope: Scope): ExtendElement[] {
    const byName = new Map<string, FieldElement[]>()
    for (const extend of extendDeclarations) {
      const name = this.qualified(extend.name, scope)
      byName.set(name, [...(byName.get(name) ?? []), ...extend.fields])
    }
    return [...byName].map(([name, fields]) => ({ name, fields: byTag(fields).map((f) => this.field(f, scope)) }))
  }

  private options(options: readonly OptionElement[], scope: Scope): OptionElement[] {
    return options.length === 0 ? [] : normalizeOptions(options, scope, this.table)
  }

  private qualified(name: string, scope: Scope): string {
    const fullName = this.table.resolveType(name, scope)
    return fullName === undefined ? name : '.' + fullName
  }
}

/** The kind Confluent gives a default value: quoted for strings (and bytes, see printer.ts), bare otherwise. */
function defaultValue(type: string, value: string): OptionValue {
  const simpleName = type.slice(type.lastIndexOf('.') + 1)
  if (simpleName === 'string' || simpleName === 'bytes') return { kind: 'string', value }
  if (simpleName === 'bool') return { kind: 'boolean', value }
  return { kind: isScalar(simpleName) ? 'number' : 'enum', value }
}

type Value = number | TagRange | string

/** One value per statement; a one-number range becomes the number. */
const single = (value: Value): Value => (typeof value === 'object' && value.start === value.end ? value.start : value)

const start = (value: Value): number => (typeof value === 'number' ? value : typeof value === 'string' ? Number.MAX_SAFE_INTEGER : value.start)

/** Kotlin's toString of a reserved value, Confluent's tie-breaker (`5`, `5..9`, `name`). */
const spelled = (value: Value): string =>
  typeof value === 'object' ? `${value.start}..${Math.min(value.end, MAX_TAG)}` : String(value)

function splitReserved(reserveds: readonly ReservedElement[]): ReservedElement[] {
  const values = reserveds.flatMap((r) => r.values).map(single)
  values.sort((a, b) => start(a) - start(b) || (spelled(a) < spelled(b) ? -1 : spelled(a) > spelled(b) ? 1 : 0))
  return values.map((value) => ({ values: [value] }))
}

function splitExtensions(extensions: readonly ExtensionsElement[]): ExtensionsElement[] {
  const values = extensions.flatMap((e) => e.values).map((v) => single(v) as number | TagRange)
  values.sort((a, b) => start(a) - start(b))
  return values.map((value) => ({ values: [value] }))
}
