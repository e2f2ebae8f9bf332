// Reads a schema sent as a base64 FileDescriptorProto (what Confluent's non-Java serializers register) into the
// file model, so that it gets the same canonical text, and so the same id, as the .proto source it was compiled
// from. Confluent's own conversion keeps descriptor spellings (fully qualified `.pkg.Type` names, synthetic
// `XEntry` map messages, every default `json_name`); here those are turned back into what a source file says:
// type names relative to their scope (the shortest name that resolves to the same type), `map<K, V>` fields,
// and only the json_names that differ from the default. Layout follows Confluent's conversion (messages before
// enums, fields before oneofs, standard options in descriptor order).

import descriptor from 'protobufjs/ext/descriptor.js'
import { invalidSchema } from '../../errors.ts'
import { fromDescriptorOptions } from './descriptor-options.ts'
import type { EnumProto, FieldProto, FileProto, MessageProto, RangeProto, ServiceProto } from './descriptor-types.ts'
import type {
  EnumElement, ExtendElement, FieldElement, Label, MessageElement, OneOfElement, ProtoFile, ReservedElement, Syntax, TagRange, TypeElement,
} from './model.ts'
import { formatMapType } from './model.ts'
import { fileScope, innerScope, isScalar } from './symbols.ts'
import type { Scope, SymbolTable } from './symbols.ts'

/** The file a base64 FileDescriptorProto describes, or undefined when `text` is not one. Type names are left
 * as the descriptor spells them until relativizeTypeNames runs with the dependencies known. */
