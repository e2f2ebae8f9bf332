// The Protobuf serializer and deserializer, with protobufjs and no generated classes: a plain object plus the
// message name (or a protobufjs Type, or a protobufjs message) in, Confluent wire format with message indexes
// out, and back to plain objects. Types, index lists and prefixes are worked out once per schema and message.

import protobuf from 'protobufjs'
import type { IConversionOptions, Type } from 'protobufjs'
import type { ProtobufSchema } from '../formats/protobuf/index.ts'
import { messageIndexes, messageNameAt } from '../formats/protobuf/index.ts'
import type { RegistryClient } from './client.ts'
import { invalidPayload, invalidSchema, invalidValue, notCached } from './errors.ts'
import { fullMessageName, MessageTypes, typeOf } from './protobuf-messages.ts'
import { ReaderSchemas } from './reader-schemas.ts'
import type { DeserializerOptions } from './reader-schemas.ts'
import { asBuffer, decodeMessageIndexes, HEADER_SIZE, MAGIC_BYTE, messageIndexVarints, readSchemaId } from './wire-format.ts'
import { WriterSchemas } from './writer-schemas.ts'
import type { SerializerOptions } from './writer-schemas.ts'

export interface ProtobufSerializerOptions extends SerializerOptions {
  /** The message written when `serialize` is not told which (`pkg.Outer.Inner`). Default: the schema's first. */
  readonly messageName?: string
}

export interface ProtobufDeserializerOptions extends DeserializerOptions {
  /** protobufjs's toObject options for the values returned, or false for the decoded protobufjs message.
   * Default { longs: BigInt, enums: String, defaults: true }: 64-bit ints exact, enums by name. */
  readonly toObject?: IConversionOptions | false
  /** Also read payloads without a message-index list (as @kafkajs/confluent-schema-registry writes them), as
   * this message (full name), or as the schema's first message for `true` (kafkajs's default). Off by default.
   * See protobuf-messages.ts for when such payloads can be told apart. */
  readonly withoutMessageIndexes?: boolean | string
}

const DEFAULT_CONVERSION: IConversionOptions = { longs: BigInt, enums: String, defaults: true }

interface ProtobufWriter {
  readonly type: Type
  /** The schema id with its bytes swapped: protobufjs's fixed32 writes little-endian, the header big-endian. */
  readonly swappedId: number
  /** The message-index list as the varints it is made of (count then indexes, zig-zag), or [0]. */
  readonly indexVarints: readonly number[]
}

interface ProtobufReader {
  readonly id: number
  readonly types: MessageTypes
  readonly unindexed: Type | undefined
}

function firstMessageName(schema: ProtobufSchema, where: string): string {
  try {
    return messageNameAt(schema, [0])
  } catch {
    throw invalidSchema(`${where} declares no message`)
  }
}

/** `id` with its 4 bytes reversed, for a little-endian writer to put them in big-endian order. */
function swapBytes(id: number): number {
  const bytes = Buffer.allocUnsafe(4)
  bytes.writeUInt32BE(id)
  return bytes.readUInt32LE()
}

/** The message a call names: an explicit name or Type, else the Type of a protobufjs message value. */
function messageNameOf(value: object, message: string | Type | undefined): string | undefined {
  if (typeof message === 'string') return message.startsWith('.') ? message.slice(1) : message
  if (message !== undefined) return message.fullName.slice(1)
  const type = (value as { $type?: unknown }).$type
  return type instanceof protobuf.Type ? type.fullName.slice(1) : undefined
}

function encodeProtobuf(writer: ProtobufWriter, value: object): Buffer {
  const type = writer.type
  let message = value as protobuf.Message
  try {
    // A value protobufjs can encode as it is (a message, or a plain object verify accepts: enums and 64-bit ints
    // as numbers) skips fromObject's copy; anything else (enum names, bigints, strings for longs) is converted.
    if (!(value instanceof type.ctor) && type.verify(value) !== null) message = type.fromObject(value as Record<string, unknown>)
    // Header, indexes and payload go into one protobufjs writer, so the frame is allocated once, by finish().
    const out = protobuf.Writer.create().uint32(MAGIC_BYTE).fixed32(writer.swappedId)
    for (let i = 0; i < writer.indexVarints.length; i++) out.uint32(writer.indexVarints[i])
    return type.encode(message, out).finish() as Buffer
  } catch (error) {
    throw invalidValue(`the value does not fit message ${type.fullName.slice(1)}: ${(error as Error).message}`, error)
  }
}

