// Prints a file model as Confluent's canonical Protobuf text (ProtobufSchemaUtils.toString), the text the
// registry stores, hashes and returns. Layout rules matched here: `syntax` then `package` with no blank line,
// then imports, options, types, extends and services, each group after one blank line; inside a message the
// sections reserved, options, fields, oneofs, extensions, extends, nested types, each after a blank line;
// messages before enums at every level (message order is kept: message indexes depend on it); two-space
// indentation applied line by line, so a blank line inside a nested block carries the indentation ("  ").

import { MAX_TAG } from './model.ts'
import type {
  EnumConstantElement, EnumElement, ExtendElement, ExtensionsElement, FieldElement, MessageElement, OneOfElement,
  OptionElement, OptionEntry, OptionValue, ProtoFile, ReservedElement, RpcElement, ServiceElement, TagRange, TypeElement,
} from './model.ts'

export function printFile(file: ProtoFile): string {
  let out = ''
  if (file.syntax !== undefined) out += `syntax = "${file.syntax}";\n`
  if (file.packageName !== undefined) out += `package ${file.packageName};\n`
  if (file.imports.length > 0 || file.publicImports.length > 0) {
    out += '\n'
    for (const path of file.imports) out += `import "${path}";\n`
    for (const path of file.publicImports) out += `import public "${path}";\n`
  }
  if (file.options.length > 0) out += '\n' + file.options.map(optionStatement).join('')
  if (file.types.length > 0) out += '\n' + printTypes(file.types).join('')
  if (file.extendDeclarations.length > 0) out += '\n' + file.extendDeclarations.map(printExtend).join('')
  if (file.services.length > 0) out += '\n' + file.services.map(printService).join('')
  return out
}

/** Messages first, then enums, each in declaration order. */
const printTypes = (types: readonly TypeElement[]): string[] => [
  ...types.filter((t): t is MessageElement => t.kind === 'message').map(printMessage),
  ...types.filter((t): t is EnumElement => t.kind === 'enum').map(printEnum),
]

function printMessage(message: MessageElement): string {
  let out = `message ${message.name} {`
  const section = (items: readonly string[]): void => {
    if (items.length > 0) out += '\n' + items.map(indent).join('')
  }
  section(message.reserveds.map(printReserved))
  section(message.options.map(optionStatement))
  section(message.fields.map(printField))
  section(message.oneOfs.map(printOneOf))
  section(message.extensions.map(printExtensions))
  section(message.extendDeclarations.map(printExtend))
  section(printTypes(message.nestedTypes))
  return out + '}\n'
}

function printEnum(enumeration: EnumElement): string {
  let out = `enum ${enumeration.name} {`
  if (enumeration.reserveds.length > 0) out += '\n' + enumeration.reserveds.map((r) => indent(printReserved(r))).join('')
  else if (enumeration.options.length > 0 || enumeration.constants.length > 0) out += '\n'
  out += enumeration.options.map((o) => indent(optionStatement(o))).join('')
  out += enumeration.constants.map((c) => indent(printConstant(c))).join('')
  return out + '}\n'
}

function printConstant(constant: EnumConstantElement): string {
  const options = constant.options.length > 0 ? ' ' + bracketed(constant.options.map(printOption)) : ''
  return `${constant.name} = ${constant.tag}${options};\n`
}

const printRange = (value: number | TagRange): string =>
  typeof value === 'number' ? String(value) : `${value.start} to ${value.end >= MAX_TAG ? 'max' : value.end}`

const printReserved = (reserved: ReservedElement): string =>
  `reserved ${reserved.values.map((v) => (typeof v === 'string' ? `"${v}"` : printRange(v))).join(', ')};\n`

const printExtensions = (extensions: ExtensionsElement): string => `extensions ${extensions.values.map(printRange).join(', ')};\n`

function printOneOf(oneOf: OneOfElement): string {
  let out = `oneof ${oneOf.name} {`
  if (oneOf.options.length > 0) out += '\n' + oneOf.options.map((o) => indent(optionStatement(o))).join('')
  if (oneOf.fields.length > 0) out += '\n' + oneOf.fields.map((f) => indent(printField(f))).join('')
  return out + '}\n'
}

