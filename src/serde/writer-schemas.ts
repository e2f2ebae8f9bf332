// Which schema, and which id, a serializer writes with for a topic, chosen as Confluent's serializers choose
// (AbstractKafkaSchemaSerDe): `useSchemaId` writes that id; `useLatestVersion` the subject's latest version;
// otherwise the given schema, registered (`autoRegisterSchemas`, the default) or looked up. What a format
// builds from that choice (its encoder) is cached per topic, so the hot path is one map lookup.

import type { SchemaType } from '../formats/format.ts'
import type { RegistryClient } from './client.ts'
import { configError, SerdeError } from './errors.ts'
import { LoadingCache } from './loading-cache.ts'
import { expectType, schemaInput } from './schema-input.ts'
import type { RegistrySchema, SchemaInput } from './schema-input.ts'
import { subjectNameStrategy } from './strategies.ts'
import type { StrategyName, SubjectNameStrategy } from './strategies.ts'
import { checkSchemaId } from './wire-format.ts'

export interface SerializerOptions {
  /** Serialize record keys (subject `<topic>-key` under TopicName) rather than values. Default false. */
  readonly isKey?: boolean
  /** The schema to write with: its text (in the serializer's type) or `{ schema, schemaType, references }`. */
  readonly schema?: string | SchemaInput
  /** Register `schema` under the subject when it is not there yet. Default true, unless `useLatestVersion`
   * or `useSchemaId` is set (Confluent would still register then; combining them is refused instead). */
  readonly autoRegisterSchemas?: boolean
  /** Write with the subject's latest version instead of `schema` (refreshed every `latestTtlMs`). */
  readonly useLatestVersion?: boolean
  /** Write with this schema id, whatever the subject holds. */
  readonly useSchemaId?: number
  /** Ask the registry to normalize `schema` before registering or looking it up. Default false. */
  readonly normalizeSchemas?: boolean
  /** TopicName (default), RecordName, TopicRecordName, or a function. */
  readonly subjectNameStrategy?: StrategyName | SubjectNameStrategy
}

/** The schema a serializer writes with and its id. */
export interface WriterSchema<S extends RegistrySchema> {
  readonly id: number
  readonly schema: S
}

/** A writer schema and, for the latest version (which may change), how long it may be reused. */
interface Resolved<S extends RegistrySchema> extends WriterSchema<S> {
  readonly ttlMs?: number
}

type Mode = 'register' | 'lookup' | 'latest' | 'id'
type SchemaOf<T extends SchemaType> = Extract<RegistrySchema, { schemaType: T }>

export interface FormatHooks<T extends SchemaType, W> {
  readonly schemaType: T
  /** The record's full name for RecordName strategies: from the schema, or the message asked for. */
  recordName(schema: SchemaOf<T> | undefined, message: string | undefined): string | undefined
  /** What the serializer encodes with; built once per topic (and message) and cached. */
  build(writer: WriterSchema<SchemaOf<T>>, message: string | undefined): W
}

export class WriterSchemas<T extends SchemaType, W extends object> {
  private readonly mode: Mode
  private readonly input: SchemaInput | undefined
  private readonly strategy: SubjectNameStrategy
  private readonly isKey: boolean
  private readonly normalize: boolean
  private readonly writers: LoadingCache<string, W>
  private local: Promise<SchemaOf<T>> | undefined

  constructor(
    private readonly client: RegistryClient,
    private readonly options: SerializerOptions,
    private readonly hooks: FormatHooks<T, W>,
  ) {
    this.mode = chooseMode(options)
    this.input = options.schema === undefined ? undefined : schemaInput(options.schema, hooks.schemaType)
    this.strategy = subjectNameStrategy(options.subjectNameStrategy)
    this.isKey = options.isKey ?? false
    this.normalize = options.normalizeSchemas ?? false
    this.writers = new LoadingCache({ max: 10_000 })
  }

  /** The cached writer of a topic (and message), without any I/O. */
  get(topic: string, message?: string): W | undefined {
    return this.writers.get(message === undefined ? topic : `${topic}\u0000${message}`)
  }

  /** The writer of a topic (and message): resolved, registered if need be, built, and cached. */
  load(topic: string, message?: string): Promise<W> {
    const key = message === undefined ? topic : `${topic}\u0000${message}`
    let ttlMs: number | undefined
    return this.writers.load(
      key,
      async () => {
        const writer = await this.resolve(topic, message)
        ttlMs = writer.ttlMs
        return this.hooks.build(writer, message)
      },
      () => ttlMs,
    )
  }

  private async resolve(topic: string, message: string | undefined): Promise<Resolved<SchemaOf<T>>> {
    if (this.mode === 'id') {
      const id = this.options.useSchemaId as number
      return { id, schema: expectType(await this.client.getSchemaById(id), this.hooks.schemaType, `schema id ${id} (useSchemaId)`) }
    }
    if (this.input === undefined) return this.latest(this.strategy(topic, this.isKey, this.hooks.recordName(undefined, message)))
    const local = await this.localSchema()
    const subject = this.strategy(topic, this.isKey, this.hooks.recordName(local, message))
    if (this.mode === 'latest') return this.latest(subject)
    return { id: await this.idOf(subject, this.input), schema: local }
  }

  private async latest(subject: string): Promise<Resolved<SchemaOf<T>>> {
    const latest = await this.client.getLatestVersion(subject)
    const schema = expectType(latest.schema, this.hooks.schemaType, `the latest version of '${subject}'`)
    // A writer built from the latest version lives only as long as the client keeps that version.
    return { id: latest.id, schema, ttlMs: Math.max(1, this.client.latestRemainingTtl(subject)) }
  }

  private async idOf(subject: string, input: SchemaInput): Promise<number> {
    if (this.mode === 'register') return this.client.register(subject, input, this.normalize)
    try {
      return await this.client.getId(subject, input, this.normalize)
    } catch (error) {
      if (error instanceof SerdeError && error.status === 404) {
        throw new SerdeError(
          'REGISTRY',
          `the schema is not registered under subject '${subject}' and autoRegisterSchemas is off: ${error.message}`,
          error.status,
          error.errorCode,
          { cause: error },
        )
      }
      throw error
    }
  }

  /** The given schema, parsed once (its references fetched once); a failed parse is tried again next time. */
  private localSchema(): Promise<SchemaOf<T>> {
    this.local ??= this.client.parseSchema(this.input as SchemaInput).then(
      (schema) => expectType(schema, this.hooks.schemaType, 'the given schema'),
      (error: unknown) => {
        this.local = undefined
        throw error
      },
    )
    return this.local
  }
}

function chooseMode(options: SerializerOptions): Mode {
  const { useSchemaId, useLatestVersion, autoRegisterSchemas, schema } = options
  if (useSchemaId !== undefined) {
    checkSchemaId(useSchemaId)
    if (useLatestVersion === true) throw configError('useSchemaId and useLatestVersion: give one, not both')
    if (autoRegisterSchemas === true) throw configError('useSchemaId and autoRegisterSchemas: give one, not both')
    return 'id'
  }
  if (useLatestVersion === true) {
    if (autoRegisterSchemas === true) throw configError('useLatestVersion and autoRegisterSchemas: give one, not both')
    return 'latest'
  }
  if (schema === undefined) throw configError('schema: give the schema to write with, or set useLatestVersion or useSchemaId')
  return autoRegisterSchemas === false ? 'lookup' : 'register'
}
