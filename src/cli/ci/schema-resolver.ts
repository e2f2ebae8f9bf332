// Parses local and registered schemas together with everything they reference. A format's reference lookup is
// synchronous, so the referenced schemas are gathered first: from the manifest's files (a reference without a
// version to a subject the manifest lists) or else from the registry, recursively.

import type { ParsedSchema, ReferencedSchema, SchemaReference, SchemaType } from '../../formats/format.ts'
import { CliError, EXIT_USAGE } from '../command.ts'
import type { Manifest, ReferenceDeclaration } from './manifest.ts'
import type { RegisteredSchema, RegistryHttp } from './registry-http.ts'
import { displayPath } from './report.ts'
import { parseSchema, readSchemaFile } from './schema-files.ts'

/** A schema file to check, validate against or register. */
export interface LocalSchema {
  readonly file: string
  readonly schemaType: SchemaType
  readonly references: readonly ReferenceDeclaration[]
}

/** In the lookup, version 0 stands for a reference without a version (the manifest's file, or the latest). */
const UNVERSIONED = 0

export class SchemaResolver {
  private readonly referenced = new Map<string, ReferencedSchema>()

  constructor(
    private readonly cwd: string,
    private readonly manifest: Manifest | undefined,
    private readonly registry: RegistryHttp | undefined,
  ) {}

  /** The path of `file` as reports show it: relative to the working directory. */
  display(file: string): string {
    return displayPath(this.cwd, file)
  }

  /** Reads and parses a schema file as a schema about to be registered; exit 2 if it or a reference is bad. */
  async parseLocal(schema: LocalSchema): Promise<{ parsed: ParsedSchema; text: string }> {
    const text = await readSchemaFile(schema.file)
    const references = await this.gatherLocal(schema.references)
    return { parsed: parseSchema(this.display(schema.file), schema.schemaType, text, references, this.lookup, true), text }
  }

  async parseRegistered(registered: RegisteredSchema): Promise<ParsedSchema> {
    await this.gatherRegistered(registered.references)
    const where = `subject '${registered.subject}' version ${registered.version}`
    return parseSchema(where, registered.schemaType, registered.schema, registered.references, this.lookup, false)
  }

  /** A registered version of a subject, parsed; needs the registry. */
  async registeredVersion(subject: string, version: number): Promise<ParsedSchema> {
    return this.parseRegistered(await this.requireRegistry(`subject '${subject}' version ${version} is registered`).subjectVersion(subject, version))
  }

  /** The references as the registry takes them: every version made concrete (a missing one is the latest). */
  async registryReferences(declarations: readonly ReferenceDeclaration[]): Promise<SchemaReference[]> {
    const references: SchemaReference[] = []
    for (const { name, subject, version } of declarations) {
      references.push({ name, subject, version: version ?? (await this.requireRegistry(referenceNeed(name, subject)).subjectVersion(subject, 'latest')).version })
    }
    return references
  }

  private readonly lookup = (reference: SchemaReference): ReferencedSchema | undefined =>
    this.referenced.get(keyOf(reference.subject, reference.version))

  private async gatherLocal(declarations: readonly ReferenceDeclaration[]): Promise<SchemaReference[]> {
    const references: SchemaReference[] = []
    for (const { name, subject, version = UNVERSIONED } of declarations) {
      references.push({ name, subject, version })
      const key = keyOf(subject, version)
      if (this.referenced.has(key)) continue
      const local = version === UNVERSIONED ? this.manifest?.subjects.find((entry) => entry.subject === subject) : undefined
      if (local !== undefined) {
        // Entered before its own references are gathered, so a cycle ends here instead of recursing forever.
        const entry = { schemaType: local.schemaType, schema: '', references: [] as SchemaReference[] }
        this.referenced.set(key, entry)
        entry.schema = await readSchemaFile(local.schemaFile)
        entry.references = await this.gatherLocal(local.references)
      } else {
        const registered = await this.requireRegistry(referenceNeed(name, subject)).subjectVersion(subject, version === UNVERSIONED ? 'latest' : version)
        this.referenced.set(key, registered)
        await this.gatherRegistered(registered.references)
      }
    }
    return references
  }

  private async gatherRegistered(references: readonly SchemaReference[]): Promise<void> {
    for (const { name, subject, version } of references) {
      const key = keyOf(subject, version)
      if (this.referenced.has(key)) continue
      const registered = await this.requireRegistry(referenceNeed(name, subject)).subjectVersion(subject, version)
      this.referenced.set(key, registered)
      await this.gatherRegistered(registered.references)
    }
  }

  /** The registry; `need` says what is to be fetched from it, for the error when there is none. */
  private requireRegistry(need: string): RegistryHttp {
    if (this.registry !== undefined) return this.registry
    throw new CliError(`${need}, and there is no registry to fetch it from (give --registry)`, EXIT_USAGE)
  }
}

const referenceNeed = (name: string, subject: string): string => `reference '${name}' names subject '${subject}', which the manifest does not list`

const keyOf = (subject: string, version: number): string => `${subject}\u0000${version}`
