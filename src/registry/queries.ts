// The registry's read side: every GET and the lookup/compatibility POSTs, answered from state (spec 3).

import {
  invalidSchema,
  schemaIdNotFound,
  schemaNotFound,
  subjectCompatibilityNotConfigured,
  subjectNotFound,
  versionNotFound,
} from '../errors.ts'
import type { SchemaReference } from '../formats/format.ts'
import { qualifySubject } from './model/subject.ts'
import {
  checkAgainst,
  configForGet,
  effectiveConfig,
  parseLevel,
  type RegisterRequest,
  type Service,
  type VersionSelector,
} from './service.ts'
import { contentHash, type SchemaContent, type StoredVersion } from './state.ts'

/** The Schema object of the REST API; schemaType and empty lists are omitted (spec 1.4). */
export interface SchemaView {
  subject: string
  version: number
  id: number
  schemaType?: string
  references?: SchemaReference[]
  metadata?: unknown
  ruleSet?: unknown
  schema: string
}

export interface DeletedFilter {
  /** Soft-deleted versions count as visible. */
  readonly deleted: boolean
  /** Only soft-deleted versions count (wins over `deleted`). */
  readonly deletedOnly?: boolean
}

/** schemaType (omitted for AVRO) and references (omitted when empty), as every schema answer carries them. */
export function schemaTypeAndReferences(s: { schemaType: string; references: readonly SchemaReference[] }): {
  schemaType?: string
  references?: SchemaReference[]
} {
  const out: { schemaType?: string; references?: SchemaReference[] } = {}
  if (s.schemaType !== 'AVRO') out.schemaType = s.schemaType
  if (s.references.length > 0) out.references = s.references.map((r) => ({ ...r }))
  return out
}

export function schemaView(v: StoredVersion, schemaText = v.schema): SchemaView {
  const view: SchemaView = { subject: v.subject, version: v.version, id: v.id, ...schemaTypeAndReferences(v), schema: schemaText }
  if (v.metadata !== undefined && v.metadata !== null) view.metadata = v.metadata
  if (v.ruleSet !== undefined && v.ruleSet !== null) view.ruleSet = v.ruleSet
  return view
}

const visible = (v: StoredVersion, f: DeletedFilter) => (f.deletedOnly ? v.deleted : f.deleted || !v.deleted)

export interface Page {
  readonly offset: number
  readonly limit: number
}

export function paginate<T>(items: T[], page: Page): T[] {
  const start = Math.max(0, page.offset)
  return page.limit > 0 ? items.slice(start, start + page.limit) : items.slice(start)
}

/** GET /subjects (spec 3.2). */
export function listSubjects(svc: Service, prefix: string | undefined, filter: DeletedFilter): string[] {
  return svc.state.subjectNames().filter((s) => {
    if (prefix !== undefined && !matchesPrefix(s, prefix)) return false
    const versions = svc.state.versionsOf(s)
    return filter.deletedOnly ? versions.every((v) => v.deleted) : versions.some((v) => visible(v, filter))
  })
}

/** A prefix in a named context (`:.ctx:ord`) matches that context only; otherwise the default context. */
function matchesPrefix(subject: string, prefix: string): boolean {
  if (prefix === ':*:') return true
  const p = qualifySubject(prefix)
  const s = qualifySubject(subject)
  return s.context === p.context && s.name.startsWith(p.name)
}

/** GET /subjects/{subject}/versions (spec 3.3). */
export function listVersions(svc: Service, subject: string, filter: DeletedFilter): number[] {
  const { qualified } = qualifySubject(subject)
  const versions = svc.state.versionsOf(qualified).filter((v) => visible(v, filter))
  if (versions.length === 0) throw subjectNotFound(qualified)
  return versions.map((v) => v.version)
}

/** GET /subjects/{subject}/versions/{version} (spec 3.5): `latest` never resolves to a soft-deleted version. */
export function getVersion(svc: Service, subject: string, selector: VersionSelector, deleted: boolean): StoredVersion {
  const { qualified } = qualifySubject(subject)
  const all = svc.state.versionsOf(qualified)
  if (selector === 'latest') {
    const latest = svc.state.latestLive(qualified)
    if (!latest) throw subjectNotFound(qualified)
    return latest
  }
  if (!all.some((v) => deleted || !v.deleted)) throw subjectNotFound(qualified)
  const v = svc.state.getVersion(qualified, selector)
  if (!v || (v.deleted && !deleted)) throw versionNotFound(qualified, selector)
  return v
}

/** GET /subjects/{subject}/versions/{version}/referencedby (spec 3.7): ids of referrers, ascending. */
export function referencedBy(svc: Service, subject: string, selector: VersionSelector, deleted: boolean): number[] {
  const target = getVersion(svc, subject, selector, true)
  const ids = svc.state
    .referrersOf(target.subject, target.version)
    .filter((r) => deleted || !r.deleted)
    .map((r) => r.id)
  return [...new Set(ids)].sort((a, b) => a - b)
}

