// Turns JSON Schema text plus its references into a JsonSchema, as Confluent's JsonSchemaProvider does.
// The text is read keeping key order and number spelling (that is the canonical text), checked against its
// draft's meta-schema, its `$ref`s resolved across the referenced documents, and modelled for the compatibility
// check. The ajv validator is compiled on first use only, so loading many stored schemas stays cheap.

import type { ValidateFunction } from 'ajv'
import { invalidSchema } from '../../errors.ts'
import { DEFAULT_MAX_DEPTH } from '../format.ts'
import type { ParsedSchema, ParseOptions, ReferenceLookup, SchemaReference } from '../format.ts'
import { readJson } from '../json-document/read.ts'
import { isJsonArray, isJsonObject, JsonNumber } from '../json-document/value.ts'
import type { Json, JsonObject } from '../json-document/value.ts'
import { writeJson } from '../json-document/write.ts'
import { normalizeReferences } from '../references.ts'
import { buildModel } from './build-model.ts'
import { checkAgainstMetaSchema, compileValidator } from './compile.ts'
import type { SchemaDocument } from './documents.ts'
import { loadDocuments } from './documents.ts'
import type { Draft } from './drafts.ts'
import type { SchemaNode } from './model.ts'
import { reachSchemas } from './reach.ts'
import { SchemaIndex } from './resolver.ts'

export interface JsonSchema extends ParsedSchema {
  readonly schemaType: 'JSON'
  readonly draft: Draft
  /** The schema document (normalized when asked), keys in order, numbers as written. */
  readonly document: Json
  /** The typed tree the compatibility check walks. */
  readonly model: SchemaNode
  /** The ajv validator, compiled on the first call and kept. Throws 42201 if ajv cannot compile the schema. */
  validator(): ValidateFunction
}

export function parseJsonSchema(
  text: string,
  references: readonly SchemaReference[],
  lookup: ReferenceLookup,
  options: ParseOptions = {},
): JsonSchema {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH
  let document = readJson(text, { maxDepth })
  if (!isJsonObject(document)) throw invalidSchema(`a JSON schema must be a JSON object, not ${describeValue(document)}`)
  // Confluent normalizes by re-reading its canonical text into sorted maps; everything after sees that document.
  if (options.normalize === true) document = readJson(writeJson(document, { sortKeys: true }), { maxDepth })
  const documents = loadDocuments(document, references, lookup, maxDepth)
  if (options.submitted === true) checkAgainstMetaSchema(documents[0])
  const index = new SchemaIndex(documents)
  const reachable = reachSchemas(index, documents[0])
  const model = buildModel(index, reachable, index.root(documents[0]))
  return new JsonSchemaObject(
    writeJson(document),
    options.normalize === true ? normalizeReferences(references) : references,
    documents,
    model,
    reachable.crossDocumentRefs,
  )
}

function describeValue(value: Json): string {
  if (value === null) return 'null'
  if (isJsonArray(value)) return 'an array'
  if (value instanceof JsonNumber) return 'a number'
  return `a ${typeof value}`
}


class JsonSchemaObject implements JsonSchema {
  readonly schemaType = 'JSON' as const
  readonly draft: Draft
  readonly document: Json
  private compiled: ValidateFunction | undefined

  constructor(
    readonly canonical: string,
    readonly references: readonly SchemaReference[],
    private readonly documents: readonly SchemaDocument[],
    readonly model: SchemaNode,
    private readonly crossDocumentRefs: ReadonlyMap<JsonObject, string>,
  ) {
    this.draft = documents[0].draft
    this.document = documents[0].root
  }

  validator(): ValidateFunction {
    this.compiled ??= compileValidator(this.documents, this.crossDocumentRefs)
    return this.compiled
  }
}
