// Checks that every type name a file uses (field and map types, extended messages, rpc types) names a type
// visible to it. Confluent checks the same by normalizing, whose name resolution fails otherwise; doing it here
// first gives a message naming the field.

import { invalidSchema } from '../../errors.ts'
import type { FieldElement, MessageElement, ProtoFile } from './model.ts'
import { mapType } from './model.ts'
import { fileScope, innerScope, isScalar } from './symbols.ts'
import type { Scope, SymbolTable } from './symbols.ts'

/** Throws 42201 naming the first use of a type name that does not resolve. */
export function checkTypeNames(file: ProtoFile, table: SymbolTable): void {
  const check = (name: string, scope: Scope, where: string): void => {
    if (!isScalar(name) && table.resolveType(name, scope) === undefined) {
      throw invalidSchema(`type '${name}' of ${where} is not defined in the schema or its imports`)
    }
  }
  const describe = (scope: Scope, name: string): string => [scope.packageName, ...scope.names, name].filter((p) => p !== '').join('.')
  const fields = (list: readonly FieldElement[], scope: Scope): void => {
    for (const field of list) {
      const map = mapType(field.type)
      const where = `field '${describe(scope, field.name)}'`
      if (map === undefined) check(field.type, scope, where)
      else {
        check(map.keyType, scope, where)
        check(map.valueType, scope, where)
      }
    }
  }
  const extend = (scope: Scope) => (e: { name: string; fields: readonly FieldElement[] }): void => {
    check(e.name, scope, `an extend block in '${describe(scope, '') || '(root)'}'`)
    fields(e.fields, scope)
  }
  const message = (m: MessageElement, outer: Scope): void => {
    const scope = innerScope(outer, m.name)
    fields(m.fields, scope)
    for (const oneOf of m.oneOfs) fields(oneOf.fields, scope)
    m.extendDeclarations.forEach(extend(scope))
    for (const nested of m.nestedTypes) if (nested.kind === 'message') message(nested, scope)
  }
  const root = fileScope(file)
  for (const type of file.types) if (type.kind === 'message') message(type, root)
  file.extendDeclarations.forEach(extend(root))
  for (const service of file.services) {
    for (const rpc of service.rpcs) {
      check(rpc.requestType, root, `rpc '${service.name}.${rpc.name}'`)
      check(rpc.responseType, root, `rpc '${service.name}.${rpc.name}'`)
    }
  }
}
