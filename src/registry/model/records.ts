// The `_schemas` record format (spec section 5): typed keys and values, parsed by content and written
// byte-for-byte as the Confluent registry writes them, so compaction on exact key bytes keeps working and a
// topic written by Confluent or Karapace reads as is.

import type { SchemaReference, SchemaType } from '../../formats/format.ts'

export type RecordKey =
  | { readonly keytype: 'SCHEMA'; readonly subject: string; readonly version: number; readonly magic: number }
  | { readonly keytype: 'CONFIG' | 'MODE'; readonly subject: string | null; readonly nullSubject: boolean }
  | { readonly keytype: 'DELETE_SUBJECT' | 'CLEAR_SUBJECT'; readonly subject: string }
  | { readonly keytype: 'NOOP' }
  | { readonly keytype: 'CONTEXT'; readonly tenant: string; readonly context: string }

export interface SchemaValue {
  readonly subject: string
  readonly version: number
  readonly id: number
  readonly schemaType?: SchemaType
  readonly references?: readonly SchemaReference[]
  readonly metadata?: unknown
  readonly ruleSet?: unknown
  readonly schema: string
  readonly deleted: boolean
}

/** Subject or global config. `compatibilityLevel` may be absent when only other fields were set. */
export interface ConfigValue {
  readonly subject?: string
  readonly compatibilityLevel?: string
  readonly normalize?: boolean
  readonly validateFields?: boolean
  readonly alias?: string
  readonly compatibilityGroup?: string
  readonly compatibilityPolicy?: string
  readonly defaultMetadata?: unknown
  readonly overrideMetadata?: unknown
  readonly defaultRuleSet?: unknown
  readonly overrideRuleSet?: unknown
}

export interface ModeValue {
  readonly subject?: string
  readonly mode: string
}

export interface DeleteSubjectValue {
  readonly subject: string
  readonly version: number
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Parses a key by content (property order and `"subject":null` vs absent do not matter).
 * Returns undefined for keys we skip: unknown keytypes, unsupported magic bytes, malformed JSON. */
export function parseKey(text: string): RecordKey | undefined {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!isObject(raw)) return undefined
  const subject = raw.subject
  switch (raw.keytype) {
    case 'SCHEMA': {
      const magic = raw.magic ?? 1
      if (typeof subject !== 'string' || !Number.isInteger(raw.version) || (magic !== 0 && magic !== 1)) return undefined
      return { keytype: 'SCHEMA', subject, version: raw.version as number, magic: magic as number }
    }
    case 'CONFIG':
    case 'MODE':
      if (subject !== undefined && subject !== null && typeof subject !== 'string') return undefined
      return { keytype: raw.keytype, subject: subject ?? null, nullSubject: subject === null }
    case 'DELETE_SUBJECT':
    case 'CLEAR_SUBJECT':
      return typeof subject === 'string' ? { keytype: raw.keytype, subject } : undefined
    case 'NOOP':
      return { keytype: 'NOOP' }
    case 'CONTEXT':
      return typeof raw.context === 'string'
        ? { keytype: 'CONTEXT', tenant: typeof raw.tenant === 'string' ? raw.tenant : 'default', context: raw.context }
        : undefined
    default:
      return undefined
  }
}

/** Writes a key with Confluent's exact property order and magic byte. */
export function encodeKey(key: RecordKey): string {
  switch (key.keytype) {
    case 'SCHEMA':
      return JSON.stringify({ keytype: 'SCHEMA', subject: key.subject, version: key.version, magic: 1 })
    case 'CONFIG':
    case 'MODE':
      if (key.subject === null) {
        return key.nullSubject
          ? JSON.stringify({ keytype: key.keytype, subject: null, magic: 0 })
          : JSON.stringify({ keytype: key.keytype, magic: 0 })
      }
      return JSON.stringify({ keytype: key.keytype, subject: key.subject, magic: 0 })
    case 'DELETE_SUBJECT':
    case 'CLEAR_SUBJECT':
      return JSON.stringify({ keytype: key.keytype, subject: key.subject, magic: 0 })
    case 'NOOP':
      return JSON.stringify({ keytype: 'NOOP', magic: 0 })
    case 'CONTEXT':
      return JSON.stringify({ keytype: 'CONTEXT', tenant: key.tenant, context: key.context, magic: 0 })
  }
}

/** Parses a value; a null or zero-length value is a tombstone (Karapace writes empty values). */
export function parseValue(text: string | null): Record<string, unknown> | null | undefined {
  if (text === null || text.length === 0) return null
  try {
    const value: unknown = JSON.parse(text)
    return isObject(value) ? value : undefined
  } catch {
    return undefined
  }
}

/** A SCHEMA value as read from the log, or undefined when it lacks what a schema record must have. */
export function toSchemaValue(key: { subject: string; version: number }, v: Record<string, unknown>): SchemaValue | undefined {
  if (typeof v.schema !== 'string' || !Number.isInteger(v.id)) return undefined
  const schemaType = v.schemaType === undefined || v.schemaType === null ? 'AVRO' : v.schemaType
  if (schemaType !== 'AVRO' && schemaType !== 'JSON' && schemaType !== 'PROTOBUF') return undefined
  const references = Array.isArray(v.references) ? (v.references as SchemaReference[]) : []
  return {
    subject: typeof v.subject === 'string' ? v.subject : key.subject,
    version: Number.isInteger(v.version) ? (v.version as number) : key.version,
    id: v.id as number,
    schemaType,
    references,
    metadata: v.metadata ?? undefined,
    ruleSet: v.ruleSet ?? undefined,
    schema: v.schema,
    deleted: v.deleted === true,
  }
}

/** Writes a SCHEMA value as Confluent 7.x does: schemaType omitted for AVRO, empty lists omitted,
 * `deleted` always present. */
export function encodeSchemaValue(v: SchemaValue): string {
  return JSON.stringify({
    subject: v.subject,
    version: v.version,
    id: v.id,
    schemaType: v.schemaType === 'AVRO' ? undefined : v.schemaType,
    references: v.references && v.references.length > 0 ? v.references.map(copyReference) : undefined,
    metadata: v.metadata ?? undefined,
    ruleSet: v.ruleSet ?? undefined,
    schema: v.schema,
    deleted: v.deleted,
  })
}

const copyReference = (r: SchemaReference): SchemaReference => ({ name: r.name, subject: r.subject, version: r.version })

export const encodeJson = (value: object): string => JSON.stringify(value)
