// The registry's write decisions: each `decide*` reads state and returns the records to append plus the
// answer, or throws an ApiError. No awaits, no clock, no I/O: the caller appends the records and answers
// once the log has applied them (spec 2.3–2.7, 3.8–3.17).

import {
  incompatibleSchema,
  invalidCompatibilityLevel,
  invalidMode,
  invalidSchema,
  invalidSubject,
  operationNotPermitted,
  referenceExists,
  schemaNotFound,
  subjectModeNotConfigured,
  subjectNotFound,
  subjectNotSoftDeleted,
  subjectSoftDeleted,
  versionNotFound,
  versionNotSoftDeleted,
  versionSoftDeleted,
} from '../errors.ts'
import type { ParsedSchema, SchemaReference } from '../formats/format.ts'
import { checkCompatibility, COMPATIBILITY_LEVELS, type CompatibilityLevel, type CompatibilityResult } from './compatibility.ts'
import { encodeJson, encodeKey, encodeSchemaValue, type ConfigValue } from './model/records.ts'
import { DEFAULT_CONTEXT, isValidSubject, qualifySubject } from './model/subject.ts'
import type { SchemaParser, SchemaRequest } from './schemas.ts'
import { contentHash, type RegistryState, type StoredVersion } from './state.ts'
import type { LogRecord } from './store/schema-log.ts'

export const MODES = ['READWRITE', 'READONLY', 'READONLY_OVERRIDE', 'IMPORT', 'FORWARD'] as const
export type Mode = (typeof MODES)[number]

export interface ServiceDefaults {
  readonly compatibility: CompatibilityLevel
  /** Confluent's `mode.mutability`: when false, PUT/DELETE /mode answer 42205. */
  readonly modeMutability: boolean
}

export interface Service {
  readonly state: RegistryState
  readonly schemas: SchemaParser
  readonly defaults: ServiceDefaults
}

export interface Decision<T> {
  readonly records: LogRecord[]
  readonly result: T
}

export interface RegisterRequest extends SchemaRequest {
  readonly version?: number
  readonly id?: number
  readonly metadata?: unknown
  readonly ruleSet?: unknown
}

export interface Registered {
  readonly id: number
  readonly version: number
  readonly schema: string
  readonly schemaType: string
  readonly references: readonly SchemaReference[]
}

/** A version as a request names it: a number ≥ 1, or `latest` (also `-1`). */
export type VersionSelector = number | 'latest'

// ---------------------------------------------------------------------------------------------- config

/** Subject config, then the subject's context config, then global config, then the server default. */
export function effectiveConfig(svc: Service, subject: string | null): ConfigValue & { compatibilityLevel: string } {
  const scopes = configScopes(subject)
  const merged: Record<string, unknown> = {}
  for (const scope of [...scopes].reverse()) Object.assign(merged, svc.state.configs.get(scope))
  return { ...merged, compatibilityLevel: (merged.compatibilityLevel as string) ?? svc.defaults.compatibility }
}

export function effectiveMode(svc: Service, subject: string | null): Mode {
  const global = svc.state.modes.get(null)
  if (global === 'READONLY_OVERRIDE') return 'READONLY_OVERRIDE'
  for (const scope of configScopes(subject)) {
    const mode = svc.state.modes.get(scope)
    if (mode) return mode as Mode
  }
  return 'READWRITE'
}

/** Most specific first: the subject, its context (`:.ctx:`), global. */
function configScopes(subject: string | null): (string | null)[] {
  if (subject === null) return [null]
  const q = qualifySubject(subject)
  if (q.context === DEFAULT_CONTEXT) return q.name === '' ? [null] : [q.qualified, null]
  const contextScope = `:${q.context}:`
  return q.name === '' ? [contextScope, null] : [q.qualified, contextScope, null]
}

/** The scope a config or mode request addresses: null for global (no subject, or `:.:`). */
export function scopeOf(subject: string | undefined): string | null {
  if (subject === undefined) return null
  const q = qualifySubject(subject)
  return q.context === DEFAULT_CONTEXT && q.name === '' ? null : q.qualified
}

