// The JSON Schema serializer and deserializer: Confluent wire format around the JSON text, values validated
// with the schema's cached ajv validator before they are written (and, on request, after they are read).

import type { ValidateFunction } from 'ajv'
import type { JsonSchema } from '../formats/json/index.ts'
import { validateJson } from '../formats/json/index.ts'
import type { RegistryClient } from './client.ts'
import { invalidPayload, invalidSchema, invalidValue, notCached } from './errors.ts'
import { ReaderSchemas } from './reader-schemas.ts'
import type { DeserializerOptions } from './reader-schemas.ts'
import { asBuffer, HEADER_SIZE, readSchemaId, writeHeader } from './wire-format.ts'
import { WriterSchemas } from './writer-schemas.ts'
import type { SerializerOptions } from './writer-schemas.ts'

export interface JsonSerializerOptions extends SerializerOptions {
  /** Validate every value against the writer schema before writing it. Default true. */
  readonly validate?: boolean
}

export interface JsonDeserializerOptions extends DeserializerOptions {
  /** Validate every value read against its writer schema. Default false. */
  readonly validate?: boolean
}

interface JsonCodec {
  readonly id: number
  readonly schema: JsonSchema
  /** Undefined when validation is off. */
  readonly validate: ValidateFunction | undefined
  /** The header as text, when each of its bytes is below 0x80 and so encodes to itself in UTF-8. */
  readonly headerText: string | undefined
}

/** Confluent's JSON Schema record name: the schema's `title`. */
const recordName = (schema: JsonSchema | undefined): string | undefined => {
  const title = schema !== undefined && schema.document instanceof Map ? schema.document.get('title') : undefined
  return typeof title === 'string' ? title : undefined
}

function codec(id: number, schema: JsonSchema, validate: boolean): JsonCodec {
  const header = Buffer.alloc(HEADER_SIZE)
  writeHeader(header, id)
  const headerText = header.every((byte) => byte < 0x80) ? header.toString('latin1') : undefined
  try {
    return { id, schema, validate: validate ? schema.validator() : undefined, headerText }
  } catch (error) {
    throw invalidSchema(`schema id ${id} cannot be compiled for validation: ${(error as Error).message}`, error)
  }
}

const describe = (schema: JsonSchema, value: unknown): string =>
  validateJson(schema, value)
    .map((error) => `${error.instancePath === '' ? 'the value' : `'${error.instancePath}'`} ${error.message}`)
    .join('; ')

function encodeJson(codec: JsonCodec, value: unknown): Buffer {
  if (codec.validate !== undefined && codec.validate(value) !== true) {
    throw invalidValue(`the value does not match the JSON schema (id ${codec.id}): ${describe(codec.schema, value)}`)
  }
  let text: string | undefined
  try {
    text = JSON.stringify(value)
  } catch (error) {
    throw invalidValue(`the value cannot be written as JSON: ${(error as Error).message}`, error)
  }
  if (text === undefined) throw invalidValue(`the value (${typeof value}) has no JSON text`)
  // One Buffer.from of header and text is cheaper than measuring the text, allocating and writing into it.
  if (codec.headerText !== undefined) return Buffer.from(codec.headerText + text)
  const out = Buffer.allocUnsafe(HEADER_SIZE + Buffer.byteLength(text))
  writeHeader(out, codec.id)
  out.write(text, HEADER_SIZE)
  return out
}

function decodeJson(codec: JsonCodec, bytes: Buffer): unknown {
  let value: unknown
  try {
    value = JSON.parse(bytes.toString('utf8', HEADER_SIZE))
  } catch (error) {
    throw invalidPayload(`the payload of schema id ${codec.id} is not JSON: ${(error as Error).message}`, error)
  }
  if (codec.validate !== undefined && codec.validate(value) !== true) {
    throw invalidPayload(`the payload does not match its JSON schema (id ${codec.id}): ${describe(codec.schema, value)}`)
  }
  return value
}

export class JsonSerializer {
  private readonly writers: WriterSchemas<'JSON', JsonCodec>

  constructor(client: RegistryClient, options: JsonSerializerOptions = {}) {
    const validate = options.validate ?? true
    this.writers = new WriterSchemas(client, options, {
      schemaType: 'JSON',
      recordName,
      build: ({ id, schema }) => codec(id, schema, validate),
    })
  }

  /** Confluent wire-format bytes of `value`; the first call for a topic resolves (and registers) its schema. */
  async serialize(topic: string, value: unknown): Promise<Buffer> {
    return encodeJson(this.writers.get(topic) ?? (await this.writers.load(topic)), value)
  }

  /** As `serialize`, without a promise, once `serialize` has resolved the topic's schema; NOT_CACHED before. */
  serializeSync(topic: string, value: unknown): Buffer {
    const writer = this.writers.get(topic)
    if (writer === undefined) throw notCached(`the writer schema of topic '${topic}'`)
    return encodeJson(writer, value)
  }
}

export class JsonDeserializer {
  private readonly readers: ReaderSchemas<'JSON', JsonCodec>

  constructor(client: RegistryClient, options: JsonDeserializerOptions = {}) {
    const validate = options.validate ?? false
    this.readers = new ReaderSchemas(client, 'JSON', (id, schema) => ({ reader: codec(id, schema, validate) }), options)
  }

  /** The value of Confluent wire-format bytes (null for a tombstone); the first payload of an id fetches its schema. */
  async deserialize<T = unknown>(topic: string, bytes: Uint8Array | null): Promise<T | null> {
    if (bytes === null) return null
    const buffer = asBuffer(bytes)
    const id = readSchemaId(buffer)
    return decodeJson(this.readers.get(id, topic) ?? (await this.readers.load(id, topic)), buffer) as T
  }

  /** As `deserialize`, without a promise, for ids already met; NOT_CACHED for a new id. */
  deserializeSync<T = unknown>(topic: string, bytes: Uint8Array | null): T | null {
    if (bytes === null) return null
    const buffer = asBuffer(bytes)
    return decodeJson(this.readers.cached(readSchemaId(buffer), topic), buffer) as T
  }
}