/** The content behind an id, in the context of `subject` (default context when absent). */
export function schemaById(svc: Service, id: number, subject: string | undefined): SchemaContent {
  const context = subject === undefined ? '.' : qualifySubject(subject).context
  const content = svc.state.schemaById(context, id)
  if (!content) throw schemaIdNotFound(id)
  return content
}

export function contentView(content: SchemaContent, schemaText = content.schema): Record<string, unknown> {
  const view: Record<string, unknown> = { schema: schemaText, ...schemaTypeAndReferences(content) }
  if (content.metadata !== undefined && content.metadata !== null) view.metadata = content.metadata
  if (content.ruleSet !== undefined && content.ruleSet !== null) view.ruleSet = content.ruleSet
  return view
}

/** The versions that carry an id (spec 3.13), sorted by subject then version. */
export function versionsOfId(svc: Service, content: SchemaContent, deleted: boolean): StoredVersion[] {
  return [...content.holders]
    .filter((v) => deleted || !v.deleted)
    .sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : a.version - b.version))
}

/** GET /schemas (spec 3.14). */
export function listSchemas(
  svc: Service,
  options: { prefix?: string; deleted: boolean; latestOnly: boolean },
): StoredVersion[] {
  const out: StoredVersion[] = []
  for (const subject of svc.state.subjectNames()) {
    if (options.prefix !== undefined && !matchesPrefix(subject, options.prefix)) continue
    const versions = svc.state.versionsOf(subject).filter((v) => options.deleted || !v.deleted)
    if (options.latestOnly) {
      if (versions.length > 0) out.push(versions[versions.length - 1])
    } else out.push(...versions)
  }
  return out
}

/** POST /subjects/{subject} (spec 2.4). */
export function lookupSchema(svc: Service, subject: string, request: RegisterRequest, options: { normalize: boolean; deleted: boolean }): StoredVersion {
  const { context, qualified } = qualifySubject(subject)
  const config = effectiveConfig(svc, qualified)
  const parsed = svc.schemas.parseRequest(request, context, options.normalize || config.normalize === true)
  const hash = contentHash(parsed.canonical, parsed.references, request.metadata, request.ruleSet)
  const candidates = svc.state.versionsOf(qualified).filter((v) => options.deleted || !v.deleted)
  if (candidates.length === 0) throw subjectNotFound(qualified)
  const id = svc.state.idForHash(context, hash)
  const hits = candidates.filter((v) => v.id === id)
  const found = hits.find((v) => !v.deleted) ?? hits[hits.length - 1]
  if (!found) throw schemaNotFound('Schema not found')
  return found
}

export interface CompatibilityAnswer {
  is_compatible: boolean
  messages?: string[]
}

/** POST /compatibility/subjects/{subject}/versions[/{version}] (spec 3.17). Never writes. */
export function testCompatibility(
  svc: Service,
  subject: string,
  selector: VersionSelector | undefined,
  request: RegisterRequest,
  options: { normalize: boolean; verbose: boolean },
): CompatibilityAnswer {
  const { context, qualified } = qualifySubject(subject)
  const config = effectiveConfig(svc, qualified)
  const live = svc.state.liveVersionsOf(qualified)
  let previous: StoredVersion[]
  if (selector === undefined) previous = live
  else if (selector === 'latest') previous = live.slice(-1)
  else {
    const v = svc.state.getVersion(qualified, selector)
    if (!v || v.deleted) throw versionNotFound(qualified, selector)
    previous = [v]
  }
  let parsed
  try {
    if (request.schema.trim() === '') throw invalidSchema('Empty schema')
    parsed = svc.schemas.parseRequest(request, context, options.normalize || config.normalize === true)
  } catch (err) {
    if (!options.verbose) throw err
    return { is_compatible: false, messages: [(err as Error).message] }
  }
  const level = parseLevel(config.compatibilityLevel)
  // With an explicit version, the one version is checked even under a transitive level.
  const result = checkAgainst(svc, selector === undefined ? level : nonTransitive(level), parsed, previous, config)
  return options.verbose ? { is_compatible: result.compatible, messages: result.messages } : { is_compatible: result.compatible }
}

const nonTransitive = (level: ReturnType<typeof parseLevel>) => level.replace('_TRANSITIVE', '') as ReturnType<typeof parseLevel>

/** GET /config/{subject} (spec 3.16). */
export function subjectConfig(svc: Service, scope: string | null, defaultToGlobal: boolean): Record<string, unknown> {
  if (scope === null) return configForGet(effectiveConfig(svc, null))
  const config = svc.state.configs.get(scope)
  if (config && !defaultToGlobal) return configForGet(config)
  if (!defaultToGlobal) throw subjectCompatibilityNotConfigured(scope)
  return configForGet(effectiveConfig(svc, scope))
}