export function parseLevel(level: unknown): CompatibilityLevel {
  const upper = typeof level === 'string' ? level.trim().toUpperCase() : ''
  if (!(COMPATIBILITY_LEVELS as readonly string[]).includes(upper)) throw invalidCompatibilityLevel(level)
  return upper as CompatibilityLevel
}

function checkScopeSubject(scope: string | null): void {
  if (scope !== null && !scope.startsWith(':.') && !isValidSubject(scope)) throw invalidSubject(scope)
}

function refuseWhenReadOnly(svc: Service, subject: string | null): void {
  const mode = effectiveMode(svc, subject)
  if (mode === 'READONLY' || mode === 'READONLY_OVERRIDE') {
    throw operationNotPermitted(`Subject ${subject ?? '(global)'} is in read-only mode`)
  }
}

const CONFIG_FIELDS = [
  'normalize',
  'validateFields',
  'alias',
  'compatibilityGroup',
  'compatibilityPolicy',
  'defaultMetadata',
  'overrideMetadata',
  'defaultRuleSet',
  'overrideRuleSet',
] as const

/** PUT /config[/{subject}]: fields not sent keep their previous value (spec 3.16). */
export function decidePutConfig(svc: Service, scope: string | null, body: Record<string, unknown>): Decision<Record<string, unknown>> {
  checkScopeSubject(scope)
  const previous = svc.state.configs.get(scope) ?? {}
  const next: Record<string, unknown> = { ...previous }
  if (body.compatibility !== undefined && body.compatibility !== null) next.compatibilityLevel = parseLevel(body.compatibility)
  for (const field of CONFIG_FIELDS) if (body[field] !== undefined && body[field] !== null) next[field] = body[field]
  refuseWhenReadOnly(svc, scope)
  const value: ConfigValue = scope === null ? next : { subject: scope, ...withoutSubject(next) }
  const key = encodeKey({ keytype: 'CONFIG', subject: scope, nullSubject: svc.state.nullSubjectKeys.CONFIG })
  return { records: [{ key, value: encodeJson(value) }], result: configForPut(value) }
}

/** DELETE /config[/{subject}]: the subject form answers 40401 when nothing is set there. */
export function decideDeleteConfig(svc: Service, scope: string | null): Decision<Record<string, unknown>> {
  checkScopeSubject(scope)
  const previous = svc.state.configs.get(scope)
  if (scope !== null && !previous) throw subjectNotFound(scope)
  refuseWhenReadOnly(svc, scope)
  const key = encodeKey({ keytype: 'CONFIG', subject: scope, nullSubject: svc.state.nullSubjectKeys.CONFIG })
  const result = previous ? configForGet(previous) : { compatibilityLevel: svc.defaults.compatibility }
  return { records: previous ? [{ key, value: null }] : [], result }
}

/** GET replies name the level `compatibilityLevel`; PUT replies name it `compatibility`. */
export function configForGet(config: ConfigValue): Record<string, unknown> {
  return withoutSubject(config)
}

function configForPut(config: ConfigValue): Record<string, unknown> {
  const { compatibilityLevel, ...rest } = withoutSubject(config)
  return { compatibility: compatibilityLevel, ...rest }
}

function withoutSubject(config: object): Record<string, unknown> {
  const { subject: _subject, ...rest } = config as Record<string, unknown>
  return rest
}

// ------------------------------------------------------------------------------------------------ mode

export function parseMode(mode: unknown): Mode {
  const upper = typeof mode === 'string' ? mode.trim().toUpperCase() : ''
  if (!(MODES as readonly string[]).includes(upper)) throw invalidMode(`Invalid mode. Valid values are: ${MODES.join(', ')}`)
  return upper as Mode
}

/** PUT /mode[/{subject}] (spec 3.15). Entering IMPORT needs an empty scope unless `force`; the scope's
 * soft-deleted versions are purged (tombstones, then CLEAR_SUBJECT). */
