// The manifest (schemaport.yaml): read as YAML, checked against schemas/manifest.schema.json, and turned into
// one entry per subject with absolute paths (relative ones are taken from the manifest's folder).

import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { Ajv } from 'ajv'
import type { ErrorObject } from 'ajv'
import { parse as parseYaml } from 'yaml'
import type { SchemaType } from '../../formats/format.ts'
import type { CompatibilityLevel } from '../../registry/compatibility.ts'
import { CliError, EXIT_USAGE } from '../command.ts'
import type { PayloadEncoding } from './payload-readers.ts'
import { schemaTypeOf } from './schema-files.ts'

export const DEFAULT_MANIFEST = 'schemaport.yaml'

/** How a schema names another one; without a version it means the manifest's file of that subject when the
 * manifest lists it, else the subject's latest registered version. */
export interface ReferenceDeclaration {
  readonly name: string
  readonly subject: string
  readonly version?: number
}

export interface ManifestSubject {
  readonly subject: string
  /** Absolute path of the schema file. */
  readonly schemaFile: string
  readonly schemaType: SchemaType
  readonly level?: CompatibilityLevel
  readonly message?: string
  readonly references: readonly ReferenceDeclaration[]
  /** Absolute files, folders or globs. */
  readonly payloads: readonly string[]
  readonly encoding: PayloadEncoding
}

export interface Manifest {
  readonly file: string
  readonly registry?: string
  readonly subjects: readonly ManifestSubject[]
}

interface ManifestDocument {
  registry?: string
  subjects: Record<
    string,
    {
      schema: string
      type?: string
      level?: CompatibilityLevel
      message?: string
      references?: ReferenceDeclaration[]
      payloads?: string[]
      avroJson?: boolean
      binary?: boolean
      lengthPrefixed?: boolean
    }
  >
}

const SCHEMA_URL = new URL('../../../schemas/manifest.schema.json', import.meta.url)
const validateDocument = new Ajv({ allErrors: false }).compile<ManifestDocument>(JSON.parse(readFileSync(SCHEMA_URL, 'utf8')))

/** Reads and checks the manifest at `file`; any problem is a CliError with exit code 2 naming the key. */
export async function loadManifest(file: string): Promise<Manifest> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new CliError(`cannot read manifest ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, EXIT_USAGE)
  }
  let document: unknown
  try {
    document = parseYaml(text)
  } catch (error) {
    throw new CliError(`${file}: not YAML: ${(error as Error).message}`, EXIT_USAGE)
  }
  if (!validateDocument(document)) throw new CliError(`${file}: ${describe(validateDocument.errors![0])}`, EXIT_USAGE)
  const dir = path.dirname(file)
  const subjects = Object.entries(document.subjects).map(([subject, entry]): ManifestSubject => {
    const schemaFile = path.resolve(dir, entry.schema)
    const encoding: PayloadEncoding = entry.binary === true ? (entry.lengthPrefixed === true ? 'length-prefixed' : 'binary') : entry.avroJson === true ? 'avro-json' : 'json'
    return {
      subject,
      schemaFile,
      schemaType: schemaTypeOf(entry.schema, entry.type),
      level: entry.level,
      message: entry.message,
      references: entry.references ?? [],
      payloads: (entry.payloads ?? []).map((pattern) => path.resolve(dir, pattern)),
      encoding,
    }
  })
  return { file, registry: document.registry, subjects }
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'manifest' : error.instancePath.slice(1).replace(/\//g, '.')
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where}: unknown key '${String(error.params.additionalProperty)}'`
    case 'enum':
      return `${where}: must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`
    default:
      return `${where}: ${error.message}`
  }
}
