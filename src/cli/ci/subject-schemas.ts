// The schema files `check` and `register` work on, each with its subject: the one named by `--schema FILE
// --subject SUBJECT`, or every subject of the manifest; with the registry (which both need) and a resolver
// for the schemas' references.

import path from 'node:path'
import type { CompatibilityLevel } from '../../registry/compatibility.ts'
import type { CommandIo, CommandLine } from '../command.ts'
import { CliError, EXIT_USAGE } from '../command.ts'
import type { ManifestSubject } from './manifest.ts'
import { manifestOf, namesOneSchema, registryOf, requireRegistry, stringValue } from './options.ts'
import type { RegistryHttp } from './registry-http.ts'
import type { LocalSchema } from './schema-resolver.ts'
import { SchemaResolver } from './schema-resolver.ts'
import { schemaTypeOf } from './schema-files.ts'

export interface SubjectSchema extends LocalSchema {
  readonly subject: string
  /** The manifest's compatibility level for the subject, if it gives one. */
  readonly level?: CompatibilityLevel
}

export interface SubjectSchemas {
  readonly subjects: SubjectSchema[]
  readonly registry: RegistryHttp
  readonly resolver: SchemaResolver
}

/** `order` arranges the manifest's subjects (register puts referenced ones first); `command` names the command
 * in the message when no registry is given. */
export async function subjectSchemas(
  values: CommandLine['values'],
  io: CommandIo,
  command: string,
  order: (subjects: readonly ManifestSubject[]) => readonly ManifestSubject[] = (subjects) => subjects,
): Promise<SubjectSchemas> {
  if (namesOneSchema(values)) {
    const schema = stringValue(values, 'schema')
    const subject = stringValue(values, 'subject')
    if (schema === undefined || subject === undefined) throw new CliError('give both --schema FILE and --subject SUBJECT (or use a manifest)', EXIT_USAGE)
    const registry = requireRegistry(registryOf(values), command)
    const file = path.resolve(io.cwd, schema)
    const subjects = [{ subject, file, schemaType: schemaTypeOf(schema, stringValue(values, 'type')), references: [] }]
    return { subjects, registry, resolver: new SchemaResolver(io.cwd, undefined, registry) }
  }
  const manifest = await manifestOf(values, io)
  const registry = requireRegistry(registryOf(values, manifest), command)
  const subjects = order(manifest.subjects).map((entry) => ({
    subject: entry.subject,
    file: entry.schemaFile,
    schemaType: entry.schemaType,
    references: entry.references,
    level: entry.level,
  }))
  return { subjects, registry, resolver: new SchemaResolver(io.cwd, manifest, registry) }
}
