// ajv for JSON Schema documents: checking a schema against its draft's meta-schema, and compiling a validator.
// One ajv class per draft family (draft-04 documents are translated to draft-07, since ajv 8 dropped draft-04);
// `strict: false`, as Confluent accepts unknown keywords. Validators are compiled once, in a fresh ajv instance
// each, because versions of one subject usually share their `$id` and ajv holds one schema per `$id`.

import { createRequire } from 'node:module'
import { Ajv } from 'ajv'
import type { AnySchemaObject, ValidateFunction } from 'ajv'
import { Ajv2019 } from 'ajv/dist/2019.js'
import { Ajv2020 } from 'ajv/dist/2020.js'
import formats from 'ajv-formats'
import { invalidSchema } from '../../errors.ts'
import { isJsonObject } from '../json-document/value.ts'
import type { Json, JsonObject } from '../json-document/value.ts'
import { describeAjvError, mostSpecific } from './ajv-messages.ts'
import type { SchemaDocument } from './documents.ts'
import type { Draft } from './drafts.ts'
import { idKeyword, isModern } from './drafts.ts'
import { toPlain } from './json-values.ts'
import { DOCUMENT_KEY } from './reach.ts'
import { pointerText } from './resolver.ts'
import { subschemas } from './schema-walk.ts'

const require = createRequire(import.meta.url)
const DRAFT_06_META = require('ajv/dist/refs/json-schema-draft-06.json') as AnySchemaObject

const META_SCHEMA: Record<Draft, string> = {
  'draft-04': 'http://json-schema.org/draft-07/schema',
  'draft-06': 'http://json-schema.org/draft-06/schema',
  'draft-07': 'http://json-schema.org/draft-07/schema',
  '2019-09': 'https://json-schema.org/draft/2019-09/schema',
  '2020-12': 'https://json-schema.org/draft/2020-12/schema',
}

// Patterns are Java regexes in Confluent; without the `u` flag JavaScript accepts more of them (`\_`, `\-`).
const OPTIONS = { strict: false, logger: false, unicodeRegExp: false } as const

function newAjv(draft: Draft, options: Record<string, unknown>): Ajv {
  if (draft === '2019-09') return new Ajv2019({ ...OPTIONS, ...options })
  if (draft === '2020-12') return new Ajv2020({ ...OPTIONS, ...options })
  const ajv = new Ajv({ ...OPTIONS, ...options })
  ajv.addMetaSchema(DRAFT_06_META)
  return ajv
}

// Meta-schema checks share one instance per draft; `format` is not checked there, so that a `$ref` or `$id`
// that is not a strict URI reference passes, as it does in Confluent.
const metaCheckers = new Map<Draft, Ajv>()

/** Throws 42201 naming the first place where the root document breaks its draft's meta-schema. */
export function checkAgainstMetaSchema(document: SchemaDocument): void {
  let ajv = metaCheckers.get(document.draft)
  if (ajv === undefined) metaCheckers.set(document.draft, (ajv = newAjv(document.draft, { validateFormats: false })))
  const validate = ajv.getSchema(META_SCHEMA[document.draft])
  if (validate === undefined || validate(forAjv(document, new Map())) === true) return
  const error = mostSpecific(validate.errors ?? [])
  if (error === undefined) return
  const segments = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
  const keyword = segments.pop()
  const where = keyword === undefined ? 'at #' : `at ${pointerText(segments)}: "${keyword}"`
  throw invalidSchema(`${where} ${describeAjvError(error)} (${document.draft})`)
}

/**
 * Compiles the validator of a schema made of `documents` (the root first). Cross-document `$ref`s are handed
 * over rewritten to the keys the documents are added under. Throws 42201 if ajv still refuses the schema.
 */
export function compileValidator(documents: readonly SchemaDocument[], crossDocumentRefs: ReadonlyMap<JsonObject, string>): ValidateFunction {
  try {
    const ajv = newAjv(documents[0].draft, { allErrors: true, validateSchema: false })
    formats.default(ajv)
    for (const document of documents) ajv.addSchema(forAjv(document, crossDocumentRefs), `${DOCUMENT_KEY}${document.index}`)
    const validate = ajv.getSchema(`${DOCUMENT_KEY}0`)
    if (validate === undefined) throw new Error('the schema was not added')
    return validate
  } catch (error) {
    throw invalidSchema(`ajv cannot compile the schema: ${(error as Error).message}`)
  }
}

/**
 * The document as ajv takes it: plain values, no `$schema` (the instance decides the draft), cross-document
 * `$ref`s rewritten, and before 2019-09 no `$id` beside a `$ref` (void by the spec; ajv would apply it), with
 * draft-04 written as draft-07.
 */
function forAjv(document: SchemaDocument, crossDocumentRefs: ReadonlyMap<JsonObject, string>): AnySchemaObject {
  const { draft } = document
  const schemas = isModern(draft) ? undefined : schemaObjects(document.root, draft)
  return toPlain(document.root, (object) => {
    let result = object
    const ref = crossDocumentRefs.get(object)
    if (ref !== undefined) result = new Map(result).set('$ref', ref)
    if (schemas?.has(object) === true) {
      if (typeof result.get('$ref') === 'string' && result.has(idKeyword(draft))) result = without(result, idKeyword(draft))
      if (draft === 'draft-04') result = fromDraft04(result)
    }
    if (object === document.root && result.has('$schema')) result = without(result, '$schema')
    return result
  }) as AnySchemaObject
}

/** Every schema object of a document (keyword positions only, definitions included). */
function schemaObjects(root: Json, draft: Draft): Set<JsonObject> {
  const found = new Set<JsonObject>()
  const visit = (value: Json): void => {
    if (!isJsonObject(value) || found.has(value)) return
    found.add(value)
    for (const child of subschemas(value, draft, true)) visit(child.value)
  }
  visit(root)
  return found
}

/** Draft-04 in draft-07 words: `id` is `$id`, and a boolean exclusive limit turns its bound exclusive. */
function fromDraft04(schema: JsonObject): JsonObject {
  const result = new Map(schema)
  const id = result.get('id')
  if (typeof id === 'string') {
    result.delete('id')
    if (!result.has('$id')) result.set('$id', id)
  }
  for (const [bound, flag] of [['maximum', 'exclusiveMaximum'], ['minimum', 'exclusiveMinimum']] as const) {
    const exclusive = result.get(flag)
    if (typeof exclusive !== 'boolean') continue
    const limit = result.get(bound)
    result.delete(flag)
    if (exclusive && limit !== undefined) {
      result.delete(bound)
      result.set(flag, limit)
    }
  }
  return result
}

function without(object: JsonObject, key: string): JsonObject {
  const copy = new Map(object)
  copy.delete(key)
  return copy
}
