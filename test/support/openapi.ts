// Reads openapi/registry.yaml once and checks HTTP responses against it: the body against the schema of its
// route and status (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses), the content type against the declared
// media types, and an error's `error_code` against the codes the operation documents.

import { readFileSync } from 'node:fs'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import { parse } from 'yaml'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }

export interface OpenApiOperation {
  /** Upper case: GET, POST, PUT, DELETE. */
  readonly method: string
  /** The OpenAPI path template, e.g. `/subjects/{subject}/versions`. */
  readonly path: string
}

/** One media type of one response of one operation, with the JSON pointer of its schema in the document. */
export interface ResponseContent extends OpenApiOperation {
  readonly status: string
  readonly mediaType: string
  readonly schemaPointer: string
}

const DOCUMENT_URL = new URL('../../openapi/registry.yaml', import.meta.url)
/** The base URI under which the whole document is added to ajv, so `#/components/...` refs resolve in it. */
const DOCUMENT_ID = 'https://schemaport.invalid/openapi/registry.yaml'
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const
/** Top-level OpenAPI members: declared to ajv as annotations so compiling the document root is strict-clean. */
const OPENAPI_ROOT_KEYWORDS = [
  'openapi',
  'info',
  'jsonSchemaDialect',
  'servers',
  'paths',
  'webhooks',
  'components',
  'security',
  'tags',
  'externalDocs',
]
/** Error codes are written in backticks in response descriptions: `40401`. */
const ERROR_CODE_PATTERN = /`(\d{3,5})`/g

let loaded: { document: JsonObject; ajv: Ajv2020; validators: Map<string, ValidateFunction> } | undefined

function load() {
  if (!loaded) {
    const document = parse(readFileSync(DOCUMENT_URL, 'utf8')) as JsonObject
    // Strict, so a typo'd keyword in the document fails; open tuples (`/contexts`: `.` first) are intended.
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, strictTuples: false })
    ajv.addVocabulary(OPENAPI_ROOT_KEYWORDS)
    ajv.addSchema(document, DOCUMENT_ID)
    loaded = { document, ajv, validators: new Map() }
  }
  return loaded
}

/** The parsed document (shared: do not mutate). */
export function openapiDocument(): JsonObject {
  return load().document
}

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1')
const unescapePointer = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~')

/** The value at a local reference (`#/components/schemas/Schema`), or undefined when it does not resolve. */
export function resolvePointer(ref: string): Json | undefined {
  if (!ref.startsWith('#')) return undefined
  let node: Json | undefined = openapiDocument()
  for (const segment of ref.slice(1).split('/').slice(1).map(unescapePointer)) {
    if (Array.isArray(node)) node = node[Number(segment)]
    else if (isObject(node)) node = Object.hasOwn(node, segment) ? node[segment] : undefined
    else return undefined
  }
  return node
}

/** Every `$ref` in the document, with the pointer of the object holding it. */
export function allRefs(): Array<{ at: string; ref: string }> {
  const refs: Array<{ at: string; ref: string }> = []
  const walk = (node: Json, at: string) => {
    if (Array.isArray(node)) node.forEach((child, i) => walk(child, `${at}/${i}`))
    else if (isObject(node)) {
      if (typeof node.$ref === 'string') refs.push({ at, ref: node.$ref })
      for (const [key, child] of Object.entries(node)) walk(child, `${at}/${escapePointer(key)}`)
    }
  }
  walk(openapiDocument(), '#')
  return refs
}

function pathItems(): Array<[string, JsonObject]> {
  const paths = openapiDocument().paths
  return isObject(paths) ? Object.entries(paths).filter((e): e is [string, JsonObject] => isObject(e[1])) : []
}

/** Every operation of the document, in document order. */
export function openapiPaths(): OpenApiOperation[] {
  return pathItems().flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => isObject(item[m])).map((m) => ({ method: m.toUpperCase(), path })),
  )
}

/** The operation object itself (summary, parameters, responses...). */
export function operationObject(method: string, path: string): JsonObject | undefined {
  const item = findPathItem(path)
  const operation = item?.item[method.toLowerCase()]
  return isObject(operation) ? operation : undefined
}

/** `/subjects/:subject/versions` → `/subjects/{subject}/versions`; a fastify regex constraint is dropped. */
export function toOpenApiPath(fastifyPath: string): string {
  const path = fastifyPath.split('?')[0].replace(/:([A-Za-z0-9_]+)(\([^/]*\))?/g, '{$1}')
  return path.length > 1 ? path.replace(/\/+$/, '') : path
}

/** Templates with the same hierarchy are the same path whatever their parameter names (OpenAPI 3.1, 4.8.8.2). */
const pathShape = (template: string) => template.replace(/\{[^}/]+\}/g, '{}')

/**
 * The path item for a fastify route path, an OpenAPI template, or a concrete URL (`/subjects/a%2Fb/versions/1`):
 * first by template shape, then by matching the URL's segments, preferring literal segments over templated ones.
 */
function findPathItem(pathOrUrl: string): { path: string; item: JsonObject } | undefined {
  const wanted = toOpenApiPath(pathOrUrl)
  const items = pathItems()
  const byShape = items.find(([path]) => pathShape(path) === pathShape(wanted))
  if (byShape) return { path: byShape[0], item: byShape[1] }
  const segments = wanted.split('/')
  let best: { path: string; item: JsonObject; literals: number } | undefined
  for (const [path, item] of items) {
    const template = path.split('/')
    if (template.length !== segments.length) continue
    let literals = 0
    const matches = template.every((t, i) => {
      if (/^\{[^}]+\}$/.test(t)) return segments[i].length > 0
      literals++
      return t === segments[i]
    })
    if (matches && (!best || literals > best.literals)) best = { path, item, literals }
  }
  return best
}