function printExtend(extend: ExtendElement): string {
  let out = `extend ${extend.name} {`
  if (extend.fields.length > 0) out += '\n' + extend.fields.map((f) => indent(printField(f))).join('')
  return out + '}\n'
}

function printService(service: ServiceElement): string {
  let out = `service ${service.name} {`
  if (service.options.length > 0) out += '\n' + service.options.map((o) => indent(optionStatement(o))).join('')
  if (service.rpcs.length > 0) out += '\n' + service.rpcs.map((r) => indent(printRpc(r))).join('')
  return out + '}\n'
}

function printRpc(rpc: RpcElement): string {
  const stream = (streaming: boolean): string => (streaming ? 'stream ' : '')
  let out = `rpc ${rpc.name} (${stream(rpc.requestStreaming)}${rpc.requestType}) returns (${stream(rpc.responseStreaming)}${rpc.responseType})`
  if (rpc.options.length > 0) out += ' {\n' + rpc.options.map((o) => indent(optionStatement(o))).join('') + '}'
  return out + ';\n'
}

function printField(field: FieldElement): string {
  const label = field.label !== undefined ? field.label + ' ' : ''
  const options = field.options.map(printOption)
  if (field.defaultValue !== undefined) options.push(`default = ${printDefault(field.type, field.defaultValue)}`)
  if (field.jsonName !== undefined) options.push(`json_name = "${escapeChars(field.jsonName)}"`)
  const suffix = options.length > 0 ? ' ' + bracketed(options) : ''
  return `${label}${field.type} ${field.name} = ${field.tag}${suffix};\n`
}

/** Confluent picks the option kind from the field type: strings are quoted, bools, numbers and enums are not.
 * Bytes defaults are quoted too (Confluent prints them bare, which no parser reads back). */
function printDefault(type: string, value: string): string {
  const simpleName = type.slice(type.lastIndexOf('.') + 1)
  return simpleName === 'string' || simpleName === 'bytes' ? `"${escapeChars(value)}"` : value
}

const optionStatement = (option: OptionElement): string => `option ${printOption(option)};\n`

function printOption(option: OptionElement): string {
  const name = option.parenthesized ? `(${option.name})` : option.name
  const { value } = option
  switch (value.kind) {
    case 'option':
      return `${name}.${printOption(value.option)}`
    case 'map':
      return `${name} = {\n${printEntries(value.entries)}}`
    case 'list':
      return `${name} = ${bracketed(value.items.map(printValue))}`
    default:
      return `${name} = ${printValue(value)}`
  }
}

function printEntries(entries: readonly OptionEntry[]): string {
  return entries.map((entry, i) => indent(`${entry.key}: ${printValue(entry.value)}${i < entries.length - 1 ? ',' : ''}`)).join('')
}

function printValue(value: OptionValue): string {
  switch (value.kind) {
    case 'string':
      return `"${escapeChars(value.value)}"`
    case 'map':
      return `{\n${printEntries(value.entries)}}`
    case 'list':
      return `[\n${value.items.map((item, i) => indent(printValue(item) + (i < value.items.length - 1 ? ',' : ''))).join('')}]`
    case 'option':
      return printOption(value.option)
    default:
      return value.value
  }
}

/** `[a]` for one item, one item per indented line otherwise. */
function bracketed(items: readonly string[]): string {
  if (items.length === 1) return `[${items[0]}]`
  return `[\n${items.map((item, i) => indent(item + (i < items.length - 1 ? ',' : ''))).join('')}]`
}

/** Indents every line by two spaces, as Java's `split("\n")` sees them: trailing empty lines are dropped,
 * inner empty lines become "  ". */
function indent(text: string): string {
  const lines = text.split('\n')
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop()
  return lines.map((line) => `  ${line}\n`).join('')
}

const ESCAPES: Record<string, string> = {
  '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v',
  '\\': '\\\\', "'": "\\'", '"': '\\"',
}

/** Confluent's escaping of option strings: the C escapes and both quotes; everything else as is. */
const escapeChars = (text: string): string => Array.from(text, (c) => ESCAPES[c] ?? c).join('')