function decodeProtobuf(reader: ProtobufReader, bytes: Buffer, conversion: IConversionOptions | false): unknown {
  const next = bytes.length > HEADER_SIZE ? bytes[HEADER_SIZE] : undefined
  let type: Type
  let start: number
  if (reader.unindexed !== undefined && reader.types.lacksIndexes(next)) {
    type = reader.unindexed
    start = HEADER_SIZE
  } else if (next === 0) {
    type = reader.types.first
    start = HEADER_SIZE + 1
  } else {
    const { indexes, end } = decodeMessageIndexes(bytes, HEADER_SIZE)
    type = reader.types.at(indexes)
    start = end
  }
  let message: protobuf.Message
  try {
    const input = protobuf.Reader.create(bytes)
    input.pos = start
    message = type.decode(input)
  } catch (error) {
    throw invalidPayload(`the payload of schema id ${reader.id} does not decode as ${type.fullName.slice(1)}: ${(error as Error).message}`, error)
  }
  return conversion === false ? message : type.toObject(message, conversion)
}

export class ProtobufSerializer {
  private readonly writers: WriterSchemas<'PROTOBUF', ProtobufWriter>
  private readonly defaultMessage: string | undefined

  constructor(client: RegistryClient, options: ProtobufSerializerOptions = {}) {
    this.defaultMessage = options.messageName
    this.writers = new WriterSchemas(client, options, {
      schemaType: 'PROTOBUF',
      recordName: (schema, message) =>
        schema === undefined ? message : fullMessageName(schema, message ?? firstMessageName(schema, 'the given schema'), 'the given schema'),
      build: ({ id, schema }, message): ProtobufWriter => {
        const where = `schema id ${id}`
        const name = fullMessageName(schema, message ?? firstMessageName(schema, where), where)
        return { type: typeOf(schema, name), swappedId: swapBytes(id), indexVarints: messageIndexVarints(messageIndexes(schema, name)) }
      },
    })
  }

  /**
   * Confluent wire-format bytes of `value`, a plain object or a protobufjs message, as `message` (a full
   * name or a protobufjs Type; default: the value's own Type, then `messageName`, then the first message).
   */
  async serialize(topic: string, value: object, message?: string | Type): Promise<Buffer> {
    const name = messageNameOf(value, message) ?? this.defaultMessage
    return encodeProtobuf(this.writers.get(topic, name) ?? (await this.writers.load(topic, name)), value)
  }

  /** As `serialize`, without a promise, once `serialize` has resolved this topic and message; NOT_CACHED before. */
  serializeSync(topic: string, value: object, message?: string | Type): Buffer {
    const name = messageNameOf(value, message) ?? this.defaultMessage
    const writer = this.writers.get(topic, name)
    if (writer === undefined) throw notCached(`the writer schema of topic '${topic}'${name === undefined ? '' : ` for ${name}`}`)
    return encodeProtobuf(writer, value)
  }
}

export class ProtobufDeserializer {
  private readonly readers: ReaderSchemas<'PROTOBUF', ProtobufReader>
  private readonly conversion: IConversionOptions | false

  constructor(client: RegistryClient, options: ProtobufDeserializerOptions = {}) {
    this.conversion = options.toObject ?? DEFAULT_CONVERSION
    const unindexed = options.withoutMessageIndexes ?? false
    this.readers = new ReaderSchemas(
      client,
      'PROTOBUF',
      (id, schema) => {
        const types = new MessageTypes(schema, id)
        const where = `schema id ${id}`
        return {
          reader: {
            id,
            types,
            unindexed: unindexed === false ? undefined : unindexed === true ? types.first : typeOf(schema, fullMessageName(schema, unindexed, where)),
          },
        }
      },
      options,
    )
  }

  /** The message of Confluent wire-format bytes (null for a tombstone); the first payload of an id fetches its schema. */
  async deserialize<T = unknown>(topic: string, bytes: Uint8Array | null): Promise<T | null> {
    if (bytes === null) return null
    const buffer = asBuffer(bytes)
    const id = readSchemaId(buffer)
    return decodeProtobuf(this.readers.get(id, topic) ?? (await this.readers.load(id, topic)), buffer, this.conversion) as T
  }

  /** As `deserialize`, without a promise, for ids already met; NOT_CACHED for a new id. */
  deserializeSync<T = unknown>(topic: string, bytes: Uint8Array | null): T | null {
    if (bytes === null) return null
    const buffer = asBuffer(bytes)
    return decodeProtobuf(this.readers.cached(readSchemaId(buffer), topic), buffer, this.conversion) as T
  }
}
