// Parses a Protobuf schema as the registry receives it: .proto text, or else a base64 FileDescriptorProto;
// resolves its imports through its references; checks that every type name resolves and that protobufjs can
// build it; and produces the canonical text (normalized on request). Every rejection is a 42201.

import { DEFAULT_MAX_DEPTH } from '../format.ts'
import type { ParseOptions, ReferenceLookup, SchemaReference } from '../format.ts'
import { normalizeReferences } from '../references.ts'
import { resolveDependencies } from './dependencies.ts'
import { decodeDescriptor, relativizeTypeNames } from './descriptor-decode.ts'
import type { ProtobufSchema, ProtoFile } from './model.ts'
import { normalizeFile } from './normalize.ts'
import { parseProto } from './parser.ts'
import { printFile } from './printer.ts'
import { buildRoot } from './root.ts'
import { SymbolTable } from './symbols.ts'
import { checkTypeNames } from './type-check.ts'

interface Source {
  readonly file: ProtoFile
  readonly fromDescriptor: boolean
}

export function parseSchema(
  text: string,
  references: readonly SchemaReference[],
  lookup: ReferenceLookup,
  options: ParseOptions = {},
): ProtobufSchema {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH
  const read = (source: string): Source => {
    try {
      return { file: parseProto(source, maxDepth), fromDescriptor: false }
    } catch (error) {
      // Confluent tries the text first and falls back to a base64 descriptor; the text's error is the one
      // worth reporting when the input is neither.
      const decoded = decodeDescriptor(source, maxDepth)
      if (decoded === undefined) throw error
      return { file: decoded, fromDescriptor: true }
    }
  }
  const source = read(text)
  const dependencies = resolveDependencies(source.file, references, lookup, (s) => read(s).file, maxDepth)
  let file = source.fromDescriptor ? relativizeTypeNames(source.file, SymbolTable.of(source.file, dependencies)) : source.file
  const table = SymbolTable.of(file, dependencies)
  checkTypeNames(file, table)
  let canonical = printFile(file)
  let schemaReferences = references
  if (options.normalize === true) {
    // Like Confluent, the normalized text is the canonical text and is read again as the schema.
    canonical = printFile(normalizeFile(file, table))
    file = parseProto(canonical, maxDepth)
    schemaReferences = normalizeReferences(references)
  }
  return { schemaType: 'PROTOBUF', canonical, references: schemaReferences, file, dependencies, root: buildRoot(file, dependencies) }
}

