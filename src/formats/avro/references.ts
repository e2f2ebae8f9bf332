// Collects the schema texts a schema's references stand for, recursively, in the order Confluent parses them.
// Confluent (AbstractSchemaProvider.resolveReferences) walks the references depth first, puts each target after
// its own references, and visits every reference name once; the Avro parser then reads the texts in that order
// into one name table, so a referenced type can use types from the references it declares.

import { invalidSchema } from '../../errors.ts'
import type { ReferenceLookup, SchemaReference } from '../format.ts'

export interface ResolvedReference {
  readonly reference: SchemaReference
  readonly schema: string
}

/** The referenced schema texts, dependencies first. Throws 42201 naming a reference that cannot be resolved. */
export function resolveReferences(references: readonly SchemaReference[], lookup: ReferenceLookup): ResolvedReference[] {
  const resolved: ResolvedReference[] = []
  const visited = new Set<string>()
  const visit = (refs: readonly SchemaReference[]): void => {
    for (const reference of refs) {
      if (visited.has(reference.name)) continue
      visited.add(reference.name)
      const target = lookup(reference)
      if (target === undefined) throw invalidSchema(`${describeReference(reference)} not found`)
      if (target.schemaType !== 'AVRO') {
        const why = `is a ${target.schemaType} schema; an Avro schema can only reference Avro schemas`
        throw invalidSchema(`${describeReference(reference)} ${why}`)
      }
      visit(target.references)
      resolved.push({ reference, schema: target.schema })
    }
  }
  visit(references)
  return resolved
}

export const describeReference = (reference: SchemaReference): string =>
  `reference '${reference.name}' (subject '${reference.subject}', version ${reference.version})`
