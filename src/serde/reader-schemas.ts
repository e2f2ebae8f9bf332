// What a deserializer decodes with, per schema id of the payloads it meets: the writer schema fetched by id
// (an unknown id named as such), checked to be of the deserializer's type, and turned once into the format's
// decoder, which is cached so that the hot path is one cache lookup.

import type { SchemaType } from '../formats/format.ts'
import type { RegistryClient } from './client.ts'
import { configError, notCached, SerdeError, unknownSchemaId } from './errors.ts'
import { LoadingCache } from './loading-cache.ts'
import { expectType } from './schema-input.ts'
import type { RegistrySchema } from './schema-input.ts'

type SchemaOf<T extends SchemaType> = Extract<RegistrySchema, { schemaType: T }>

export interface DeserializerOptions {
  /** Decoders kept, one per schema id (and topic, for readers that depend on it). Default 1000. */
  readonly cacheCapacity?: number
}

/** A decoder and, when it depends on a version that may change (the latest), how long it may be reused. */
export interface Built<R> {
  readonly reader: R
  readonly ttlMs?: number
}

export class ReaderSchemas<T extends SchemaType, R extends object> {
  private readonly readers: LoadingCache<string | number, R>

  /** `keyOf`: what a decoder is cached under, the schema id unless it also depends on the topic. */
  constructor(
    private readonly client: RegistryClient,
    private readonly schemaType: T,
    private readonly build: (id: number, schema: SchemaOf<T>, topic: string) => Promise<Built<R>> | Built<R>,
    options: DeserializerOptions = {},
    private readonly keyOf: (id: number, topic: string) => string | number = (id) => id,
  ) {
    const max = options.cacheCapacity ?? 1000
    if (!Number.isInteger(max) || max < 1) throw configError(`cacheCapacity: ${max} is not a positive integer`)
    this.readers = new LoadingCache({ max })
  }

  /** The cached decoder for payloads with schema `id` on `topic`, without I/O. */
  get(id: number, topic: string): R | undefined {
    return this.readers.get(this.keyOf(id, topic))
  }

  /** As `get`, for the synchronous paths: NOT_CACHED when the id was not met yet. */
  cached(id: number, topic: string): R {
    const reader = this.get(id, topic)
    if (reader === undefined) throw notCached(`schema id ${id}`)
    return reader
  }

  /** The decoder for payloads with schema `id` on `topic`, built once. Throws UNKNOWN_SCHEMA_ID for an unknown id. */
  load(id: number, topic: string): Promise<R> {
    let ttlMs: number | undefined
    return this.readers.load(
      this.keyOf(id, topic),
      async () => {
        const built = await this.build(id, expectType(await this.writerSchema(id), this.schemaType, `schema id ${id}`), topic)
        ttlMs = built.ttlMs
        return built.reader
      },
      () => ttlMs,
    )
  }

  private async writerSchema(id: number): Promise<RegistrySchema> {
    try {
      return await this.client.getSchemaById(id)
    } catch (error) {
      if (error instanceof SerdeError && error.reason === 'REGISTRY' && error.status === 404) throw unknownSchemaId(id, error)
      throw error
    }
  }
}
