// Resolves the files a schema imports. A reference's `name` is the import path it stands for; references are
// looked up recursively (a referenced schema brings its own references, as Confluent's resolveReferences
// does), and every import of every reached file must be one of them or a well-known file. The result lists
// each reached file once, dependencies before the files that import them.

import { ApiError, invalidSchema } from '../../errors.ts'
import type { ReferenceLookup, SchemaReference } from '../format.ts'
import { builtInFile } from './builtins.ts'
import type { Dependency, ProtoFile } from './model.ts'

interface Referenced {
  readonly reference: SchemaReference
  readonly schema: string
}

export function resolveDependencies(
  file: ProtoFile,
  references: readonly SchemaReference[],
  lookup: ReferenceLookup,
  parse: (text: string) => ProtoFile,
  maxDepth: number,
): Map<string, Dependency> {
  const referenced = collectReferences(references, lookup, maxDepth)
  const direct = new Map(references.map((r) => [r.name, r]))
  const resolved = new Map<string, Dependency>()
  const visiting = new Set<string>()

  const visit = (importer: string | undefined, paths: readonly string[]): void => {
    for (const path of paths) {
      if (resolved.has(path) || visiting.has(path)) continue
      visiting.add(path)
      const target = referenced.get(path)
      let dependency: Dependency
      if (target !== undefined) {
        dependency = { name: path, file: parseReferenced(target, parse), reference: direct.get(path), builtIn: false }
      } else {
        const builtIn = builtInFile(path)
        if (builtIn === undefined) {
          const where = importer === undefined ? '' : ` (imported by '${importer}')`
          throw invalidSchema(`import '${path}'${where} is neither a schema reference nor a well-known file`)
        }
        dependency = { name: path, file: builtIn, reference: undefined, builtIn: true }
      }
      visit(path, [...dependency.file.imports, ...dependency.file.publicImports])
      resolved.set(path, dependency)
    }
  }
  visit(undefined, [...file.imports, ...file.publicImports])
  return resolved
}

/** Every reference reachable from `references`, by name (the first one of a name wins). */
function collectReferences(references: readonly SchemaReference[], lookup: ReferenceLookup, maxDepth: number): Map<string, Referenced> {
  const found = new Map<string, Referenced>()
  const visit = (refs: readonly SchemaReference[], depth: number): void => {
    for (const reference of refs) {
      if (found.has(reference.name)) continue
      if (depth > maxDepth) throw invalidSchema(`${describeReference(reference)}: references are nested deeper than ${maxDepth}`)
      const target = lookup(reference)
      if (target === undefined) throw invalidSchema(`${describeReference(reference)} not found`)
      if (target.schemaType !== 'PROTOBUF') {
        throw invalidSchema(`${describeReference(reference)} is a ${target.schemaType} schema; a Protobuf schema can only import Protobuf schemas`)
      }
      found.set(reference.name, { reference, schema: target.schema })
      visit(target.references, depth + 1)
    }
  }
  visit(references, 1)
  return found
}

function parseReferenced(target: Referenced, parse: (text: string) => ProtoFile): ProtoFile {
  try {
    return parse(target.schema)
  } catch (error) {
    if (!(error instanceof ApiError)) throw error
    throw invalidSchema(`${describeReference(target.reference)}: ${error.message.replace(/^Invalid schema: /, '')}`)
  }
}

const describeReference = (reference: SchemaReference): string =>
  `reference '${reference.name}' (subject '${reference.subject}', version ${reference.version})`
