// The caching registry client the serializers use: schema by id (parsed with src/formats, references fetched
// through the client), id by (subject, schema), schema by (subject, version), and the latest version of a
// subject for a limited time. A cache hit makes no HTTP call; concurrent misses for one key make one.
// Ids and (subject, version) pairs never change meaning, so those caches only evict by size.

import type { SchemaReference, SchemaType, ReferencedSchema } from '../formats/format.ts'
import { formatFor } from '../formats/index.ts'
import { configError, invalidSchema } from './errors.ts'
import { LoadingCache } from './loading-cache.ts'
import type { RegistrySchema, SchemaInput } from './schema-input.ts'
import { Transport } from './transport.ts'
import type { TransportOptions } from './transport.ts'

export interface RegistryClientOptions extends TransportOptions {
  /** Entries per cache (ids, ids by schema, versions). Default 1000. */
  readonly cacheCapacity?: number
  /** How long the latest version of a subject is reused before it is asked for again. Default 30 000 ms. */
  readonly latestTtlMs?: number
}

/** One version of a subject, with its schema parsed. */
export interface SubjectVersion {
  readonly subject: string
  readonly version: number
  readonly id: number
  readonly schema: RegistrySchema
}

/** A schema as the REST API returns it (`GET /schemas/ids/{id}`, `GET /subjects/{s}/versions/{v}`). */
interface SchemaRecord {
  readonly schema: string
  readonly schemaType?: SchemaType
  readonly references?: readonly SchemaReference[]
}

interface VersionRecord extends SchemaRecord {
  readonly subject: string
  readonly version: number
  readonly id: number
}

const referenceKey = (subject: string, version: number) => `${subject}\u0000${version}`
const versionsPath = (subject: string) => `/subjects/${encodeURIComponent(subject)}/versions`

export class RegistryClient {
  private readonly transport: Transport
  private readonly schemasById: LoadingCache<number, RegistrySchema>
  private readonly idsBySchema: LoadingCache<string, { readonly id: number }>
  private readonly versions: LoadingCache<string, VersionRecord>
  private readonly latest: LoadingCache<string, VersionRecord>

  constructor(options: RegistryClientOptions) {
    this.transport = new Transport(options)
    const max = options.cacheCapacity ?? 1000
    if (!Number.isInteger(max) || max < 1) throw configError(`cacheCapacity: ${max} is not a positive integer`)
    const latestTtlMs = options.latestTtlMs ?? 30_000
    if (!(latestTtlMs > 0)) throw configError(`latestTtlMs: ${latestTtlMs} is not a positive number`)
    this.schemasById = new LoadingCache({ max })
    this.idsBySchema = new LoadingCache({ max })
    this.versions = new LoadingCache({ max })
    this.latest = new LoadingCache({ max, ttlMs: latestTtlMs })
  }

  /** The schema registered under `id` (`GET /schemas/ids/{id}`). Throws REGISTRY 40403 for an unknown id. */
  getSchemaById(id: number): Promise<RegistrySchema> {
    return this.schemasById.load(id, async () => {
      const record = await this.transport.request<SchemaRecord>('GET', `/schemas/ids/${id}`)
      return this.parse(record, `schema id ${id}`)
    })
  }

  /** The cached schema of `id`, without any HTTP call. */
  cachedSchemaById(id: number): RegistrySchema | undefined {
    return this.schemasById.get(id)
  }

  /** Registers `schema` under `subject` (`POST /subjects/{s}/versions`); the id, new or existing. */
  register(subject: string, schema: SchemaInput, normalize = false): Promise<number> {
    return this.idFor(subject, schema, normalize, versionsPath(subject))
  }

  /** The id `schema` has under `subject` (`POST /subjects/{s}`). Throws REGISTRY 40401/40403 when it has none. */
  getId(subject: string, schema: SchemaInput, normalize = false): Promise<number> {
    return this.idFor(subject, schema, normalize, `/subjects/${encodeURIComponent(subject)}`)
  }

  /** The cached id of `schema` under `subject`, from an earlier `register` or `getId`. */
  cachedId(subject: string, schema: SchemaInput, normalize = false): number | undefined {
    return this.idsBySchema.get(schemaKey(subject, schema, normalize))?.id
  }

