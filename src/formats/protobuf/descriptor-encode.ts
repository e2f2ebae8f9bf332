// Writes a schema as a base64 FileDescriptorProto, what Confluent answers for `?format=serialized` and what its
// non-Java deserializers load. Type names are written fully qualified (`.pkg.Type`) so any descriptor pool can
// resolve them; map fields become protoc's synthetic `<Name>Entry` messages; proto3 `optional` fields get
// protoc's synthetic `_<name>` oneofs after the declared ones. Custom options are left out (see
// descriptor-options.ts).

import descriptor from 'protobufjs/ext/descriptor.js'
import { toDescriptorOptions } from './descriptor-options.ts'
import type { EnumProto, FieldProto, FileProto, MessageProto, RangeProto, ServiceProto } from './descriptor-types.ts'
import type { EnumElement, ExtendElement, FieldElement, MessageElement, ProtoFile, ServiceElement, TagRange } from './model.ts'
import { MAX_TAG, mapType } from './model.ts'
import { fileScope, innerScope, isScalar } from './symbols.ts'
import type { Scope, SymbolTable } from './symbols.ts'

/** The base64 FileDescriptorProto of `file`; `name` is the descriptor's file name (Confluent uses "default"). */
export function encodeDescriptor(file: ProtoFile, table: SymbolTable, name = 'default'): string {
  const proto = new DescriptorWriter(file, table).file(name)
  const message = descriptor.FileDescriptorProto.fromObject(proto)
  return Buffer.from(descriptor.FileDescriptorProto.encode(message).finish()).toString('base64')
}

class DescriptorWriter {
  constructor(
    private readonly source: ProtoFile,
    private readonly table: SymbolTable,
  ) {}

  file(name: string): FileProto {
    const { source } = this
    const scope = fileScope(source)
    return {
      name,
      package: source.packageName,
      dependency: [...source.imports, ...source.publicImports],
      publicDependency: source.publicImports.map((_, i) => source.imports.length + i),
      messageType: source.types.filter((t): t is MessageElement => t.kind === 'message').map((m) => this.message(m, scope)),
      enumType: source.types.filter((t): t is EnumElement => t.kind === 'enum').map(enumProto),
      service: source.services.map((s) => this.service(s, scope)),
      extension: this.extensions(source.extendDeclarations, scope),
      options: toDescriptorOptions('FileOptions', source.options),
      syntax: source.syntax,
    }
  }

  private message(message: MessageElement, outer: Scope): MessageProto {
    const scope = innerScope(outer, message.name)
    const mapEntries: MessageProto[] = []
    const syntheticOneOfs: string[] = []
    const declaredOneOfs = message.oneOfs.length
    const field = (f: FieldElement, oneofIndex?: number): FieldProto => {
      const map = mapType(f.type)
      if (map !== undefined) {
        const entryName = mapEntryName(f.name)
        mapEntries.push({
          name: entryName,
          field: [
            { name: 'key', number: 1, label: 'LABEL_OPTIONAL', ...this.type(map.keyType, scope) },
            { name: 'value', number: 2, label: 'LABEL_OPTIONAL', ...this.type(map.valueType, scope) },
          ],
          options: { mapEntry: true },
        })
        const typeName = `.${[scope.packageName, ...scope.names, entryName].filter((p) => p !== '').join('.')}`
        return { ...this.field(f, scope), label: 'LABEL_REPEATED', type: 'TYPE_MESSAGE', typeName }
      }
      const proto = this.field(f, scope)
      if (oneofIndex !== undefined) return { ...proto, oneofIndex }
      if (f.label === 'optional' && this.source.syntax === 'proto3') {
        syntheticOneOfs.push(`_${f.name}`)
        return { ...proto, proto3Optional: true, oneofIndex: declaredOneOfs + syntheticOneOfs.length - 1 }
      }
      return proto
    }
    const fields = [...message.fields.map((f) => field(f)), ...message.oneOfs.flatMap((o, i) => o.fields.map((f) => field(f, i)))]
    const nested = message.nestedTypes.filter((t): t is MessageElement => t.kind === 'message').map((m) => this.message(m, scope))
    return {
      name: message.name,
      field: fields,
      extension: this.extensions(message.extendDeclarations, scope),
      nestedType: [...nested, ...mapEntries],
      enumType: message.nestedTypes.filter((t): t is EnumElement => t.kind === 'enum').map(enumProto),
      extensionRange: message.extensions.flatMap((e) => e.values.map((v) => rangeProto(v, true))),
      oneofDecl: [...message.oneOfs.map((o) => ({ name: o.name })), ...syntheticOneOfs.map((name) => ({ name }))],
      options: toDescriptorOptions('MessageOptions', message.options),
      reservedRange: message.reserveds.flatMap((r) => r.values.filter(isTag).map((v) => rangeProto(v, true))),
      reservedName: message.reserveds.flatMap((r) => r.values.filter((v): v is string => typeof v === 'string')),
    }
  }

