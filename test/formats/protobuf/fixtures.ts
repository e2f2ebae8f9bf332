// Loads the Protobuf fixture files (test/fixtures/protobuf) and turns their referenced files into the
// reference lookup a format receives from the registry.

import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { ReferenceLookup, SchemaReference } from '../../../src/formats/format.ts'

export interface FixtureReference extends SchemaReference {
  /** The referenced schema text, or a file name to load it from (see `fileText`). */
  readonly schema?: string
  readonly file?: string
}

export interface DiffCase {
  readonly upstream: string
  readonly description: string
  readonly original: string | { readonly file: string }
  readonly update: string | { readonly file: string }
  readonly originalReferences?: readonly FixtureReference[]
  readonly updateReferences?: readonly FixtureReference[]
  readonly changes: readonly string[]
  readonly compatible: boolean
  readonly unreleased?: boolean
}

const readFixture = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../../fixtures/protobuf/${name}`, import.meta.url), 'utf8')) as T

export const confluentCases = readFixture<{ cases: DiffCase[]; files: Record<string, string> }>('confluent-diff-cases.json')
export const confluentTypes = readFixture<{ files: Record<string, string> }>('confluent-types.json')
export const karapace = readFixture<{
  dependencyImportPath: string
  facts: { reader: string; writer: string; compatible: boolean; changes: string[] }[]
  files: Record<string, string>
}>('karapace.json')

const require = createRequire(import.meta.url)

/** A file named by the fixtures: a Confluent resource, a confluent/ type, or a file protobufjs ships. */
export function fileText(name: string): string {
  if (name.startsWith('protobufjs:')) return readFileSync(require.resolve(`protobufjs/${name.slice('protobufjs:'.length)}`), 'utf8')
  const text = confluentCases.files[name] ?? confluentTypes.files[name]
  if (text === undefined) throw new Error(`no fixture file ${name}`)
  return text
}

export const schemaText = (schema: string | { readonly file: string }): string => (typeof schema === 'string' ? schema : fileText(schema.file))

/**
 * A lookup serving the given references as registered schemas. A referenced schema's own references are the
 * other given references it imports, as the registry would have stored them.
 */
export function lookupOf(references: readonly FixtureReference[]): ReferenceLookup {
  const texts = new Map(references.map((r) => [r.name, r.schema ?? fileText(r.file ?? r.name)]))
  return (reference) => {
    const text = texts.get(reference.name)
    if (text === undefined) return undefined
    const imported = references.filter((r) => r.name !== reference.name && text.includes(`"${r.name}"`))
    return { schemaType: 'PROTOBUF', schema: text, references: imported.map(({ name, subject, version }) => ({ name, subject, version })) }
  }
}

export const referencesOf = (references: readonly FixtureReference[] = []): SchemaReference[] =>
  references.map(({ name, subject, version }) => ({ name, subject, version }))
