// One validator per schema for every payload record: JSON text is parsed and checked value by value (Avro,
// JSON Schema or Protobuf JSON), wire-format bytes are unframed and decoded with the schema. Built once per
// schema (compiled validators, avsc types and protobufjs types are reused for every record).

import type { AvroSchema } from '../../formats/avro/index.ts'
import type { ParsedSchema } from '../../formats/format.ts'
import type { JsonSchema } from '../../formats/json/index.ts'
import { validateJson } from '../../formats/json/index.ts'
import type { ProtobufSchema } from '../../formats/protobuf/index.ts'
import { messageNameAt, messageType } from '../../formats/protobuf/index.ts'
import type { Unframed } from '../../serde/wire-format.ts'
import { unframe } from '../../serde/wire-format.ts'
import { CliError, EXIT_USAGE } from '../command.ts'
import { avroValidator } from './avro-values.ts'
import type { PayloadEncoding, PayloadRecord } from './payload-readers.ts'
import type { Problem } from './problem.ts'
import { protobufValidator } from './protobuf-values.ts'

export type RecordValidator = (record: PayloadRecord) => Problem[]

export interface ValidatorOptions {
  readonly encoding: PayloadEncoding
  /** Protobuf: the message JSON payloads hold (by default the first of the file), and the one wire-format
   * payloads must name. */
  readonly message?: string
}

/** Throws CliError (exit 2) for a Protobuf --message the schema does not declare. */
export function recordValidator(schema: ParsedSchema, options: ValidatorOptions): RecordValidator {
  const { fromJson, fromBytes } = validatorsFor(schema, options)
  return (record) => {
    if (record.kind === 'bytes') {
      if (record.broken !== undefined) return [{ path: '', reason: `not a length-prefixed record: ${record.broken}` }]
      return fromBytes(record.bytes)
    }
    let value: unknown
    try {
      value = JSON.parse(record.text)
    } catch (error) {
      return [{ path: '', reason: `not JSON: ${(error as Error).message}` }]
    }
    return fromJson(value)
  }
}

interface Validators {
  fromJson(value: unknown): Problem[]
  fromBytes(bytes: Buffer): Problem[]
}

function validatorsFor(schema: ParsedSchema, options: ValidatorOptions): Validators {
  switch (schema.schemaType) {
    case 'AVRO':
      return avroValidators(schema as AvroSchema, options)
    case 'JSON':
      return jsonValidators(schema as JsonSchema)
    case 'PROTOBUF':
      return protobufValidators(schema as ProtobufSchema, options)
  }
}

function avroValidators(schema: AvroSchema, options: ValidatorOptions): Validators {
  const type = schema.avscType()
  return {
    fromJson: avroValidator(schema, options.encoding === 'avro-json' ? 'avro-json' : 'plain'),
    fromBytes: (bytes) =>
      unframed(bytes, false, ({ payload }) => {
        const { offset } = type.decode(payload, 0)
        if (offset < 0) return [{ path: '', reason: `the Avro payload is truncated (${payload.length} bytes)` }]
        if (offset < payload.length) return [{ path: '', reason: `${payload.length - offset} byte(s) left after the Avro value` }]
        return []
      }),
  }
}

function jsonValidators(schema: JsonSchema): Validators {
  const fromJson = (value: unknown): Problem[] =>
    validateJson(schema, value).map((error) => ({ path: error.instancePath, reason: error.message }))
  return {
    fromJson,
    fromBytes: (bytes) =>
      unframed(bytes, false, ({ payload }) => {
        let value: unknown
        try {
          value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload))
        } catch (error) {
          return [{ path: '', reason: `the payload is not UTF-8 JSON: ${(error as Error).message}` }]
        }
        return fromJson(value)
      }),
  }
}

function protobufValidators(schema: ProtobufSchema, options: ValidatorOptions): Validators {
  let name: string
  try {
    name = options.message ?? messageNameAt(schema, [0])
  } catch {
    throw new CliError('the Protobuf schema declares no message', EXIT_USAGE)
  }
  let type: ReturnType<typeof messageType>
  try {
    type = messageType(schema, name)
  } catch (error) {
    throw new CliError(`--message: ${(error as Error).message}`, EXIT_USAGE)
  }
  const fullName = type.fullName.slice(1)
  return {
    fromJson: protobufValidator(type),
    fromBytes: (bytes) =>
      unframed(bytes, true, ({ messageIndexes, payload }) => {
        const named = messageNameAt(schema, messageIndexes ?? [0])
        if (options.message !== undefined && named !== fullName) {
          return [{ path: '', reason: `the record holds message ${named}, not ${fullName}` }]
        }
        messageType(schema, named).decode(payload)
        return []
      }),
  }
}

/** Runs `check` on the frame of `bytes`; a framing or decoding error becomes the record's one problem. */
function unframed(bytes: Buffer, protobuf: boolean, check: (frame: Unframed) => Problem[]): Problem[] {
  let frame: Unframed
  try {
    frame = unframe(bytes, protobuf)
  } catch (error) {
    return [{ path: '', reason: `not Confluent wire format: ${(error as Error).message}` }]
  }
  try {
    return check(frame)
  } catch (error) {
    return [{ path: '', reason: `cannot decode the payload (schema id ${frame.id}): ${(error as Error).message}` }]
  }
}
