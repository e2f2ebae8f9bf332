// Maps standard options (`java_package`, `packed`, `deprecated`, ...) between option statements and the typed
// option messages of descriptor.proto. Option statements use snake_case names, protobufjs descriptor objects
// camelCase. Custom (parenthesized) options are not carried: a descriptor holds them as extension fields that
// only the defining schema could decode, and Confluent's own conversion drops them as well.

import protobuf from 'protobufjs'
import descriptor from 'protobufjs/ext/descriptor.js'
import type { OptionElement, OptionValue } from './model.ts'

export type OptionsType = 'FileOptions' | 'MessageOptions' | 'FieldOptions' | 'EnumOptions' | 'EnumValueOptions' | 'ServiceOptions' | 'MethodOptions'

type DescriptorOptions = Record<string, unknown>

const toCamel = (name: string): string => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())
const toSnake = (name: string): string => name.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())

/** The singular scalar fields of an options message, in declaration order (the order Confluent emits them). */
function scalarFields(type: OptionsType): { name: string; kind: OptionValue['kind'] }[] {
  return Object.values(descriptor[type].fields)
    .filter((field) => !field.repeated && (field.resolvedType === null || field.resolvedType instanceof protobuf.Enum))
    .map((field) => ({
      name: field.name,
      kind: field.resolvedType !== null ? 'enum' : field.type === 'bool' ? 'boolean' : field.type === 'string' ? 'string' : 'number',
    }))
}

/** The descriptor options object for the standard options among `options`; undefined when there are none. */
export function toDescriptorOptions(type: OptionsType, options: readonly OptionElement[]): DescriptorOptions | undefined {
  const known = new Map(scalarFields(type).map((f) => [f.name, f.kind]))
  const result: DescriptorOptions = {}
  for (const option of options) {
    const name = toCamel(option.name)
    const kind = known.get(name)
    const { value } = option
    if (option.parenthesized || kind === undefined || value.kind === 'map' || value.kind === 'list' || value.kind === 'option') continue
    if (kind === 'boolean') result[name] = value.value === 'true'
    else if (kind === 'number') result[name] = Number(value.value)
    else result[name] = value.value
  }
  return Object.keys(result).length > 0 ? result : undefined
}

/** Option statements for the standard options set in a decoded descriptor options object. */
export function fromDescriptorOptions(type: OptionsType, options: DescriptorOptions | undefined): OptionElement[] {
  if (options === undefined) return []
  const elements: OptionElement[] = []
  for (const { name, kind } of scalarFields(type)) {
    const value = options[name]
    if (value === undefined || value === null) continue
    elements.push({ name: toSnake(name), parenthesized: false, value: { kind, value: String(value) } as OptionValue })
  }
  return elements
}