export function decidePutMode(svc: Service, scope: string | null, body: Record<string, unknown>, force: boolean): Decision<{ mode: Mode }> {
  const mode = parseMode(body.mode)
  if (mode === 'FORWARD' && scope !== null) throw invalidMode('Mode FORWARD can only be set globally')
  checkScopeSubject(scope)
  if (!svc.defaults.modeMutability) throw operationNotPermitted('Mode changes are not allowed')
  const records: LogRecord[] = []
  const current = scope === null ? svc.state.modes.get(null) : svc.state.modes.get(scope)
  if (mode === 'IMPORT' && current !== 'IMPORT') {
    const subjects = subjectsInScope(svc, scope)
    if (!force && subjects.some((s) => svc.state.liveVersionsOf(s).length > 0)) {
      throw operationNotPermitted('Cannot import since found existing subjects')
    }
    for (const subject of subjects) {
      const softDeleted = svc.state.versionsOf(subject).filter((v) => v.deleted)
      if (softDeleted.length === 0) continue
      for (const v of softDeleted) records.push(schemaTombstone(v))
      records.push({ key: encodeKey({ keytype: 'CLEAR_SUBJECT', subject }), value: encodeJson({ subject }) })
    }
  }
  const key = encodeKey({ keytype: 'MODE', subject: scope, nullSubject: svc.state.nullSubjectKeys.MODE })
  records.push({ key, value: encodeJson(scope === null ? { mode } : { subject: scope, mode }) })
  return { records, result: { mode } }
}

export function decideDeleteMode(svc: Service, scope: string | null): Decision<{ mode: string }> {
  checkScopeSubject(scope)
  if (!svc.defaults.modeMutability) throw operationNotPermitted('Mode changes are not allowed')
  const previous = svc.state.modes.get(scope)
  if (scope !== null && !previous) throw subjectNotFound(scope)
  const key = encodeKey({ keytype: 'MODE', subject: scope, nullSubject: svc.state.nullSubjectKeys.MODE })
  return { records: previous ? [{ key, value: null }] : [], result: { mode: previous ?? 'READWRITE' } }
}

export function subjectMode(svc: Service, scope: string | null, defaultToGlobal: boolean): { mode: string } {
  if (scope === null) return { mode: svc.state.modes.get(null) ?? 'READWRITE' }
  const mode = svc.state.modes.get(scope)
  if (mode) return { mode }
  if (!defaultToGlobal) throw subjectModeNotConfigured(scope)
  return { mode: effectiveMode(svc, scope) }
}

function subjectsInScope(svc: Service, scope: string | null): string[] {
  const all = svc.state.subjectNames()
  if (scope === null) return all
  const q = qualifySubject(scope)
  if (q.name === '') return all.filter((s) => qualifySubject(s).context === q.context)
  return all.filter((s) => s === scope)
}

// -------------------------------------------------------------------------------------------- register

export interface RegisterOptions {
  readonly normalize: boolean
  /** 8.x `force=true`: skip the compatibility check. */
  readonly force?: boolean
}