  /** A version of a subject, soft-deleted ones included (as reference lookups need). */
  async getVersion(subject: string, version: number): Promise<SubjectVersion> {
    return this.withSchema(await this.versionRecord(subject, version))
  }

  /** The latest live version of a subject, reused for `latestTtlMs`. */
  async getLatestVersion(subject: string): Promise<SubjectVersion> {
    const record = await this.latest.load(subject, () => this.transport.request<VersionRecord>('GET', `${versionsPath(subject)}/latest`))
    return this.withSchema(record)
  }

  /** Milliseconds the cached latest version of `subject` stays fresh (0 when none is cached). */
  latestRemainingTtl(subject: string): number {
    return this.latest.remainingTtl(subject)
  }

  /** Parses a schema the caller holds, fetching the schemas its references name. Throws INVALID_SCHEMA. */
  parseSchema(schema: SchemaInput): Promise<RegistrySchema> {
    return this.parse(schema, 'the given schema')
  }

  private idFor(subject: string, schema: SchemaInput, normalize: boolean, path: string): Promise<number> {
    // One cache for register and lookup, as Confluent's clients have: either answer maps the schema to its id.
    return this.idsBySchema
      .load(schemaKey(subject, schema, normalize), async () => {
        const body = {
          schema: schema.schema,
          schemaType: schema.schemaType === undefined || schema.schemaType === 'AVRO' ? undefined : schema.schemaType,
          references: schema.references === undefined || schema.references.length === 0 ? undefined : schema.references,
        }
        const answer = await this.transport.request<{ id: number }>('POST', normalize ? `${path}?normalize=true` : path, body)
        return { id: answer.id }
      })
      .then((entry) => entry.id)
  }

  private async withSchema(record: VersionRecord): Promise<SubjectVersion> {
    // A version's schema is the schema of its id: parse it once, whichever way it was reached.
    const schema = await this.schemasById.load(record.id, () => this.parse(record, `${record.subject} version ${record.version}`))
    return { subject: record.subject, version: record.version, id: record.id, schema }
  }

  private async parse(record: SchemaRecord, what: string): Promise<RegistrySchema> {
    const schemaType = record.schemaType ?? 'AVRO'
    const format = formatFor(schemaType)
    if (format === undefined) throw invalidSchema(`${what}: schema type '${schemaType}' is not supported (AVRO, JSON, PROTOBUF)`)
    const references = record.references ?? []
    const referenced = await this.fetchReferences(references)
    try {
      // Stored schemas were checked when registered: no depth limit, and none of the checks for new schemas.
      return format.parse(record.schema, references, (ref) => referenced.get(referenceKey(ref.subject, ref.version)), {
        maxDepth: Number.POSITIVE_INFINITY,
      }) as RegistrySchema
    } catch (error) {
      throw invalidSchema(`${what} does not parse as ${schemaType}: ${(error as Error).message}`, error)
    }
  }

  /** Every schema `references` names, directly or through other references, keyed by subject and version. */
  private async fetchReferences(references: readonly SchemaReference[]): Promise<Map<string, ReferencedSchema>> {
    const found = new Map<string, ReferencedSchema>()
    let wanted = references
    while (wanted.length > 0) {
      const missing = new Map(wanted.map((ref) => [referenceKey(ref.subject, ref.version), ref]))
      for (const key of found.keys()) missing.delete(key)
      const records = await Promise.all([...missing].map(async ([key, ref]) => [key, await this.versionRecord(ref.subject, ref.version)] as const))
      wanted = []
      for (const [key, record] of records) {
        const references = record.references ?? []
        found.set(key, { schemaType: record.schemaType ?? 'AVRO', schema: record.schema, references })
        wanted = wanted.concat(references)
      }
    }
    return found
  }

  private versionRecord(subject: string, version: number): Promise<VersionRecord> {
    return this.versions.load(referenceKey(subject, version), () =>
      this.transport.request<VersionRecord>('GET', `${versionsPath(subject)}/${version}?deleted=true`),
    )
  }
}

function schemaKey(subject: string, schema: SchemaInput, normalize: boolean): string {
  const references = schema.references === undefined || schema.references.length === 0 ? '' : JSON.stringify(schema.references)
  return [normalize ? 'n' : '', subject, schema.schemaType ?? 'AVRO', references, schema.schema].join('\u0000')
}
