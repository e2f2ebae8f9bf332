// The Avro serializer and deserializer: Confluent wire format, avsc Types cached per schema, and reader schemas
// (schema evolution) through avsc resolvers built once per writer/reader pair.

import type { AvroSchema } from '../formats/avro/index.ts'
import { decodeAvro, encodeAvro } from './avro-codec.ts'
import type { AvroReader } from './avro-codec.ts'
import { avscType } from './avro-longs.ts'
import type { LongMode } from './avro-longs.ts'
import type { RegistryClient } from './client.ts'
import { configError, invalidSchema, notCached } from './errors.ts'
import { ReaderSchemas } from './reader-schemas.ts'
import type { Built, DeserializerOptions } from './reader-schemas.ts'
import { expectType, schemaInput } from './schema-input.ts'
import type { SchemaInput } from './schema-input.ts'
import { subjectNameStrategy } from './strategies.ts'
import type { StrategyName, SubjectNameStrategy } from './strategies.ts'
import { asBuffer, readSchemaId } from './wire-format.ts'
import { WriterSchemas } from './writer-schemas.ts'
import type { SerializerOptions } from './writer-schemas.ts'

export interface AvroLongOption {
  /** 'number' (default): longs are JS numbers, and one beyond ±(2^53 - 1) is a LONG_PRECISION error.
   * 'bigint': longs are read as bigints and written from bigints or safe integers, exact over 64 bits. */
  readonly longs?: LongMode
}

export type AvroSerializerOptions = SerializerOptions & AvroLongOption

export interface AvroDeserializerOptions extends DeserializerOptions, AvroLongOption {
  /** Decode into this schema instead of the writer's (schema evolution, as Avro resolves it). */
  readonly readerSchema?: string | SchemaInput
  /** Decode into the latest version of the subject (named by the strategy from the topic and writer schema). */
  readonly useLatestVersion?: boolean
  /** For `useLatestVersion`: key rather than value subjects. Default false. */
  readonly isKey?: boolean
  /** For `useLatestVersion`: TopicName (default), RecordName, TopicRecordName, or a function. */
  readonly subjectNameStrategy?: StrategyName | SubjectNameStrategy
}

interface AvroWriter {
  readonly id: number
  readonly type: ReturnType<typeof avscType>
}

const recordName = (schema: AvroSchema | undefined): string | undefined =>
  schema !== undefined && 'name' in schema.root ? schema.root.name.full : undefined

function checkLongs(longs: LongMode | undefined): LongMode {
  if (longs === undefined || longs === 'number' || longs === 'bigint') return longs ?? 'number'
  throw configError(`longs: '${String(longs)}' is not 'number' or 'bigint'`)
}

export class AvroSerializer {
  private readonly longs: LongMode
  private readonly writers: WriterSchemas<'AVRO', AvroWriter>

  constructor(client: RegistryClient, options: AvroSerializerOptions = {}) {
    const longs = checkLongs(options.longs)
    this.longs = longs
    this.writers = new WriterSchemas(client, options, {
      schemaType: 'AVRO',
      recordName,
      build: ({ id, schema }) => ({ id, type: avscType(schema, longs) }),
    })
  }

  /** Confluent wire-format bytes of `value`; the first call for a topic resolves (and registers) its schema. */
  async serialize(topic: string, value: unknown): Promise<Buffer> {
    const writer = this.writers.get(topic) ?? (await this.writers.load(topic))
    return encodeAvro(writer.type, writer.id, value, this.longs)
  }

  /** As `serialize`, without a promise, once `serialize` has resolved the topic's schema; NOT_CACHED before. */
  serializeSync(topic: string, value: unknown): Buffer {
    const writer = this.writers.get(topic)
    if (writer === undefined) throw notCached(`the writer schema of topic '${topic}'`)
    return encodeAvro(writer.type, writer.id, value, this.longs)
  }
}

export class AvroDeserializer {
  private readonly longs: LongMode
  private readonly readers: ReaderSchemas<'AVRO', AvroReader>
  private readonly readerInput: SchemaInput | undefined
  private readonly strategy: SubjectNameStrategy
  private readerSchema: Promise<AvroSchema> | undefined

  constructor(
    private readonly client: RegistryClient,
    private readonly options: AvroDeserializerOptions = {},
  ) {
    this.longs = checkLongs(options.longs)
    if (options.readerSchema !== undefined && options.useLatestVersion === true) {
      throw configError('readerSchema and useLatestVersion: give one, not both')
    }
    this.readerInput = options.readerSchema === undefined ? undefined : schemaInput(options.readerSchema, 'AVRO')
    this.strategy = subjectNameStrategy(options.subjectNameStrategy)
    // With useLatestVersion the reader schema is the topic's subject's latest: one decoder per id and topic.
    const keyOf = options.useLatestVersion === true ? (id: number, topic: string) => `${id}\u0000${topic}` : undefined
    this.readers = new ReaderSchemas(client, 'AVRO', (id, writer, topic) => this.build(id, writer, topic), options, keyOf)
  }

  /** The value of Confluent wire-format bytes (null for a tombstone); the first payload of an id fetches its schema. */
  async deserialize<T = unknown>(topic: string, bytes: Uint8Array | null): Promise<T | null> {
    if (bytes === null) return null
    const buffer = asBuffer(bytes)
    const id = readSchemaId(buffer)
    return decodeAvro(this.readers.get(id, topic) ?? (await this.readers.load(id, topic)), buffer, id) as T
  }

  /** As `deserialize`, without a promise, for ids already met; NOT_CACHED for a new id. */
  deserializeSync<T = unknown>(topic: string, bytes: Uint8Array | null): T | null {
    if (bytes === null) return null
    const buffer = asBuffer(bytes)
    const id = readSchemaId(buffer)
    return decodeAvro(this.readers.cached(id, topic), buffer, id) as T
  }

  private async build(id: number, writer: AvroSchema, topic: string): Promise<Built<AvroReader>> {
    if (this.readerInput !== undefined) return { reader: this.resolve(id, writer, await this.fixedReader()) }
    if (this.options.useLatestVersion !== true) return { reader: this.resolve(id, writer, writer) }
    const subject = this.strategy(topic, this.options.isKey ?? false, recordName(writer))
    const latest = await this.client.getLatestVersion(subject)
    const reader = expectType(latest.schema, 'AVRO', `the latest version of '${subject}'`)
    return { reader: this.resolve(id, writer, reader), ttlMs: Math.max(1, this.client.latestRemainingTtl(subject)) }
  }

  private resolve(id: number, writer: AvroSchema, reader: AvroSchema): AvroReader {
    const writerType = avscType(writer, this.longs)
    if (reader === writer || reader.canonical === writer.canonical) {
      return { type: writerType, resolver: undefined, writer, longs: this.longs }
    }
    const readerType = avscType(reader, this.longs)
    try {
      return { type: readerType, resolver: readerType.createResolver(writerType), writer, longs: this.longs }
    } catch (error) {
      throw invalidSchema(`the reader schema cannot read data written with schema id ${id}: ${(error as Error).message}`, error)
    }
  }

  private fixedReader(): Promise<AvroSchema> {
    this.readerSchema ??= this.client.parseSchema(this.readerInput as SchemaInput).then(
      (schema) => expectType(schema, 'AVRO', 'readerSchema'),
      (error: unknown) => {
        this.readerSchema = undefined
        throw error
      },
    )
    return this.readerSchema
  }
}