/** POST /subjects/{subject}/versions (spec 2.3). */
export function decideRegister(svc: Service, subject: string, request: RegisterRequest, options: RegisterOptions): Decision<Registered> {
  if (!isValidSubject(subject) || qualifySubject(subject).name === '') throw invalidSubject(subject)
  const { context, qualified } = qualifySubject(subject)
  const mode = effectiveMode(svc, qualified)
  const config = effectiveConfig(svc, qualified)
  const normalize = mode !== 'IMPORT' && (options.normalize || config.normalize === true)
  const existing = svc.state.versionsOf(qualified)
  if (request.schema.trim() === '') throw invalidSchema('Empty schema')
  const parsed = svc.schemas.parseRequest(request, context, normalize)
  const hash = contentHash(parsed.canonical, parsed.references, request.metadata, request.ruleSet)
  const knownId = svc.state.idForHash(context, hash)

  // Fast path: the subject already holds this content as a live version — no mode or compatibility check.
  const same = existing.find((v) => !v.deleted && v.id === knownId && (request.id === undefined || request.id === v.id))
  if (same) return { records: [], result: registered(same) }

  if (mode === 'READONLY' || mode === 'READONLY_OVERRIDE') throw operationNotPermitted(`Subject ${qualified} is in read-only mode`)
  if (request.id !== undefined && request.id >= 0 && mode !== 'IMPORT') {
    throw operationNotPermitted(`Subject ${qualified} is not in import mode`)
  }
  if ((request.id === undefined || request.id < 0) && mode !== 'READWRITE') {
    throw operationNotPermitted(`Subject ${qualified} is in ${mode.toLowerCase()} mode; a schema id is required`)
  }

  const nextVersion = existing.length > 0 ? existing[existing.length - 1].version + 1 : 1
  let version = nextVersion
  if (request.version !== undefined && request.version > 0) {
    if (mode === 'IMPORT') {
      version = request.version
      const atVersion = svc.state.getVersion(qualified, version)
      if (atVersion && atVersion.id !== request.id) {
        throw operationNotPermitted(`Overwrite new schema with version ${version} for subject ${qualified} is not permitted`)
      }
    } else if (request.version !== nextVersion) {
      throw invalidSchema(`Version ${request.version} is not one more than the last version of subject ${qualified}`)
    }
  }

  let id: number
  if (mode === 'IMPORT') {
    id = request.id as number
    const holder = svc.state.schemaById(context, id)
    if (holder && holder.hash !== hash) {
      throw operationNotPermitted(`Overwrite new schema with id ${id} is not permitted: the id names a different schema`)
    }
  } else {
    id = knownId ?? nextFreeId(svc, context)
  }

  if (mode !== 'IMPORT' && !options.force) {
    const previous = existing.filter((v) => !v.deleted && inCompatibilityGroup(config.compatibilityGroup, v, request))
    const result = checkAgainst(svc, parseLevel(config.compatibilityLevel), parsed, previous, config)
    if (!result.compatible) throw incompatibleSchema(qualified, result.messages)
  }

  const records: LogRecord[] = []
  // R-REREG: older soft-deleted versions of this content disappear when it is registered again.
  for (const v of existing) {
    if (v.deleted && v.id === id && v.version < version && svc.state.referrersOf(v.subject, v.version).length === 0) {
      records.push(schemaTombstone(v))
    }
  }
  const stored: StoredVersion = {
    subject: qualified,
    context,
    version,
    id,
    schemaType: request.schemaType,
    schema: parsed.canonical,
    references: parsed.references,
    metadata: request.metadata,
    ruleSet: request.ruleSet,
    deleted: false,
  }
  records.push({
    key: encodeKey({ keytype: 'SCHEMA', subject: qualified, version, magic: 1 }),
    value: encodeSchemaValue(stored),
  })
  return { records, result: registered(stored) }
}

function nextFreeId(svc: Service, context: string): number {
  let id = svc.state.maxId(context) + 1
  while (svc.state.schemaById(context, id)) id++
  return id
}

function registered(v: StoredVersion): Registered {
  return { id: v.id, version: v.version, schema: v.schema, schemaType: v.schemaType, references: v.references }
}

/** Compatibility groups (spec compatibility 1.2): only versions whose metadata has the same group value count. */
function inCompatibilityGroup(group: string | undefined, v: StoredVersion, request: RegisterRequest): boolean {
  if (!group) return true
  return metadataProperty(v.metadata, group) === metadataProperty(request.metadata, group)
}

function metadataProperty(metadata: unknown, name: string): unknown {
  const properties = (metadata as { properties?: Record<string, unknown> } | undefined)?.properties
  return properties?.[name]
}

/** Checks a parsed schema against live versions (oldest first) at a level. */
export function checkAgainst(
  svc: Service,
  level: CompatibilityLevel,
  candidate: ParsedSchema,
  previous: readonly StoredVersion[],
  config: ConfigValue,
): CompatibilityResult {
  if (level === 'NONE' || previous.length === 0) return { compatible: true, messages: [] }
  const transitive = level.endsWith('_TRANSITIVE')
  const relevant = transitive ? previous : previous.slice(-1)
  const parsedPrevious = relevant.map((v) => ({ version: v.version, schema: svc.schemas.parseStored(storedContent(svc, v)) }))
  return checkCompatibility((t) => svc.schemas.format(t), level, candidate, parsedPrevious, {
    policy: config.compatibilityPolicy === 'LENIENT' ? 'LENIENT' : 'STRICT',
    validateFields: config.validateFields === true,
  })
}

