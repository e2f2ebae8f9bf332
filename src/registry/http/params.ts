// Reading what a request says: path versions and ids, boolean and paging query parameters, and the
// RegisterSchemaRequest body, each rejected with the code Confluent uses (spec 1.3, 1.5).

import { badRequest, invalidSchema, invalidVersion, routeNotFound, unprocessable } from '../../errors.ts'
import type { SchemaReference, SchemaType } from '../../formats/format.ts'
import type { Page } from '../queries.ts'
import type { RegisterRequest, VersionSelector } from '../service.ts'

export type Query = Record<string, string | string[] | undefined>

const INT32_MAX = 2 ** 31 - 1

/** `latest` (any case, blanks ignored) and `-1` mean the latest live version; else an int in [1, 2^31-1]. */
export function parseVersion(raw: string): VersionSelector {
  const text = raw.trim()
  if (text.toLowerCase() === 'latest' || text === '-1') return 'latest'
  if (!/^[0-9]+$/.test(text)) throw invalidVersion(raw)
  const n = Number(text)
  if (n < 1 || n > INT32_MAX) throw invalidVersion(raw)
  return n
}

/** A non-integer id is an unknown route, as in Confluent. */
export function parseId(raw: string): number {
  if (!/^-?[0-9]+$/.test(raw) || Math.abs(Number(raw)) > INT32_MAX) throw routeNotFound()
  return Number(raw)
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)

/** Boolean query parameters are true only for the literal `true`, in any case. */
export const flag = (query: Query, name: string): boolean => first(query[name])?.toLowerCase() === 'true'

export const text = (query: Query, name: string): string | undefined => first(query[name])

export function page(query: Query, defaultLimit = 0, maxLimit = 0): Page {
  const offset = Number.parseInt(text(query, 'offset') ?? '0', 10)
  let limit = Number.parseInt(text(query, 'limit') ?? '0', 10)
  if (!(limit > 0) || (maxLimit > 0 && limit > maxLimit)) limit = defaultLimit
  return { offset: Number.isFinite(offset) && offset > 0 ? offset : 0, limit }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A JSON object body, or 422 when the body is missing or null. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) throw unprocessable('Request body is missing')
  if (!isObject(body)) throw badRequest('Request body must be a JSON object')
  return body
}

/** The RegisterSchemaRequest body (spec 1.5): wrong JSON types → 400, unknown schemaType → 42201. */
export function registerRequest(body: unknown): RegisterRequest {
  const b = objectBody(body)
  const schema = b.schema ?? ''
  if (typeof schema !== 'string') throw badRequest(`Cannot deserialize value of type 'String' from ${jsonKind(schema)} for field 'schema'`)
  const schemaType = b.schemaType ?? 'AVRO'
  if (typeof schemaType !== 'string') throw badRequest(`Cannot deserialize value of type 'String' from ${jsonKind(schemaType)} for field 'schemaType'`)
  const upperType = schemaType.toUpperCase()
  if (upperType !== 'AVRO' && upperType !== 'JSON' && upperType !== 'PROTOBUF') throw invalidSchema(`unknown schema type '${schemaType}'`)
  return {
    schema,
    schemaType: upperType as SchemaType,
    references: references(b.references),
    version: optionalInt(b.version, 'version'),
    id: optionalInt(b.id, 'id'),
    metadata: b.metadata ?? undefined,
    ruleSet: b.ruleSet ?? undefined,
  }
}

function references(raw: unknown): SchemaReference[] {
  if (raw === undefined || raw === null) return []
  if (!Array.isArray(raw)) throw badRequest(`Cannot deserialize value of type 'List' from ${jsonKind(raw)} for field 'references'`)
  return raw.map((r, i) => {
    if (!isObject(r) || typeof r.name !== 'string' || typeof r.subject !== 'string' || !Number.isInteger(r.version)) {
      throw badRequest(`references[${i}] must be an object with string 'name', string 'subject' and integer 'version'`)
    }
    return { name: r.name, subject: r.subject, version: r.version as number }
  })
}

function optionalInt(raw: unknown, field: string): number | undefined {
  if (raw === undefined || raw === null) return undefined
  if (!Number.isInteger(raw)) throw badRequest(`Cannot deserialize value of type 'int' from ${jsonKind(raw)} for field '${field}'`)
  return raw as number
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'Array'
  if (v === null) return 'null'
  return typeof v === 'object' ? 'Object' : typeof v
}
