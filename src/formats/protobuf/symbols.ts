// The types and extension fields visible to one schema (its own file and every file it imports), by full
// name, and name resolution as Confluent's diff Context does it: a relative name is tried in the enclosing
// scopes from the innermost (package parts plus the names of the enclosing messages) outwards, then as given.
// Normalization, validation, descriptors and the compatibility diff all resolve names through this table.

import type { Dependency, FieldElement, MapType, ProtobufSchema, ProtoFile, TypeElement } from './model.ts'
import { SCALAR_TYPES } from './model.ts'

/** Where a type was declared, compared by the diff: two types from the same subject and version are equal. */
export interface TypeOrigin {
  readonly subject: string
  readonly version: number
}

/** Confluent's marker for the schema's own types (a dummy reference). */
const LOCAL_ORIGIN: TypeOrigin = { subject: '', version: -1 }

export interface TypeInfo {
  readonly fullName: string
  /** The package of the declaring file ('' when it has none). */
  readonly packageName: string
  readonly element: TypeElement
  /** Undefined for well-known files and references of references. */
  readonly origin: TypeOrigin | undefined
  /** Set for a message declared with `option map_entry = true` (how descriptors spell map fields). */
  readonly mapEntry: MapType | undefined
}

export interface ExtendFieldInfo {
  readonly fullName: string
  readonly field: FieldElement
}

/** Where a name is used: the file's package and the names of the enclosing messages. */
export interface Scope {
  readonly packageName: string
  readonly names: readonly string[]
}

export const fileScope = (file: ProtoFile): Scope => ({ packageName: file.packageName ?? '', names: [] })

export const innerScope = (scope: Scope, name: string): Scope => ({ packageName: scope.packageName, names: [...scope.names, name] })

export class SymbolTable {
  private readonly types = new Map<string, TypeInfo>()
  private readonly extendFields = new Map<string, ExtendFieldInfo>()

  /** The schema's own file and its dependencies; the own file is collected last so its names win. */
  static of(file: ProtoFile, dependencies: ReadonlyMap<string, Dependency>): SymbolTable {
    const table = new SymbolTable()
    for (const dependency of dependencies.values()) {
      const origin = dependency.reference === undefined ? undefined : { subject: dependency.reference.subject, version: dependency.reference.version }
      table.collect(dependency.file, origin)
    }
    table.collect(file, LOCAL_ORIGIN)
    return table
  }

  type(fullName: string): TypeInfo | undefined {
    return this.types.get(fullName.startsWith('.') ? fullName.slice(1) : fullName)
  }

  extendField(fullName: string): ExtendFieldInfo | undefined {
    return this.extendFields.get(fullName.startsWith('.') ? fullName.slice(1) : fullName)
  }

  /** The full name (no leading dot) a type name means in `scope`, or undefined. */
  resolveType(name: string, scope: Scope): string | undefined {
    return resolve(name, scope, (candidate) => this.types.has(candidate))
  }

  resolveExtendField(name: string, scope: Scope): string | undefined {
    return resolve(name, scope, (candidate) => this.extendFields.has(candidate))
  }

  /** The type a name means in `scope`, or undefined (scalars never resolve unless a type shadows them). */
  lookup(name: string, scope: Scope): TypeInfo | undefined {
    const fullName = this.resolveType(name, scope)
    return fullName === undefined ? undefined : this.types.get(fullName)
  }

  private collect(file: ProtoFile, origin: TypeOrigin | undefined): void {
    const packageName = file.packageName ?? ''
    const prefix = packageName === '' ? [] : [packageName]
    const visit = (types: readonly TypeElement[], path: string[]): void => {
      for (const element of types) {
        const names = [...path, element.name]
        const fullName = [...prefix, ...names].join('.')
        this.types.set(fullName, { fullName, packageName, element, origin, mapEntry: mapEntryOf(element) })
        if (element.kind === 'message') {
          this.collectExtends(element.extendDeclarations.flatMap((e) => e.fields), [...prefix, ...names])
          visit(element.nestedTypes, names)
        }
      }
    }
    this.collectExtends(file.extendDeclarations.flatMap((e) => e.fields), prefix)
    visit(file.types, [])
  }

  private collectExtends(fields: readonly FieldElement[], scope: readonly string[]): void {
    for (const field of fields) {
      const fullName = [...scope, field.name].join('.')
      this.extendFields.set(fullName, { fullName, field })
    }
  }
}

const tables = new WeakMap<ProtobufSchema, SymbolTable>()

/** The table of a parsed schema, built once per schema (the diff and the renderings ask for it repeatedly). */
export function symbolsOf(schema: ProtobufSchema): SymbolTable {
  let table = tables.get(schema)
  if (table === undefined) {
    table = SymbolTable.of(schema.file, schema.dependencies)
    tables.set(schema, table)
  }
  return table
}

function resolve(name: string, scope: Scope, exists: (fullName: string) => boolean): string | undefined {
  if (name.startsWith('.')) return exists(name.slice(1)) ? name.slice(1) : undefined
  const prefix = [...(scope.packageName === '' ? [] : scope.packageName.split('.')), ...scope.names]
  for (; prefix.length > 0; prefix.pop()) {
    const candidate = `${prefix.join('.')}.${name}`
    if (exists(candidate)) return candidate
  }
  return exists(name) ? name : undefined
}

function mapEntryOf(element: TypeElement): MapType | undefined {
  if (element.kind !== 'message') return undefined
  const isEntry = element.options.some((o) => !o.parenthesized && o.name === 'map_entry' && o.value.kind === 'boolean' && o.value.value === 'true')
  if (!isEntry) return undefined
  const key = element.fields.find((f) => f.name === 'key')
  const value = element.fields.find((f) => f.name === 'value')
  return key === undefined || value === undefined ? undefined : { keyType: key.type, valueType: value.type }
}

export const isScalar = (type: string): boolean => SCALAR_TYPES.has(type)
