// Schema files on disk: which schema type a file holds (from --type or its extension), reading it, and parsing
// it through the format so a bad schema stops the command with exit code 2 and the parser's reason.

import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { ParsedSchema, ReferenceLookup, SchemaReference, SchemaType } from '../../formats/format.ts'
import { formatFor } from '../../formats/index.ts'
import { CliError, EXIT_USAGE } from '../command.ts'

const TYPES_BY_EXTENSION: Readonly<Record<string, SchemaType>> = { '.avsc': 'AVRO', '.json': 'JSON', '.proto': 'PROTOBUF' }

/** The help text of every --type option. */
export const TYPE_HELP =
  'Schema type: avro, json or protobuf. By default it follows the file extension: .avsc is Avro, .json is JSON Schema, .proto is Protobuf.'

/** The schema type named by `--type` (any case), or else the one the extension of `file` (as the user gave it) implies. */
export function schemaTypeOf(file: string, type: string | undefined): SchemaType {
  if (type !== undefined) {
    const upper = type.toUpperCase()
    if (upper !== 'AVRO' && upper !== 'JSON' && upper !== 'PROTOBUF') {
      throw new CliError(`--type: '${type}' is not one of avro, json, protobuf`, EXIT_USAGE)
    }
    return upper
  }
  const byExtension = TYPES_BY_EXTENSION[path.extname(file).toLowerCase()]
  if (byExtension === undefined) {
    throw new CliError(`${file}: cannot tell the schema type from the extension; use .avsc, .json or .proto, or name the type (--type, or type: in the manifest)`, EXIT_USAGE)
  }
  return byExtension
}

export async function readSchemaFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    throw new CliError(`cannot read schema ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, EXIT_USAGE)
  }
}

/** Parses schema text; `where` (a file, or subject and version) names the schema in the error. `submitted` as
 * in ParseOptions: true for a local schema about to be checked or registered, false for a registered one. */
export function parseSchema(
  where: string,
  schemaType: SchemaType,
  text: string,
  references: readonly SchemaReference[],
  lookup: ReferenceLookup,
  submitted: boolean,
): ParsedSchema {
  const format = formatFor(schemaType)
  if (format === undefined) throw new CliError(`${where}: schema type ${schemaType} is not supported`, EXIT_USAGE)
  try {
    return format.parse(text, references, lookup, { submitted })
  } catch (error) {
    const code = (error as { errorCode?: number }).errorCode
    throw new CliError(`${where}: invalid ${schemaType} schema${code === undefined ? '' : ` (${code})`}: ${(error as Error).message}`, EXIT_USAGE)
  }
}
