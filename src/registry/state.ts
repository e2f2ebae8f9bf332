// Registry state, derived only by folding `_schemas` records in log order (apply). No I/O, no clock: the
// same replay gives the same state on the file, memory and Kafka logs.

import { createHash } from 'node:crypto'
import type { SchemaReference, SchemaType } from '../formats/format.ts'
import type { LogRecord } from './store/schema-log.ts'
import { parseKey, parseValue, toSchemaValue, type ConfigValue } from './model/records.ts'
import { DEFAULT_CONTEXT, qualifyInContext, qualifySubject } from './model/subject.ts'

/** One subject-version as stored. */
export interface StoredVersion {
  readonly subject: string
  readonly context: string
  readonly version: number
  readonly id: number
  readonly schemaType: SchemaType
  readonly schema: string
  readonly references: readonly SchemaReference[]
  readonly metadata?: unknown
  readonly ruleSet?: unknown
  readonly deleted: boolean
}

/** Schema content with an id: what `/schemas/ids/{id}` serves, held by one or more versions. */
export interface SchemaContent {
  readonly id: number
  readonly context: string
  readonly hash: string
  readonly schemaType: SchemaType
  readonly schema: string
  readonly references: readonly SchemaReference[]
  readonly metadata?: unknown
  readonly ruleSet?: unknown
  readonly holders: Set<StoredVersion>
}

interface ContextState {
  readonly byId: Map<number, SchemaContent>
  readonly byHash: Map<string, number>
  maxId: number
}

export interface RecordProblem {
  readonly key: string
  readonly reason: string
}

/** The content hash of spec 6.3: canonical text, references, metadata and rule set; not type, not subject. */
export function contentHash(
  schema: string,
  references: readonly SchemaReference[],
  metadata?: unknown,
  ruleSet?: unknown,
): string {
  const h = createHash('md5').update(schema)
  for (const r of references) h.update(`\u0000${r.name}\u0000${r.subject}\u0000${r.version}`)
  if (metadata !== undefined && metadata !== null) h.update(`\u0001${JSON.stringify(metadata)}`)
  if (ruleSet !== undefined && ruleSet !== null) h.update(`\u0002${JSON.stringify(ruleSet)}`)
  return h.digest('base64')
}

const versionKey = (subject: string, version: number) => `${subject}\u0000${version}`

export class RegistryState {
  /** subject (qualified) → version number → stored version. */
  private readonly subjects = new Map<string, Map<number, StoredVersion>>()
  private readonly contexts = new Map<string, ContextState>()
  /** target "subject\0version" → versions that reference it. */
  private readonly referrers = new Map<string, Set<StoredVersion>>()
  /** subject → config; `null` = global. */
  readonly configs = new Map<string | null, ConfigValue>()
  readonly modes = new Map<string | null, string>()
  /** Contexts announced by CONTEXT records. */
  private readonly declaredContexts = new Set<string>()
  /** Whether the log writes global CONFIG/MODE keys as `"subject":null` (Karapace, old Confluent). */
  readonly nullSubjectKeys = { CONFIG: false, MODE: false }
  /** Records that were skipped on replay (unknown keytypes, id conflicts), for the caller to log. */
  readonly problems: RecordProblem[] = []
  private liveSchemaCount = 0

  apply(record: LogRecord): void {
    const key = parseKey(record.key)
    if (!key) {
      this.problems.push({ key: record.key, reason: 'unknown or malformed key, skipped' })
      return
    }
    const value = parseValue(record.value)
    if (value === undefined) {
      this.problems.push({ key: record.key, reason: 'malformed value, skipped' })
      return
    }
    switch (key.keytype) {
      case 'SCHEMA':
        if (value === null) this.removeVersion(key.subject, key.version)
        else this.putVersion(key, value, record.key)
        return
      case 'CONFIG':
        this.nullSubjectKeys.CONFIG ||= key.nullSubject
        if (value === null) this.configs.delete(configScope(key.subject))
        else this.configs.set(configScope(key.subject), value as ConfigValue)
        return
      case 'MODE':
        this.nullSubjectKeys.MODE ||= key.nullSubject
        if (value === null || typeof value.mode !== 'string') this.modes.delete(configScope(key.subject))
        else this.modes.set(configScope(key.subject), value.mode)
        return
      case 'DELETE_SUBJECT':
        if (value !== null && Number.isInteger(value.version)) this.softDeleteUpTo(key.subject, value.version as number)
        return
      case 'CLEAR_SUBJECT':
        if (value !== null) this.clearSoftDeleted(key.subject)
        return
      case 'CONTEXT':
        if (value === null) this.declaredContexts.delete(key.context)
        else this.declaredContexts.add(key.context)
        return
      case 'NOOP':
        return
    }
  }

  // ---- reads ----

  versionsOf(subject: string): StoredVersion[] {
    const versions = this.subjects.get(subject)
    if (!versions) return []
    return [...versions.values()].sort((a, b) => a.version - b.version)
  }

  liveVersionsOf(subject: string): StoredVersion[] {
    return this.versionsOf(subject).filter((v) => !v.deleted)
  }

  getVersion(subject: string, version: number): StoredVersion | undefined {
    return this.subjects.get(subject)?.get(version)
  }

  latestLive(subject: string): StoredVersion | undefined {
    const live = this.liveVersionsOf(subject)
    return live[live.length - 1]
  }

  subjectNames(): string[] {
    return [...this.subjects.keys()].sort()
  }

  schemaById(context: string, id: number): SchemaContent | undefined {
    return this.contexts.get(context)?.byId.get(id)
  }

