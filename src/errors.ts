// The one error class and the catalogue of every error code schemaport sends.
// Codes are Confluent Schema Registry's `error_code` numbers (see the spec, section 1.2): part of the wire
// protocol, so a code is never renumbered or reused. Every layer throws from here; only src/http/ turns an
// ApiError into a response.

export class ApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }

  toJSON(): { error_code: number; message: string } {
    return { error_code: this.errorCode, message: this.message }
  }
}

/** Every code we send, with its HTTP status. Tests keep this table, openapi/ and the docs in step. */
export const ERROR_CODES = {
  badRequest: { code: 400, status: 400 },
  notFound: { code: 404, status: 404 },
  methodNotAllowed: { code: 405, status: 405 },
  notAcceptable: { code: 406, status: 406 },
  incompatibleSchema: { code: 409, status: 409 },
  payloadTooLarge: { code: 413, status: 413 },
  unsupportedMediaType: { code: 415, status: 415 },
  serviceUnavailable: { code: 503, status: 503 },
  unprocessable: { code: 422, status: 422 },
  internal: { code: 500, status: 500 },
  subjectNotFound: { code: 40401, status: 404 },
  versionNotFound: { code: 40402, status: 404 },
  schemaNotFound: { code: 40403, status: 404 },
  subjectSoftDeleted: { code: 40404, status: 404 },
  subjectNotSoftDeleted: { code: 40405, status: 404 },
  versionSoftDeleted: { code: 40406, status: 404 },
  versionNotSoftDeleted: { code: 40407, status: 404 },
  subjectCompatibilityNotConfigured: { code: 40408, status: 404 },
  subjectModeNotConfigured: { code: 40409, status: 404 },
  invalidSchema: { code: 42201, status: 422 },
  invalidVersion: { code: 42202, status: 422 },
  invalidCompatibilityLevel: { code: 42203, status: 422 },
  invalidMode: { code: 42204, status: 422 },
  operationNotPermitted: { code: 42205, status: 422 },
  referenceExists: { code: 42206, status: 422 },
  invalidSubject: { code: 42208, status: 422 },
  schemaTooLarge: { code: 42209, status: 422 },
  storeError: { code: 50001, status: 500 },
  storeTimeout: { code: 50002, status: 500 },
  forwardingFailed: { code: 50003, status: 500 },
  unknownLeader: { code: 50004, status: 500 },
} as const

export type ErrorName = keyof typeof ERROR_CODES

const make = (name: ErrorName, message: string): ApiError =>
  new ApiError(ERROR_CODES[name].code, ERROR_CODES[name].status, message)

// Framework-level errors use the HTTP status as error_code, with Jersey's wording (clients show it as is).
export const badRequest = (detail: string) => make('badRequest', detail)
export const routeNotFound = () => make('notFound', 'HTTP 404 Not Found')
export const methodNotAllowed = () => make('methodNotAllowed', 'HTTP 405 Method Not Allowed')
export const notAcceptable = () => make('notAcceptable', 'HTTP 406 Not Acceptable')
export const unsupportedMediaType = () => make('unsupportedMediaType', 'HTTP 415 Unsupported Media Type')
export const payloadTooLarge = (limit: number) =>
  make('payloadTooLarge', `Request body is larger than the limit of ${limit} bytes`)
export const unprocessable = (detail: string) => make('unprocessable', detail)
export const internalError = () => make('internal', 'Internal Server Error')
export const notReady = () => make('serviceUnavailable', 'The registry is still reading its log and is not ready yet')

export const incompatibleSchema = (subject: string, messages: readonly string[]) =>
  make(
    'incompatibleSchema',
    `Schema being registered is incompatible with an earlier schema for subject "${subject}", details: [${messages.join(', ')}]`,
  )

export const subjectNotFound = (subject: string) => make('subjectNotFound', `Subject '${subject}' not found.`)
export const versionNotFound = (subject: string, version: number | string) =>
  make('versionNotFound', `Version ${version} not found for subject '${subject}'.`)
export const schemaNotFound = (detail = 'Schema not found') => make('schemaNotFound', detail)
export const schemaIdNotFound = (id: number) => make('schemaNotFound', `Schema ${id} not found`)
export const subjectSoftDeleted = (subject: string) =>
  make('subjectSoftDeleted', `Subject '${subject}' was soft deleted. Set permanent=true to delete permanently`)
export const subjectNotSoftDeleted = (subject: string) =>
  make('subjectNotSoftDeleted', `Subject '${subject}' was not deleted first before being permanently deleted`)
export const versionSoftDeleted = (subject: string, version: number) =>
  make(
    'versionSoftDeleted',
    `Subject '${subject}' Version ${version} was soft deleted. Set permanent=true to delete permanently`,
  )
export const versionNotSoftDeleted = (subject: string, version: number) =>
  make(
    'versionNotSoftDeleted',
    `Subject '${subject}' Version ${version} was not deleted first before being permanently deleted`,
  )
export const subjectCompatibilityNotConfigured = (subject: string) =>
  make('subjectCompatibilityNotConfigured', `Subject '${subject}' does not have subject-level compatibility configured`)
export const subjectModeNotConfigured = (subject: string) =>
  make('subjectModeNotConfigured', `Subject '${subject}' does not have subject-level mode configured`)

export const invalidSchema = (detail: string) => make('invalidSchema', `Invalid schema: ${detail}`)
export const invalidVersion = (version: string) =>
  make(
    'invalidVersion',
    `The specified version '${version}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string "latest"`,
  )
export const invalidCompatibilityLevel = (level: unknown) =>
  make(
    'invalidCompatibilityLevel',
    `Invalid compatibility level: ${String(level)}. Valid values are NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE`,
  )
export const invalidMode = (detail: string) => make('invalidMode', detail)
export const operationNotPermitted = (detail: string) => make('operationNotPermitted', detail)
export const referenceExists = (detail: string) => make('referenceExists', detail)
export const invalidSubject = (subject: string) => make('invalidSubject', `The specified subject '${subject}' is not valid.`)
export const schemaTooLarge = (detail: string) => make('schemaTooLarge', detail)

export const storeError = (detail: string) => make('storeError', `Error in the backend data store: ${detail}`)
export const storeTimeout = (detail: string) => make('storeTimeout', `Timed out in the backend data store: ${detail}`)
export const forwardingFailed = (detail: string) =>
  make('forwardingFailed', `Error while forwarding the request to the leader: ${detail}`)
export const unknownLeader = () => make('unknownLeader', 'Leader not known.')
export const writeWhileNotReady = () =>
  make('storeTimeout', 'The registry is still reading its log; writes are refused until it has caught up')
