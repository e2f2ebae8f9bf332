// The shapes of descriptor.proto messages as protobufjs reads and writes them (camelCase fields, enums by
// name), for the conversions between descriptors and the file model.

export type Options = Record<string, unknown>

export interface FieldProto {
  name?: string
  number?: number
  label?: string
  type?: string
  typeName?: string
  extendee?: string
  defaultValue?: string
  oneofIndex?: number
  jsonName?: string
  options?: Options
  proto3Optional?: boolean
}

export interface RangeProto {
  start?: number
  end?: number
}

export interface MessageProto {
  name?: string
  field?: FieldProto[]
  extension?: FieldProto[]
  nestedType?: MessageProto[]
  enumType?: EnumProto[]
  extensionRange?: RangeProto[]
  oneofDecl?: { name?: string; options?: Options }[]
  options?: Options
  reservedRange?: RangeProto[]
  reservedName?: string[]
}

export interface EnumProto {
  name?: string
  value?: { name?: string; number?: number; options?: Options }[]
  options?: Options
  reservedRange?: RangeProto[]
  reservedName?: string[]
}

export interface ServiceProto {
  name?: string
  method?: {
    name?: string
    inputType?: string
    outputType?: string
    options?: Options
    clientStreaming?: boolean
    serverStreaming?: boolean
  }[]
  options?: Options
}

export interface FileProto {
  name?: string
  package?: string
  dependency?: string[]
  publicDependency?: number[]
  weakDependency?: number[]
  messageType?: MessageProto[]
  enumType?: EnumProto[]
  service?: ServiceProto[]
  extension?: FieldProto[]
  options?: Options
  syntax?: string
  edition?: string
}
