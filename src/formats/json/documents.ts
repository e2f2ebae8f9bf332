// Gathers the documents a JSON schema is made of: the schema itself and, transitively, every schema its
// references name. Confluent (JsonSchema.rawSchema) flattens all references, nested ones included, into one map
// by name and registers each target under its name resolved against the root's `$id`; we do the same.

import { invalidSchema } from '../../errors.ts'
import type { ReferenceLookup, SchemaReference } from '../format.ts'
import { readJson } from '../json-document/read.ts'
import { isJsonObject } from '../json-document/value.ts'
import type { Json } from '../json-document/value.ts'
import type { Draft } from './drafts.ts'
import { draftOf, idKeyword } from './drafts.ts'

export interface SchemaDocument {
  /** Position in the document list; the root is 0. */
  readonly index: number
  /** How messages name the document: empty for the root, else the reference. */
  readonly label: string
  readonly root: Json
  readonly draft: Draft
  /** The absolute URI the document is found at, before its own `$id` applies; undefined for a reference name
   * that is no valid URI reference (such a document is still found by its exact name). */
  readonly uri: string | undefined
  /** The reference name it was loaded for (undefined for the root). */
  readonly name: string | undefined
}

/** Base of a root document without `$id`: a private scheme so that relative `$ref`s still resolve to URLs. */
const ROOT_URI = 'x-schemaport:/schema.json'

/** Resolves a URI reference against a base (none: it must be absolute); undefined when that gives no URI. */
export function resolveUri(reference: string, base: string | undefined): string | undefined {
  try {
    return new URL(reference, base).href
  } catch {
    return undefined
  }
}

/** The URI without its fragment. */
export const withoutFragment = (uri: string): string => {
  const hash = uri.indexOf('#')
  return hash < 0 ? uri : uri.slice(0, hash)
}

const describeReference = (reference: SchemaReference): string =>
  `reference '${reference.name}' (subject '${reference.subject}', version ${reference.version})`

/**
 * The root document followed by every referenced document, depth first, each name once. Throws 42201 naming a
 * reference the lookup cannot resolve, one that is not a JSON schema, or references nested deeper than
 * `maxDepth`.
 */
export function loadDocuments(
  root: Json,
  references: readonly SchemaReference[],
  lookup: ReferenceLookup,
  maxDepth: number,
): SchemaDocument[] {
  const rootDraft = draftOf(root)
  const rootId = isJsonObject(root) ? root.get(idKeyword(rootDraft)) : undefined
  const rootBase = (typeof rootId === 'string' ? resolveUri(withoutFragment(rootId), ROOT_URI) : undefined) ?? ROOT_URI
  const documents: SchemaDocument[] = [{ index: 0, label: '', root, draft: rootDraft, uri: ROOT_URI, name: undefined }]
  const visited = new Set<string>()
  const visit = (refs: readonly SchemaReference[], depth: number): void => {
    for (const reference of refs) {
      if (visited.has(reference.name)) continue
      visited.add(reference.name)
      const label = describeReference(reference)
      if (depth > maxDepth) throw invalidSchema(`${label}: references are nested deeper than ${maxDepth}`)
      const target = lookup(reference)
      if (target === undefined) throw invalidSchema(`${label} not found`)
      if (target.schemaType !== 'JSON') {
        throw invalidSchema(`${label} is of type ${target.schemaType}; a JSON schema can only reference JSON schemas`)
      }
      // Stored schemas passed the nesting limit when they were registered; the limit guards what a client sends.
      const document = readJson(target.schema, { maxDepth: Number.POSITIVE_INFINITY, label })
      const uri = resolveUri(reference.name, rootBase)
      documents.push({ index: documents.length, label, root: document, draft: draftOf(document), uri, name: reference.name })
      visit(target.references, depth + 1)
    }
  }
  visit(references, 1)
  return documents
}