  private field(field: FieldElement, scope: Scope): FieldProto {
    return {
      name: field.name,
      number: field.tag,
      label: field.label === 'repeated' ? 'LABEL_REPEATED' : field.label === 'required' ? 'LABEL_REQUIRED' : 'LABEL_OPTIONAL',
      ...this.type(field.type, scope),
      defaultValue: field.defaultValue,
      jsonName: field.jsonName,
      options: toDescriptorOptions('FieldOptions', field.options),
    }
  }

  private type(type: string, scope: Scope): Pick<FieldProto, 'type' | 'typeName'> {
    if (isScalar(type)) return { type: `TYPE_${type.toUpperCase()}` }
    const info = this.table.lookup(type, scope)
    if (info === undefined) return { type: 'TYPE_MESSAGE', typeName: type }
    return { type: info.element.kind === 'enum' ? 'TYPE_ENUM' : 'TYPE_MESSAGE', typeName: '.' + info.fullName }
  }

  private extensions(extendDeclarations: readonly ExtendElement[], scope: Scope): FieldProto[] {
    return extendDeclarations.flatMap((e) =>
      e.fields.map((f) => ({ ...this.field(f, scope), extendee: this.qualified(e.name, scope) })),
    )
  }

  private service(service: ServiceElement, scope: Scope): ServiceProto {
    return {
      name: service.name,
      method: service.rpcs.map((r) => ({
        name: r.name,
        inputType: this.qualified(r.requestType, scope),
        outputType: this.qualified(r.responseType, scope),
        clientStreaming: r.requestStreaming || undefined,
        serverStreaming: r.responseStreaming || undefined,
        options: toDescriptorOptions('MethodOptions', r.options),
      })),
      options: toDescriptorOptions('ServiceOptions', service.options),
    }
  }

  private qualified(name: string, scope: Scope): string {
    const fullName = this.table.resolveType(name, scope)
    return fullName === undefined ? name : '.' + fullName
  }
}

function enumProto(enumeration: EnumElement): EnumProto {
  return {
    name: enumeration.name,
    value: enumeration.constants.map((c) => ({ name: c.name, number: c.tag, options: toDescriptorOptions('EnumValueOptions', c.options) })),
    options: toDescriptorOptions('EnumOptions', enumeration.options),
    reservedRange: enumeration.reserveds.flatMap((r) => r.values.filter(isTag).map((v) => rangeProto(v, false))),
    reservedName: enumeration.reserveds.flatMap((r) => r.values.filter((v): v is string => typeof v === 'string')),
  }
}

const isTag = (value: number | TagRange | string): value is number | TagRange => typeof value !== 'string'

/** Message ranges end exclusively in a descriptor, enum ranges inclusively (`max` is INT32_MAX there). */
function rangeProto(value: number | TagRange, endExclusive: boolean): RangeProto {
  const [start, end] = typeof value === 'number' ? [value, value] : [value.start, value.end]
  if (endExclusive) return { start, end: end + 1 }
  return { start, end: typeof value !== 'number' && end >= MAX_TAG ? 2147483647 : end }
}

/** protoc's name for a map field's entry message: CamelCase of the field name plus "Entry". */
const mapEntryName = (fieldName: string): string =>
  fieldName.replace(/(?:^|_+)([a-z]?)/g, (_, c: string) => c.toUpperCase()) + 'Entry'
