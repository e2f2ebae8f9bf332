// Turns Avro schema text plus its references into an AvroSchema, as Confluent's AvroSchemaProvider does.
// The referenced schemas are read first, dependencies first, into one name table; the schema's canonical text
// then names their top-level types instead of repeating them. With `normalize`, Confluent's normalized text is
// read again (against the same references) and that second reading is what is stored.

import avsc from 'avsc'
import type { Type as AvscType } from 'avsc'
import { DEFAULT_MAX_DEPTH } from '../format.ts'
import type { ParseOptions, ReferenceLookup, SchemaReference } from '../format.ts'
import { invalidJson, readJsonPrefix } from '../json-document/read.ts'
import type { Json } from '../json-document/value.ts'
import { normalizeReferences } from '../references.ts'
import { canonicalText } from './canonical.ts'
import type { AvroSchema, AvroType, NamedType } from './model.ts'
import { isNamed } from './model.ts'
import { normalizedText } from './normalize.ts'
import { readDocument } from './parse-document.ts'
import { describeReference, resolveReferences } from './references.ts'
import type { ResolvedReference } from './references.ts'

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
    const root = readDocument(readSchemaJson(schema, Number.POSITIVE_INFINITY, label), context, label)
    if (isNamed(root)) referencedNames.add(root.name.full)
  }
  return { root: readDocument(readSchemaJson(text, maxDepth), context), referencedNames }
}

/** Reads schema text as Avro Java's Schema.Parser does: Jackson with ALLOW_COMMENTS, then its own end check. */
function readSchemaJson(text: string, maxDepth: number, label?: string): Json {
  const tooDeep = (limit: number) => `schema nesting is deeper than the limit of ${limit}`
  const { value, end } = readJsonPrefix(text, { maxDepth, label, comments: true, tooDeep })
  // Avro rejects "dangling content": what Java's trim() leaves of the text Jackson did not consume. Jackson stops
  // right after the document, before any comment, so only characters up to U+0020 may follow it.
  let rest = end
  while (rest < text.length && text.charCodeAt(rest) <= 0x20) rest++
  if (rest < text.length) throw invalidJson(text, rest, 'unexpected content after the schema', label)
  return value
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