  idForHash(context: string, hash: string): number | undefined {
    return this.contexts.get(context)?.byHash.get(hash)
  }

  maxId(context: string): number {
    return this.contexts.get(context)?.maxId ?? 0
  }

  /** Versions whose references point at (subject, version). */
  referrersOf(subject: string, version: number): StoredVersion[] {
    return [...(this.referrers.get(versionKey(subject, version)) ?? [])]
  }

  contextNames(): string[] {
    const names = new Set(this.declaredContexts)
    for (const [context, state] of this.contexts) if (state.byId.size > 0) names.add(context)
    names.delete(DEFAULT_CONTEXT)
    return [DEFAULT_CONTEXT, ...[...names].sort()]
  }

  counts(): { schemas: number; subjects: number } {
    let subjects = 0
    for (const versions of this.subjects.values()) {
      for (const v of versions.values()) {
        if (!v.deleted) {
          subjects++
          break
        }
      }
    }
    return { schemas: this.liveSchemaCount, subjects }
  }

  // ---- folding ----

  private putVersion(key: { subject: string; version: number }, raw: Record<string, unknown>, rawKey: string): void {
    const value = toSchemaValue(key, raw)
    if (!value) {
      this.problems.push({ key: rawKey, reason: 'SCHEMA value without schema text or id, skipped' })
      return
    }
    const { context } = qualifySubject(key.subject)
    const ctx = this.context(context)
    const references = value.references ?? []
    const hash = contentHash(value.schema, references, value.metadata, value.ruleSet)
    const holder = ctx.byId.get(value.id)
    if (holder && holder.hash !== hash) {
      // Spec 5.3: an id never names two schemas; a record that tries is ignored on replay.
      this.problems.push({ key: rawKey, reason: `id ${value.id} already names a different schema, skipped` })
      return
    }
    this.removeVersion(key.subject, key.version)
    const existing = ctx.byId.get(value.id)
    const stored: StoredVersion = {
      subject: key.subject,
      context,
      version: key.version,
      id: value.id,
      schemaType: value.schemaType ?? 'AVRO',
      schema: value.schema,
      references,
      metadata: value.metadata,
      ruleSet: value.ruleSet,
      deleted: value.deleted,
    }
    let content = existing
    if (!content) {
      content = {
        id: value.id,
        context,
        hash,
        schemaType: stored.schemaType,
        schema: value.schema,
        references,
        metadata: value.metadata,
        ruleSet: value.ruleSet,
        holders: new Set(),
      }
      ctx.byId.set(value.id, content)
      if (!ctx.byHash.has(hash)) ctx.byHash.set(hash, value.id)
      this.liveSchemaCount++
    }
    content.holders.add(stored)
    ctx.maxId = Math.max(ctx.maxId, value.id)
    let versions = this.subjects.get(key.subject)
    if (!versions) this.subjects.set(key.subject, (versions = new Map()))
    versions.set(key.version, stored)
    for (const ref of references) {
      const target = versionKey(qualifyInContext(ref.subject, context), ref.version)
      let set = this.referrers.get(target)
      if (!set) this.referrers.set(target, (set = new Set()))
      set.add(stored)
    }
  }

  private removeVersion(subject: string, version: number): void {
    const versions = this.subjects.get(subject)
    const stored = versions?.get(version)
    if (!versions || !stored) return
    versions.delete(version)
    if (versions.size === 0) this.subjects.delete(subject)
    const ctx = this.context(stored.context)
    const content = ctx.byId.get(stored.id)
    if (content) {
      content.holders.delete(stored)
      if (content.holders.size === 0) {
        // Spec 2.1: once no version carries an id, the id is forgotten (the counter keeps its maximum).
        ctx.byId.delete(stored.id)
        if (ctx.byHash.get(content.hash) === stored.id) ctx.byHash.delete(content.hash)
        this.liveSchemaCount--
      }
    }
    for (const ref of stored.references) {
      const target = versionKey(qualifyInContext(ref.subject, stored.context), ref.version)
      const set = this.referrers.get(target)
      set?.delete(stored)
      if (set?.size === 0) this.referrers.delete(target)
    }
  }

  private softDeleteUpTo(subject: string, upTo: number): void {
    const versions = this.subjects.get(subject)
    if (!versions) return
    for (const [n, v] of versions) {
      if (n <= upTo && !v.deleted) this.replaceVersion(v, { ...v, deleted: true })
    }
  }

  /** Swaps a version for an updated copy without touching its content entry or reference edges' targets. */
  private replaceVersion(old: StoredVersion, updated: StoredVersion): void {
    this.subjects.get(old.subject)?.set(old.version, updated)
    const content = this.context(old.context).byId.get(old.id)
    if (content) {
      content.holders.delete(old)
      content.holders.add(updated)
    }
    for (const ref of old.references) {
      const set = this.referrers.get(versionKey(qualifyInContext(ref.subject, old.context), ref.version))
      if (set) {
        set.delete(old)
        set.add(updated)
      }
    }
  }

  private clearSoftDeleted(subject: string): void {
    for (const v of this.versionsOf(subject)) if (v.deleted) this.removeVersion(subject, v.version)
  }

  private context(name: string): ContextState {
    let ctx = this.contexts.get(name)
    if (!ctx) this.contexts.set(name, (ctx = { byId: new Map(), byHash: new Map(), maxId: 0 }))
    return ctx
  }
}

/** Config and mode records for `:.:` address the global scope, like a key without subject. */
function configScope(subject: string | null): string | null {
  if (subject === null) return null
  const q = qualifySubject(subject)
  if (q.context === DEFAULT_CONTEXT && q.name === '') return null
  return q.qualified
}

