// The one error class of the serializers and the registry client, and the catalogue of its reasons.
// The registry's own codes stay as the registry sent them (`status`, `errorCode`), so callers match on the
// number Confluent documents; failures found on this side of the wire (a bad frame, a value that does not fit
// the schema) have no registry code and are told apart by `reason`.

export type SerdeErrorReason =
  /** An option given to a constructor is wrong or missing. */
  | 'CONFIG'
  /** The registry answered with an error: `status` and `errorCode` are the registry's. */
  | 'REGISTRY'
  /** No registry URL answered (connection refused, reset, timed out), after the retries. */
  | 'NETWORK'
  /** The first byte is not the Confluent magic byte 0. */
  | 'UNKNOWN_MAGIC_BYTE'
  /** Fewer bytes than the 5-byte header (magic byte and schema id). */
  | 'SHORT_BUFFER'
  /** The Protobuf message-index list is truncated, negative or too long. */
  | 'BAD_MESSAGE_INDEXES'
  /** The payload's schema id is not registered (the registry answered 40403). */
  | 'UNKNOWN_SCHEMA_ID'
  /** A schema does not parse, or is of another type than the serializer handles. */
  | 'INVALID_SCHEMA'
  /** A value to write does not fit the writer schema. */
  | 'INVALID_VALUE'
  /** Bytes to read do not decode with the writer schema (truncated, trailing bytes, malformed). */
  | 'INVALID_PAYLOAD'
  /** An Avro `long` beyond ±(2^53 - 1) met in the default number mode, where it would lose precision. */
  | 'LONG_PRECISION'
  /** The synchronous path was called before the schema it needs was fetched. */
  | 'NOT_CACHED'

export class SerdeError extends Error {
  constructor(
    readonly reason: SerdeErrorReason,
    message: string,
    /** The HTTP status the registry answered with, for REGISTRY and UNKNOWN_SCHEMA_ID. */
    readonly status?: number,
    /** The registry's `error_code` (40403, 42201, …), for REGISTRY and UNKNOWN_SCHEMA_ID. */
    readonly errorCode?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'SerdeError'
  }
}

export const configError = (message: string) => new SerdeError('CONFIG', message)

/** `url`: the registry's URL that answered and the path, so that with several base URLs the message says which. */
export const registryError = (method: string, url: string, status: number, errorCode: number, message: string) =>
  new SerdeError('REGISTRY', `${method} ${url}: the registry answered ${status} (error_code ${errorCode}): ${message}`, status, errorCode)

export const networkError = (method: string, path: string, attempts: number, failures: readonly string[], cause: unknown) =>
  new SerdeError('NETWORK', `${method} ${path}: no registry answered after ${attempts} attempt(s): ${failures.join('; ')}`, undefined, undefined, {
    cause,
  })

export const unknownSchemaId = (id: number, cause: SerdeError) =>
  new SerdeError('UNKNOWN_SCHEMA_ID', `schema id ${id} is not registered: ${cause.message}`, cause.status, cause.errorCode, { cause })

export const invalidSchema = (message: string, cause?: unknown) =>
  new SerdeError('INVALID_SCHEMA', message, undefined, undefined, { cause })

export const invalidValue = (message: string, cause?: unknown) => new SerdeError('INVALID_VALUE', message, undefined, undefined, { cause })

export const invalidPayload = (message: string, cause?: unknown) =>
  new SerdeError('INVALID_PAYLOAD', message, undefined, undefined, { cause })

export const longPrecision = (message: string) => new SerdeError('LONG_PRECISION', message)

export const notCached = (what: string) =>
  new SerdeError('NOT_CACHED', `${what} is not cached yet: call the asynchronous method once first (it fetches and caches it)`)