/** The OpenAPI template serving a fastify route path or a concrete URL, if any. */
export function openapiPathFor(pathOrUrl: string): string | undefined {
  return findPathItem(pathOrUrl)?.path
}

/** A response object with its `$ref` followed; a 3.1 reference may override the description. */
function resolveResponse(response: Json | undefined): { response: JsonObject; pointer: string; description: string } | undefined {
  if (!isObject(response)) return undefined
  if (typeof response.$ref !== 'string') return undefined
  const target = resolvePointer(response.$ref)
  if (!isObject(target)) return undefined
  const description = typeof response.description === 'string' ? response.description : String(target.description ?? '')
  return { response: target, pointer: response.$ref, description }
}

function responseOf(method: string, path: string, status: string) {
  const operation = operationObject(method, path)
  const responses = operation?.responses
  if (!isObject(responses)) return undefined
  const at = `#/paths/${escapePointer(path)}/${method.toLowerCase()}/responses/${status}`
  const raw = responses[status]
  if (isObject(raw) && typeof raw.$ref !== 'string') {
    return { response: raw, pointer: at, description: String(raw.description ?? '') }
  }
  return resolveResponse(raw)
}

/** Every documented status of an operation, as written in the document ('200', '404', ...). */
export function documentedStatuses(method: string, path: string): string[] {
  const responses = operationObject(method, path)?.responses
  return isObject(responses) ? Object.keys(responses) : []
}

/** The `error_code` values a response lists in its description (backticked numbers). */
export function documentedErrorCodes(method: string, path: string, status: number | string): number[] {
  const response = responseOf(method, path, String(status))
  if (!response) return []
  return [...response.description.matchAll(ERROR_CODE_PATTERN)].map((m) => Number(m[1]))
}

/** Every (operation, status, media type) with the pointer of its schema. */
export function responseContents(): ResponseContent[] {
  const out: ResponseContent[] = []
  for (const { method, path } of openapiPaths()) {
    for (const status of documentedStatuses(method, path)) {
      const response = responseOf(method, path, status)
      const content = response?.response.content
      if (!response || !isObject(content)) continue
      for (const mediaType of Object.keys(content)) {
        const schemaPointer = `${response.pointer}/content/${escapePointer(mediaType)}/schema`
        out.push({ method, path, status, mediaType, schemaPointer })
      }
    }
  }
  return out
}

/** The compiled validator of the schema at a pointer into the document (cached). Throws if it does not compile. */
export function compileSchemaAt(pointer: string): ValidateFunction {
  const { ajv, validators } = load()
  let validate = validators.get(pointer)
  if (!validate) {
    validate = ajv.compile({ $ref: `${DOCUMENT_ID}${pointer}` })
    validators.set(pointer, validate)
  }
  return validate
}

function schemaErrors(pointer: string, body: unknown): string[] {
  const validate = compileSchemaAt(pointer)
  if (validate(body)) return []
  // allOf branches may report the same failure twice; one line each is enough.
  return [...new Set((validate.errors ?? []).map((e) => `body${e.instancePath} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`))]
}

const mediaTypeOf = (contentType: string) => contentType.split(';')[0].trim().toLowerCase()

/**
 * Checks one response against the document. `route` is the fastify route (`/subjects/:subject/versions`),
 * an OpenAPI template, or a concrete URL. `body` is the parsed JSON (the text for non-JSON media types).
 * When `contentType` is given it must be one the response declares. For an error status, `error_code` must
 * be one the response documents. Returns the problems found, empty when the response conforms.
 */
export function validateResponse(method: string, route: string, status: number, body: unknown, contentType?: string): string[] {
  const found = findPathItem(route)
  const where = `${method} ${found?.path ?? route} ${status}`
  if (!found) return [`${method} ${route}: no such path in openapi/registry.yaml`]
  if (!operationObject(method, found.path)) return [`${method} ${found.path}: no such operation in openapi/registry.yaml`]
  const response = responseOf(method, found.path, String(status))
  if (!response) {
    return [`${where}: status not documented (documented: ${documentedStatuses(method, found.path).join(', ')})`]
  }
  const content = response.response.content
  if (!isObject(content)) return body === undefined || body === '' ? [] : [`${where}: a body was sent, none is documented`]
  const mediaTypes = Object.keys(content)
  let mediaType = mediaTypes[0]
  const problems: string[] = []
  if (contentType !== undefined) {
    const sent = mediaTypeOf(contentType)
    if (mediaTypes.includes(sent)) mediaType = sent
    else problems.push(`${where}: content type ${sent} is not one of ${mediaTypes.join(', ')}`)
  }
  const schemaPointer = `${response.pointer}/content/${escapePointer(mediaType)}/schema`
  problems.push(...schemaErrors(schemaPointer, body).map((e) => `${where}: ${e}`))
  if (status >= 400) {
    const codes = documentedErrorCodes(method, found.path, status)
    const code = isRecord(body) ? body.error_code : undefined
    if (!codes.includes(code as number)) {
      problems.push(`${where}: error_code ${JSON.stringify(code)} is not documented (documented: ${codes.join(', ')})`)
    }
  }
  return problems
}

/** Checks an error answered outside any documented operation (an unknown path): an ErrorMessage whose
 * `error_code` is the HTTP status. */
export function validateErrorBody(status: number, body: unknown): string[] {
  const problems = schemaErrors('#/components/schemas/ErrorMessage', body).map((e) => `${status}: ${e}`)
  const code = isRecord(body) ? body.error_code : undefined
  if (code !== status) problems.push(`${status}: error_code ${JSON.stringify(code)} is not the HTTP status`)
  return problems
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
