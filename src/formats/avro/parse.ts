// Turns Avro schema text plus its references into an AvroSchema, as Confluent's AvroSchemaProvider does.
// The referenced schemas are read first, dependencies first, into one name table; the schema's canonical text
// then names their top-level types instead of repeating them. With `normalize`, Confluent's normalized text is
// read again (against the same references) and that second reading is what is stored.

import avsc from 'avsc'
import type { Type as AvscType } from 'avsc'
import type { ParseOptions, ReferenceLookup, SchemaReference } from '../format.ts'
import { normalizeReferences } from '../references.ts'
import { canonicalText } from './canonical.ts'
import { readJson } from './json-read.ts'
import type { AvroSchema, AvroType, NamedType } from './model.ts'
import { isNamed } from './model.ts'
import { normalizedText } from './normalize.ts'
import { readDocument } from './parse-document.ts'
import { describeReference, resolveReferences } from './references.ts'
import type { ResolvedReference } from './references.ts'

const DEFAULT_MAX_DEPTH = 128

export function parseAvro(
  text: string,
  references: readonly SchemaReference[],
  lookup: ReferenceLookup,
  options: ParseOptions = {},
): AvroSchema {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH
  const resolved = resolveReferences(references, lookup)
  const read = (schemaText: string) => readWithReferences(schemaText, resolved, maxDepth, options.submitted ?? false)
  const first = read(text)
  if (options.normalize !== true) return new AvroSchemaObject(first.root, first.referencedNames, references)
  const normalized = read(normalizedText(first.root, first.referencedNames))
  return new AvroSchemaObject(normalized.root, normalized.referencedNames, normalizeReferences(references))
}

function readWithReferences(text: string, resolved: readonly ResolvedReference[], maxDepth: number, submitted: boolean) {
  const context = { types: new Map<string, NamedType>(), submitted }
  const referencedNames = new Set<string>()
  for (const { reference, schema } of resolved) {
    const label = describeReference(reference)
    // The depth limit guards what a client sends; referenced schemas are stored ones, accepted when registered.
    const root = readDocument(readJson(schema, Number.POSITIVE_INFINITY, label), context, label)
    if (isNamed(root)) referencedNames.add(root.name.full)
  }
  return { root: readDocument(readJson(text, maxDepth), context), referencedNames }
}


class AvroSchemaObject implements AvroSchema {
  readonly schemaType = 'AVRO' as const
  readonly canonical: string
  private resolvedText: string | undefined
  private codec: AvscType | undefined

  constructor(
    readonly root: AvroType,
    readonly referencedNames: ReadonlySet<string>,
    readonly references: readonly SchemaReference[],
  ) {
    this.canonical = canonicalText(root, referencedNames)
  }

  resolved(): string {
    this.resolvedText ??= canonicalText(this.root)
    return this.resolvedText
  }

  avscType(): AvscType {
    this.codec ??= avsc.Type.forSchema(JSON.parse(this.resolved()) as Parameters<typeof avsc.Type.forSchema>[0])
    return this.codec
  }
}