export function decodeDescriptor(text: string, maxDepth: number): ProtoFile | undefined {
  const compact = text.replace(/\s+/g, '')
  if (compact.length === 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined
  let proto: FileProto
  try {
    const message = descriptor.FileDescriptorProto.decode(Buffer.from(compact, 'base64'))
    proto = descriptor.FileDescriptorProto.toObject(message, { enums: String, longs: Number, defaults: false }) as FileProto
  } catch {
    return undefined
  }
  const declaresSomething = [proto.name, proto.package, proto.syntax].some((v) => v !== undefined) || (proto.messageType ?? []).length > 0 ||
    (proto.enumType ?? []).length > 0 || (proto.service ?? []).length > 0
  if (!declaresSomething) return undefined
  return new DescriptorReader(proto, maxDepth).file()
}

const UNPACKABLE: ReadonlySet<string> = new Set(['TYPE_MESSAGE', 'TYPE_GROUP', 'TYPE_STRING', 'TYPE_BYTES'])

class DescriptorReader {
  private readonly syntax: Syntax | undefined

  constructor(
    private readonly proto: FileProto,
    private readonly maxDepth: number,
  ) {
    if (proto.syntax === 'editions' || proto.edition !== undefined) throw invalidSchema('descriptor: protobuf editions are not supported')
    this.syntax = proto.syntax === 'proto3' || proto.syntax === 'proto2' ? proto.syntax : undefined
  }

  file(): ProtoFile {
    const { proto } = this
    const dependencies = proto.dependency ?? []
    const isPublic = new Set(proto.publicDependency ?? [])
    return {
      syntax: this.syntax,
      packageName: proto.package === undefined || proto.package === '' ? undefined : proto.package,
      imports: dependencies.filter((_, i) => !isPublic.has(i)),
      publicImports: dependencies.filter((_, i) => isPublic.has(i)),
      options: fromDescriptorOptions('FileOptions', proto.options),
      types: [...(proto.messageType ?? []).map((m) => this.message(m, 1)), ...(proto.enumType ?? []).map(toEnum)],
      extendDeclarations: this.extends(proto.extension ?? []),
      services: (proto.service ?? []).map(toService),
    }
  }

  private message(proto: MessageProto, depth: number): MessageElement {
    if (depth > this.maxDepth) throw invalidSchema(`descriptor: messages are nested deeper than the limit of ${this.maxDepth}`)
    const oneOfFields: FieldElement[][] = (proto.oneofDecl ?? []).map(() => [])
    const fields: FieldElement[] = []
    for (const field of proto.field ?? []) {
      if (field.oneofIndex !== undefined && field.proto3Optional !== true && oneOfFields[field.oneofIndex] !== undefined) {
        oneOfFields[field.oneofIndex].push(this.field(field, true))
      } else {
        fields.push(this.field(field, false))
      }
    }
    const oneOfs: OneOfElement[] = (proto.oneofDecl ?? [])
      .map((oneOf, i) => ({ name: oneOf.name ?? '', fields: oneOfFields[i], options: [] }))
      .filter((oneOf) => oneOf.fields.length > 0)
    const reserveds: ReservedElement[] = [
      ...(proto.reservedRange ?? []).map((r) => ({ values: [range(r, true)] })),
      ...(proto.reservedName ?? []).map((name) => ({ values: [name] })),
    ]
    return {
      kind: 'message',
      name: proto.name ?? '',
      options: fromDescriptorOptions('MessageOptions', proto.options),
      reserveds,
      fields,
      oneOfs,
      extensions: (proto.extensionRange ?? []).map((r) => ({ values: [range(r, true)] })),
      extendDeclarations: this.extends(proto.extension ?? []),
      nestedTypes: [...(proto.nestedType ?? []).map((m) => this.message(m, depth + 1)), ...(proto.enumType ?? []).map(toEnum)],
    }
  }

  private field(proto: FieldProto, inOneOf: boolean): FieldElement {
    const name = proto.name ?? ''
    if (proto.type === 'TYPE_GROUP') throw invalidSchema(`descriptor: field '${name}' is a proto2 group, which is not supported`)
    const type = proto.typeName ?? (proto.type ?? 'TYPE_STRING').slice('TYPE_'.length).toLowerCase()
    const label = inOneOf ? undefined : this.label(proto)
    // `packed` means something only on repeated numbers and enums (protoc rejects it elsewhere), yet some
    // generators write `packed: false` on every field; keeping it would give the descriptor another id.
    const packable = label === 'repeated' && !UNPACKABLE.has(proto.type ?? '')
    const options = fromDescriptorOptions('FieldOptions', proto.options).filter((o) => packable || o.name !== 'packed')
    return {
      label,
      type,
      name,
      tag: proto.number ?? 0,
      defaultValue: this.syntax !== 'proto3' ? proto.defaultValue : undefined,
      jsonName: proto.jsonName !== undefined && proto.jsonName !== defaultJsonName(name) ? proto.jsonName : undefined,
      options,
    }
  }

  private label(proto: FieldProto): Label | undefined {
    if (proto.proto3Optional === true) return 'optional'
    if (proto.label === 'LABEL_REPEATED') return 'repeated'
    if (this.syntax === 'proto3') return undefined
    return proto.label === 'LABEL_REQUIRED' ? 'required' : 'optional'
  }

  /** Extension fields grouped by the message they extend, in first-seen order. */
  private extends(fields: readonly FieldProto[]): ExtendElement[] {
    const byExtendee = new Map<string, FieldElement[]>()
    for (const field of fields) {
      const extendee = field.extendee ?? ''
      byExtendee.set(extendee, [...(byExtendee.get(extendee) ?? []), this.field(field, false)])
    }
    return [...byExtendee].map(([name, extendFields]) => ({ name, fields: extendFields }))
  }
}

function toEnum(proto: EnumProto): EnumElement {
  return {
    kind: 'enum',
    name: proto.name ?? '',
    options: fromDescriptorOptions('EnumOptions', proto.options),
    reserveds: [
      ...(proto.reservedRange ?? []).map((r) => ({ values: [range(r, false)] })),
      ...(proto.reservedName ?? []).map((name) => ({ values: [name] })),
    ],
    constants: (proto.value ?? []).map((v) => ({ name: v.name ?? '', tag: v.number ?? 0, options: fromDescriptorOptions('EnumValueOptions', v.options) })),
  }
}

function toService(proto: ServiceProto) {
  return {
    name: proto.name ?? '',
    options: fromDescriptorOptions('ServiceOptions', proto.options),
    rpcs: (proto.method ?? []).map((m) => ({
      name: m.name ?? '',
      requestType: m.inputType ?? '',
      responseType: m.outputType ?? '',
      requestStreaming: m.clientStreaming === true,
      responseStreaming: m.serverStreaming === true,
      options: fromDescriptorOptions('MethodOptions', m.options),
    })),
  }
}

/** Message ranges end exclusively in a descriptor, enum ranges inclusively; a one-number range is a number. */
function range(proto: RangeProto, endExclusive: boolean): number | TagRange {
  const start = proto.start ?? 0
  const end = (proto.end ?? 0) - (endExclusive ? 1 : 0)
  return start === end ? start : { start, end }
}

/** protoc's default JSON name: underscores dropped, the letter after each one upper-cased. */
const defaultJsonName = (name: string): string => name.replace(/_+([a-z]?)/g, (_, c: string) => c.toUpperCase())

/**
 * Rewrites a decoded file's type names as a source file spells them, now that its imports are known:
 * each name relative to its scope, repeated fields of synthetic map-entry messages back to `map<K, V>`.
 */
export function relativizeTypeNames(file: ProtoFile, table: SymbolTable): ProtoFile {
  const root = fileScope(file)
  const relative = (name: string, scope: Scope): string => {
    const fullName = table.resolveType(name, scope)
    return fullName === undefined ? name : shortestName(fullName, scope, table)
  }
  const field = (f: FieldElement, scope: Scope): FieldElement => (isScalar(f.type) ? f : { ...f, type: relative(f.type, scope) })
  const extend = (e: ExtendElement, scope: Scope): ExtendElement => ({ name: relative(e.name, scope), fields: e.fields.map((f) => field(f, scope)) })

  const message = (m: MessageElement, outer: Scope): MessageElement => {
    const scope = innerScope(outer, m.name)
    const entries = new Set<string>()
    const toMapField = (f: FieldElement): FieldElement => {
      const info = f.label === 'repeated' && !isScalar(f.type) ? table.lookup(f.type, scope) : undefined
      const isOwnEntry = info?.mapEntry !== undefined && m.nestedTypes.includes(info.element)
      if (info?.mapEntry === undefined || !isOwnEntry) return field(f, scope)
      entries.add(info.element.name)
      const { keyType, valueType } = info.mapEntry
      const valueFullName = isScalar(valueType) ? undefined : table.resolveType(valueType, innerScope(scope, info.element.name))
      const value = valueFullName === undefined ? valueType : shortestName(valueFullName, scope, table)
      return { ...f, label: undefined, type: formatMapType(keyType, value) }
    }
    const fields = m.fields.map(toMapField)
    return {
      ...m,
      fields,
      oneOfs: m.oneOfs.map((o) => ({ ...o, fields: o.fields.map((f) => field(f, scope)) })),
      extendDeclarations: m.extendDeclarations.map((e) => extend(e, scope)),
      nestedTypes: m.nestedTypes
        .filter((t) => !(t.kind === 'message' && entries.has(t.name)))
        .map((t): TypeElement => (t.kind === 'message' ? message(t, scope) : t)),
    }
  }

  return {
    ...file,
    types: file.types.map((t) => (t.kind === 'message' ? message(t, root) : t)),
    extendDeclarations: file.extendDeclarations.map((e) => extend(e, root)),
    services: file.services.map((s) => ({
      ...s,
      rpcs: s.rpcs.map((r) => ({ ...r, requestType: relative(r.requestType, root), responseType: relative(r.responseType, root) })),
    })),
  }
}

/** The shortest suffix of `fullName` that resolves to it from `scope`; the dotted full name when none does. */
function shortestName(fullName: string, scope: Scope, table: SymbolTable): string {
  const parts = fullName.split('.')
  for (let k = 1; k <= parts.length; k++) {
    const candidate = parts.slice(parts.length - k).join('.')
    if (table.resolveType(candidate, scope) === fullName) return candidate
  }
  return '.' + fullName
}
