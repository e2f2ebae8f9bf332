// Which JSON Schema draft a document is written in, and what each draft's keywords mean for us.
// Confluent picks the draft from `$schema` with an exact URL table (trailing `#` ignored) and falls back to
// draft-07 for a missing or unknown URL; the sniffing keyword lists are everit's (drafts 4-7) and json-sKema's
// (2019-09 and 2020-12, whose documents Confluent translates into the same everit tree).

import { isJsonObject } from '../json-document/value.ts'
import type { Json } from '../json-document/value.ts'

export type Draft = 'draft-04' | 'draft-06' | 'draft-07' | '2019-09' | '2020-12'

const DRAFT_URLS: ReadonlyMap<string, Draft> = new Map<string, Draft>([
  ['http://json-schema.org/draft-04/schema', 'draft-04'],
  ['https://json-schema.org/draft-04/schema', 'draft-04'],
  ['http://json-schema.org/schema', 'draft-04'],
  ['https://json-schema.org/schema', 'draft-04'],
  ['http://json-schema.org/draft-06/schema', 'draft-06'],
  ['https://json-schema.org/draft-06/schema', 'draft-06'],
  ['http://json-schema.org/draft-07/schema', 'draft-07'],
  ['https://json-schema.org/draft-07/schema', 'draft-07'],
  ['http://json-schema.org/draft/2019-09/schema', '2019-09'],
  ['https://json-schema.org/draft/2019-09/schema', '2019-09'],
  ['http://json-schema.org/draft/2020-12/schema', '2020-12'],
  ['https://json-schema.org/draft/2020-12/schema', '2020-12'],
])

/** The draft named by the document's `$schema`; draft-07 when there is none or it is not one we know. */
export function draftOf(document: Json): Draft {
  const url = isJsonObject(document) ? document.get('$schema') : undefined
  if (typeof url !== 'string') return 'draft-07'
  return DRAFT_URLS.get(url.endsWith('#') ? url.slice(0, -1) : url) ?? 'draft-07'
}

/** Drafts 2019-09 and 2020-12: `$ref` sits beside other keywords, `$id` never holds a plain-name anchor. */
export const isModern = (draft: Draft): boolean => draft === '2019-09' || draft === '2020-12'

/** The keyword that names a schema resource (and, in drafts 4-7, a plain-name anchor `#name`). */
export const idKeyword = (draft: Draft): string => (draft === 'draft-04' ? 'id' : '$id')

export const NUMBER_KEYWORDS: readonly string[] = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']

/** String keywords; json-sKema drops `format`, so in 2019-09/2020-12 it alone does not make a string schema. */
export const stringKeywords = (draft: Draft): readonly string[] =>
  isModern(draft) ? ['minLength', 'maxLength', 'pattern'] : ['minLength', 'maxLength', 'pattern', 'format']

const ARRAY_KEYWORDS: Record<Draft, readonly string[]> = {
  'draft-04': ['items', 'additionalItems', 'minItems', 'maxItems', 'uniqueItems'],
  'draft-06': ['items', 'additionalItems', 'minItems', 'maxItems', 'uniqueItems', 'contains'],
  'draft-07': ['items', 'additionalItems', 'minItems', 'maxItems', 'uniqueItems', 'contains'],
  '2019-09': ['items', 'additionalItems', 'minItems', 'maxItems', 'uniqueItems', 'contains', 'unevaluatedItems'],
  '2020-12': ['prefixItems', 'items', 'minItems', 'maxItems', 'uniqueItems', 'contains', 'unevaluatedItems'],
}

const MODERN_OBJECT_KEYWORDS = [
  'properties',
  'required',
  'minProperties',
  'maxProperties',
  'dependentRequired',
  'dependentSchemas',
  'patternProperties',
  'additionalProperties',
  'propertyNames',
  'unevaluatedProperties',
]

const OBJECT_KEYWORDS: Record<Draft, readonly string[]> = {
  'draft-04': ['properties', 'required', 'minProperties', 'maxProperties', 'dependencies', 'patternProperties', 'additionalProperties'],
  'draft-06': ['properties', 'required', 'minProperties', 'maxProperties', 'dependencies', 'patternProperties', 'additionalProperties', 'propertyNames'],
  'draft-07': ['properties', 'required', 'minProperties', 'maxProperties', 'dependencies', 'patternProperties', 'additionalProperties', 'propertyNames'],
  '2019-09': MODERN_OBJECT_KEYWORDS,
  '2020-12': MODERN_OBJECT_KEYWORDS,
}

export const arrayKeywords = (draft: Draft): readonly string[] => ARRAY_KEYWORDS[draft]
export const objectKeywords = (draft: Draft): readonly string[] => OBJECT_KEYWORDS[draft]

/**
 * Whether a keyword present in `schema` makes a schema of that kind. json-sKema produces nothing for an empty
 * `properties` or `patternProperties` map, so in 2019-09/2020-12 those alone leave the schema empty.
 */
export function hasKeywordOf(schema: ReadonlyMap<string, Json>, keywords: readonly string[], draft: Draft): boolean {
  return keywords.some((keyword) => {
    const value = schema.get(keyword)
    if (value === undefined) return false
    if (isModern(draft) && (keyword === 'properties' || keyword === 'patternProperties')) {
      return !isJsonObject(value) || value.size > 0
    }
    return true
  })
}