function storedContent(svc: Service, v: StoredVersion) {
  const content = svc.state.schemaById(v.context, v.id)
  if (!content) throw schemaNotFound(`Schema ${v.id} not found`)
  return content
}

// --------------------------------------------------------------------------------------------- deletes

/** DELETE /subjects/{subject}/versions/{version} (spec 3.8): answers the deleted version number. */
export function decideDeleteVersion(svc: Service, subject: string, selector: VersionSelector, permanent: boolean): Decision<number> {
  const { qualified } = qualifySubject(subject)
  const all = svc.state.versionsOf(qualified)
  if (all.length === 0) throw subjectNotFound(qualified)
  const target = selector === 'latest' ? svc.state.latestLive(qualified) : svc.state.getVersion(qualified, selector)
  if (!target) {
    if (selector === 'latest') throw subjectNotFound(qualified)
    throw versionNotFound(qualified, selector)
  }
  if (target.deleted && !permanent) throw versionSoftDeleted(qualified, target.version)
  refuseWhenReadOnly(svc, qualified)
  const referrers = svc.state.referrersOf(qualified, target.version).filter((r) => permanent || !r.deleted)
  if (referrers.length > 0) {
    throw referenceExists(`One or more references exist to the schema {subject=${qualified},version=${target.version}}`)
  }
  if (permanent && !target.deleted) throw versionNotSoftDeleted(qualified, target.version)
  const records = permanent
    ? [schemaTombstone(target), ...(all.length === 1 ? subjectSettingsTombstones(svc, qualified) : [])]
    : [schemaRecord({ ...target, deleted: true })]
  return { records, result: target.version }
}

/** DELETE /subjects/{subject} (spec 3.10): answers the versions deleted. */
export function decideDeleteSubject(svc: Service, subject: string, permanent: boolean): Decision<number[]> {
  const { qualified } = qualifySubject(subject)
  const all = svc.state.versionsOf(qualified)
  if (all.length === 0) throw subjectNotFound(qualified)
  const live = all.filter((v) => !v.deleted)
  if (!permanent && live.length === 0) throw subjectSoftDeleted(qualified)
  if (permanent && live.length > 0) throw subjectNotSoftDeleted(qualified)
  refuseWhenReadOnly(svc, qualified)
  for (const v of all) {
    const outside = svc.state.referrersOf(qualified, v.version).filter((r) => r.subject !== qualified && (permanent || !r.deleted))
    if (outside.length > 0) {
      throw referenceExists(`One or more references exist to the schema {subject=${qualified},version=${v.version}}`)
    }
  }
  if (!permanent) {
    const highest = live[live.length - 1].version
    return {
      records: [{ key: encodeKey({ keytype: 'DELETE_SUBJECT', subject: qualified }), value: encodeJson({ subject: qualified, version: highest }) }],
      result: live.map((v) => v.version),
    }
  }
  return {
    records: [...all.map(schemaTombstone), ...subjectSettingsTombstones(svc, qualified)],
    result: all.map((v) => v.version),
  }
}

function schemaRecord(v: StoredVersion): LogRecord {
  return { key: encodeKey({ keytype: 'SCHEMA', subject: v.subject, version: v.version, magic: 1 }), value: encodeSchemaValue(v) }
}

function schemaTombstone(v: StoredVersion): LogRecord {
  return { key: encodeKey({ keytype: 'SCHEMA', subject: v.subject, version: v.version, magic: 1 }), value: null }
}

/** When a subject's last version is hard-deleted, its config and mode go too (spec 2.6). */
function subjectSettingsTombstones(svc: Service, subject: string): LogRecord[] {
  const records: LogRecord[] = []
  if (svc.state.configs.has(subject)) records.push({ key: encodeKey({ keytype: 'CONFIG', subject, nullSubject: false }), value: null })
  if (svc.state.modes.has(subject)) records.push({ key: encodeKey({ keytype: 'MODE', subject, nullSubject: false }), value: null })
  return records
}
