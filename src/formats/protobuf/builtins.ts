// The well-known files a schema may import without registering them, as Confluent's registry and clients
// ship them: Google's (definitions from protobufjs: its `common` table and its google/protobuf JSON files) and
// Confluent's confluent/meta.proto and confluent/type/decimal.proto (declared below). This module turns them
// into the file model for type resolution and the diff, and adds them to protobufjs roots. Only what
// resolution needs is kept (packages, messages, fields, oneofs, enums, extensions): they are never printed.

import protobuf from 'protobufjs'
import type { IEnum, IField, IMapField, INamespace, IType } from 'protobufjs'
import apiJson from 'protobufjs/google/protobuf/api.json' with { type: 'json' }
import descriptorJson from 'protobufjs/google/protobuf/descriptor.json' with { type: 'json' }
import sourceContextJson from 'protobufjs/google/protobuf/source_context.json' with { type: 'json' }
import typeJson from 'protobufjs/google/protobuf/type.json' with { type: 'json' }
import type { EnumElement, FieldElement, MessageElement, OneOfElement, ProtoFile, Syntax, TypeElement } from './model.ts'
import { formatMapType } from './model.ts'
import { parseProto } from './parser.ts'

const SHIPPED_JSON: Readonly<Record<string, unknown>> = {
  'google/protobuf/api.proto': apiJson,
  'google/protobuf/descriptor.proto': descriptorJson,
  'google/protobuf/source_context.proto': sourceContextJson,
  'google/protobuf/type.proto': typeJson,
}

// The structure of confluentinc/schema-registry protobuf-types/src/main/proto/confluent/{meta,type/decimal}.proto
// (Apache License 2.0), which Confluent's serializers treat as built in and never register.
const CONFLUENT_TEXT: Readonly<Record<string, string>> = {
  'confluent/meta.proto': `syntax = "proto3";
    package confluent;
    import "google/protobuf/descriptor.proto";
    message Meta { string doc = 1; map<string, string> params = 2; repeated string tags = 3; repeated Rule rules = 4; }
    message Rule { string name = 1; string doc = 2; string expr = 3; string sql = 4; }
    extend google.protobuf.FileOptions { Meta file_meta = 1088; }
    extend google.protobuf.MessageOptions { Meta message_meta = 1088; }
    extend google.protobuf.FieldOptions { Meta field_meta = 1088; }
    extend google.protobuf.EnumOptions { Meta enum_meta = 1088; }
    extend google.protobuf.EnumValueOptions { Meta enum_value_meta = 1088; }`,
  'confluent/type/decimal.proto': `syntax = "proto3";
    package confluent.type;
    message Decimal { bytes value = 1; uint32 precision = 2; int32 scale = 3; }`,
}

/** The protobufjs JSON of a well-known file, or undefined when `path` is not one. */
function builtInJson(path: string): INamespace | undefined {
  return (SHIPPED_JSON[path] as INamespace | undefined) ?? protobuf.common.get(path) ?? undefined
}

const files = new Map<string, ProtoFile>()

/** The file model of a well-known file (converted once), or undefined when `path` is not one. */
export function builtInFile(path: string): ProtoFile | undefined {
  const cached = files.get(path)
  if (cached !== undefined) return cached
  const text = CONFLUENT_TEXT[path]
  const json = builtInJson(path)
  const file = text !== undefined ? parseProto(text, 8) : json !== undefined ? toFile(json) : undefined
  if (file !== undefined) files.set(path, file)
  return file
}

/** Adds a well-known file's definitions to a protobufjs root. */
export function addBuiltIn(root: protobuf.Root, path: string): void {
  const text = CONFLUENT_TEXT[path]
  if (text !== undefined) protobuf.parse(text, root, { keepCase: true })
  else root.addJSON(builtInJson(path)?.nested ?? {})
}

const isType = (value: unknown): value is IType => typeof value === 'object' && value !== null && 'fields' in value
const isEnum = (value: unknown): value is IEnum => typeof value === 'object' && value !== null && 'values' in value

function toFile(json: INamespace): ProtoFile {
  // The JSON nests the package as plain namespaces (google -> protobuf -> types).
  const packageParts: string[] = []
  let namespace = json
  for (;;) {
    const entries = Object.entries(namespace.nested ?? {})
    const [name, inner] = entries[0] ?? []
    if (entries.length !== 1 || isType(inner) || isEnum(inner) || name === undefined) break
    packageParts.push(name)
    namespace = inner as INamespace
  }
  const types = toTypes(namespace)
  const proto2 = Object.values(namespace.nested ?? {}).some((n) => (n as { edition?: string }).edition === 'proto2')
  const syntax: Syntax = proto2 ? 'proto2' : 'proto3'
  return {
    syntax,
    packageName: packageParts.join('.'),
    imports: [],
    publicImports: [],
    options: [],
    types: types.map((t) => (t.kind === 'message' ? withLabels(t, syntax) : t)),
    extendDeclarations: [],
    services: [],
  }
}

function toTypes(namespace: INamespace): TypeElement[] {
  const types: TypeElement[] = []
  for (const [name, nested] of Object.entries(namespace.nested ?? {})) {
    if (isType(nested)) types.push(toMessage(name, nested))
    else if (isEnum(nested)) types.push(toEnum(name, nested))
  }
  return types
}

function toMessage(name: string, json: IType): MessageElement {
  const inOneOf = new Map<string, string>()
  for (const [oneOfName, oneOf] of Object.entries(json.oneofs ?? {})) for (const field of oneOf.oneof) inOneOf.set(field, oneOfName)
  const fields: FieldElement[] = []
  const oneOfFields = new Map<string, FieldElement[]>()
  for (const [key, field] of Object.entries(json.fields)) {
    const element = toField(key, field)
    const oneOf = inOneOf.get(key)
    if (oneOf === undefined) fields.push(element)
    else oneOfFields.set(oneOf, [...(oneOfFields.get(oneOf) ?? []), element])
  }
  const oneOfs: OneOfElement[] = [...oneOfFields].map(([oneOfName, members]) => ({ name: oneOfName, fields: members, options: [] }))
  return {
    kind: 'message', name, options: [], reserveds: [], fields, oneOfs, extensions: [], extendDeclarations: [], nestedTypes: toTypes(json),
  }
}

function toField(key: string, field: IField): FieldElement {
  const keyType = (field as Partial<IMapField>).keyType
  const protoName = (field as { protoName?: string }).protoName
  return {
    label: field.rule === 'repeated' || field.rule === 'required' ? field.rule : undefined,
    type: keyType !== undefined ? formatMapType(keyType, field.type) : field.type,
    name: protoName ?? key,
    tag: field.id,
    defaultValue: undefined,
    jsonName: undefined,
    options: [],
  }
}

const toEnum = (name: string, json: IEnum): EnumElement => ({
  kind: 'enum',
  name,
  options: [],
  reserveds: [],
  constants: Object.entries(json.values).map(([constant, tag]) => ({ name: constant, tag, options: [] })),
})

/** proto2 singular fields are `optional`; the JSON leaves that rule out. */
function withLabels(message: MessageElement, syntax: Syntax): MessageElement {
  if (syntax === 'proto3') return message
  return {
    ...message,
    fields: message.fields.map((f) => (f.label === undefined && !f.type.startsWith('map<') ? { ...f, label: 'optional' as const } : f)),
    nestedTypes: message.nestedTypes.map((t) => (t.kind === 'message' ? withLabels(t, syntax) : t)),
  }
}
