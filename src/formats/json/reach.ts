// Walks every schema reachable from the root (following `$ref`s into other documents) and checks it can be used:
// each `$ref` resolves and each regular expression compiles. This is where a bad schema is rejected with 42201
// naming the place, before anything is compiled; definitions nothing refers to are not looked at, as in Confluent.

import { invalidSchema } from '../../errors.ts'
import { isJsonObject } from '../json-document/value.ts'
import type { JsonObject } from '../json-document/value.ts'
import type { SchemaDocument } from './documents.ts'
import type { Location, SchemaIndex } from './resolver.ts'
import { describeLocation } from './resolver.ts'
import { subschemas } from './schema-walk.ts'

export interface ReachableSchemas {
  /** Each reachable schema object holding a `$ref`, with the location it points to. */
  readonly targets: ReadonlyMap<JsonObject, Location>
  /** The `$ref`s that point into another document, rewritten to name that document by its ajv key. */
  readonly crossDocumentRefs: ReadonlyMap<JsonObject, string>
}

/** Prefix of the keys under which documents are handed to ajv, so cross-document `$ref`s can name them. */
export const DOCUMENT_KEY = 'urn:schemaport:document:'

/** The `$ref` that reaches `target` from another document without relying on how its name resolves. */
const documentRef = (target: Location): string =>
  `${DOCUMENT_KEY}${target.document.index}#${target.segments.map((s) => `/${encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))}`).join('')}`

/** Checks everything reachable from `root`; throws 42201 naming the first unusable `$ref` or pattern. */
export function reachSchemas(index: SchemaIndex, root: SchemaDocument): ReachableSchemas {
  const targets = new Map<JsonObject, Location>()
  const crossDocumentRefs = new Map<JsonObject, string>()
  const visited = new Set<JsonObject>()
  const visit = (location: Location): void => {
    const schema = location.value
    if (!isJsonObject(schema) || visited.has(schema)) return
    visited.add(schema)
    checkPatterns(schema, location)
    const ref = schema.get('$ref')
    if (typeof ref === 'string') {
      const target = index.resolve(ref, location)
      if (target === undefined) {
        throw invalidSchema(`${describeLocation(location)}: $ref '${ref}' cannot be resolved: it is no reference name, $id or JSON pointer of this schema`)
      }
      checkNotCircular(index, schema, target, location)
      targets.set(schema, target)
      if (target.document !== location.document) crossDocumentRefs.set(schema, documentRef(target))
      visit(target)
    }
    for (const keyword of ['$dynamicRef', '$recursiveRef']) {
      // Resolved dynamically when validating, but ajv loops forever on one whose static target is missing.
      const dynamic = schema.get(keyword)
      if (typeof dynamic === 'string' && index.resolve(dynamic, location) === undefined) {
        throw invalidSchema(`${describeLocation(location)}: ${keyword} '${dynamic}' cannot be resolved`)
      }
    }
    for (const { value, segments } of subschemas(schema, location.document.draft, false)) {
      visit(index.withIdAt({ ...location, value, segments: [...location.segments, ...segments] }))
    }
  }
  visit(index.root(root))
  return { targets, crossDocumentRefs }
}

function checkPatterns(schema: JsonObject, location: Location): void {
  const pattern = schema.get('pattern')
  if (typeof pattern === 'string') checkRegExp(pattern, 'pattern', location)
  const patternProperties = schema.get('patternProperties')
  if (isJsonObject(patternProperties)) {
    for (const key of patternProperties.keys()) checkRegExp(key, 'patternProperties', location)
  }
}

function checkRegExp(source: string, keyword: string, location: Location): void {
  try {
    new RegExp(source)
  } catch (error) {
    throw invalidSchema(`${describeLocation(location)}: "${keyword}" '${source}' is not a valid regular expression (${(error as Error).message})`)
  }
}

/** A `$ref` chain that leads back to where it started describes nothing and would never end: reject it. */
function checkNotCircular(index: SchemaIndex, start: JsonObject, target: Location, location: Location): void {
  const chain = new Set<JsonObject>([start])
  let current: Location | undefined = target
  while (current !== undefined && isJsonObject(current.value)) {
    const ref = current.value.get('$ref')
    if (typeof ref !== 'string') return
    if (chain.has(current.value)) throw invalidSchema(`${describeLocation(location)}: $ref '${start.get('$ref') as string}' is circular: it leads back to itself`)
    chain.add(current.value)
    current = index.resolve(ref, current)
  }
}
