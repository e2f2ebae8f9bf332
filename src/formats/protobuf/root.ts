// Builds the protobufjs reflection of a schema and its imports (field names as declared: keepCase), which both
// validates it the way a protobuf runtime would (unresolvable types, duplicate names or numbers, bad map keys)
// and gives the serializers their message types. protobufjs reads the canonical text minus custom options:
// those do not affect encoding, and protobufjs cannot read every aggregate form Confluent accepts.

import protobuf from 'protobufjs'
import { invalidSchema } from '../../errors.ts'
import { addBuiltIn } from './builtins.ts'
import type { Dependency, MessageElement, OptionElement, ProtoFile, TypeElement } from './model.ts'
import { printFile } from './printer.ts'

/** Throws 42201 with protobufjs's reason when the schema does not hold together. */
export function buildRoot(file: ProtoFile, dependencies: ReadonlyMap<string, Dependency>): protobuf.Root {
  const root = new protobuf.Root()
  const add = (source: ProtoFile, where: string): void => {
    try {
      protobuf.parse(printFile(withoutCustomOptions(source)), root, { keepCase: true })
    } catch (error) {
      throw invalidSchema(`${where}${(error as Error).message}`)
    }
  }
  for (const dependency of dependencies.values()) {
    if (dependency.builtIn) addBuiltIn(root, dependency.name)
    else add(dependency.file, `import '${dependency.name}': `)
  }
  add(file, '')
  try {
    root.resolveAll()
  } catch (error) {
    throw invalidSchema((error as Error).message)
  }
  return root
}

const isStandard = (option: OptionElement): boolean => !option.parenthesized && option.value.kind !== 'map' && option.value.kind !== 'list' && option.value.kind !== 'option'
const standard = (options: readonly OptionElement[]): OptionElement[] => options.filter(isStandard)

function withoutCustomOptions(file: ProtoFile): ProtoFile {
  const fields = (m: { fields: MessageElement['fields'] }) => m.fields.map((f) => ({ ...f, options: standard(f.options) }))
  const type = (t: TypeElement): TypeElement =>
    t.kind === 'enum'
      ? { ...t, options: standard(t.options), constants: t.constants.map((c) => ({ ...c, options: standard(c.options) })) }
      : {
          ...t,
          options: standard(t.options),
          fields: fields(t),
          oneOfs: t.oneOfs.map((o) => ({ ...o, options: standard(o.options), fields: fields(o) })),
          extendDeclarations: t.extendDeclarations.map((e) => ({ ...e, fields: fields(e) })),
          nestedTypes: t.nestedTypes.map(type),
        }
  return {
    ...file,
    options: standard(file.options),
    types: file.types.map(type),
    extendDeclarations: file.extendDeclarations.map((e) => ({ ...e, fields: fields(e) })),
    services: file.services.map((s) => ({ ...s, options: standard(s.options), rpcs: s.rpcs.map((r) => ({ ...r, options: standard(r.options) })) })),
  }
}
