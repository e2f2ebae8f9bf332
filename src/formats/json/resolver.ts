// Resolves `$ref`s across a schema's documents: JSON pointers, `$id`-named resources and plain-name anchors.
// A `$ref` whose URL part (before `#`) is exactly a reference name goes to that referenced schema, wherever the
// referring schema's `$id` points; any other URL is resolved against the base URI in effect, as ajv and everit do.

import { invalidSchema } from '../../errors.ts'
import { isJsonArray, isJsonObject } from '../json-document/value.ts'
import type { Json, JsonObject } from '../json-document/value.ts'
import type { SchemaDocument } from './documents.ts'
import { resolveUri, withoutFragment } from './documents.ts'
import type { Draft } from './drafts.ts'
import { idKeyword, isModern } from './drafts.ts'
import { subschemas } from './schema-walk.ts'

/** A place in one of the documents. */
export interface Location {
  readonly document: SchemaDocument
  readonly value: Json
  /** JSON pointer segments from the document root. */
  readonly segments: readonly string[]
  /** The absolute base URI in effect here (undefined only inside a document without any usable URI). */
  readonly base: string | undefined
}

/** `#/a/b` as Confluent writes paths: segments joined with `/`, nothing escaped. */
export const pointerText = (segments: readonly string[]): string => `#${segments.map((segment) => `/${segment}`).join('')}`

/** Where a location is, for messages: `at #/properties/a`, prefixed with the reference for referenced documents. */
export const describeLocation = (location: Pick<Location, 'document' | 'segments'>): string =>
  `${location.document.label === '' ? '' : `${location.document.label}, `}at ${pointerText(location.segments)}`

export class SchemaIndex {
  /** Schema resources by absolute URI: documents where they were found, and every `$id`. */
  private readonly resources = new Map<string, Location>()
  private readonly declared = new Map<string, Location>()
  private readonly anchors = new Map<string, Location>()
  private readonly byName = new Map<string, Location>()
  private readonly roots: Location[] = []

  constructor(documents: readonly SchemaDocument[]) {
    for (const document of documents) {
      const start: Location = { document, value: document.root, segments: [], base: document.uri }
      const root = this.withIdAt(start)
      if (document.uri !== undefined && !this.resources.has(document.uri)) this.resources.set(document.uri, root)
      this.register(start, root)
      this.roots.push(root)
      if (document.name !== undefined) this.byName.set(document.name, root)
      this.indexBelow(root)
    }
  }

  /** The root location of a document. */
  root(document: SchemaDocument): Location {
    return this.roots[document.index]
  }

  /** The target of `ref` written at `from`, or undefined when nothing matches. */
  resolve(ref: string, from: Location): Location | undefined {
    const hash = ref.indexOf('#')
    const url = hash < 0 ? ref : ref.slice(0, hash)
    const fragment = hash < 0 ? '' : ref.slice(hash + 1)
    let resource = url === '' ? undefined : this.byName.get(url)
    if (resource === undefined) {
      const absolute = from.base === undefined ? undefined : resolveUri(url, from.base)
      resource = absolute === undefined ? (url === '' ? this.root(from.document) : undefined) : this.resources.get(withoutFragment(absolute))
    }
    if (resource === undefined || fragment === '') return resource
    let decoded: string
    try {
      decoded = decodeURIComponent(fragment)
    } catch {
      return undefined
    }
    if (decoded.startsWith('/')) return this.follow(resource, decoded.slice(1).split('/').map(unescapePointer))
    return resource.base === undefined ? undefined : this.anchors.get(`${withoutFragment(resource.base)}#${decoded}`)
  }

  /** The location with the `$id` of the schema object found there applied to its base URI. */
  withIdAt(location: Location): Location {
    const { value, document } = location
    const id = isJsonObject(value) ? idOf(value, document.draft) : undefined
    if (id === undefined || (!isModern(document.draft) && id.startsWith('#'))) return location
    const absolute = resolveUri(id, location.base)
    return absolute === undefined ? location : { ...location, base: withoutFragment(absolute) }
  }

  /** Records the resource and the anchors a schema object declares; `entered` has its `$id` applied already. */
  private register(outer: Location, entered: Location): void {
    const { value, document } = entered
    if (!isJsonObject(value)) return
    if (entered.base !== undefined && entered.base !== outer.base) {
      const declared = this.declared.get(entered.base)
      // ajv, which validates data against these documents, cannot hold two schemas under one `$id`.
      if (declared !== undefined && declared.value !== value) {
        throw invalidSchema(`${describeLocation(entered)}: $id '${entered.base}' is already declared ${describeLocation(declared)}`)
      }
      this.declared.set(entered.base, entered)
      this.resources.set(entered.base, entered)
    }
    const id = idOf(value, document.draft)
    if (isModern(document.draft)) {
      for (const keyword of ['$anchor', '$dynamicAnchor']) {
        const anchor = value.get(keyword)
        if (typeof anchor === 'string') this.addAnchor(entered.base, anchor, entered)
      }
    } else if (id !== undefined && id.includes('#')) {
      // Drafts 4-7 name plain-name anchors with `$id`/`id`: "#name" alone, or after a URI.
      const fragment = id.slice(id.indexOf('#') + 1)
      if (fragment !== '') this.addAnchor(id.startsWith('#') ? outer.base : entered.base, decodeFragment(fragment), entered)
    }
  }

  private addAnchor(base: string | undefined, name: string, location: Location): void {
    if (base === undefined) return
    const key = `${base}#${name}`
    if (!this.anchors.has(key)) this.anchors.set(key, location)
  }

  private indexBelow(location: Location): void {
    if (!isJsonObject(location.value)) return
    for (const { value, segments } of subschemas(location.value, location.document.draft, true)) {
      const outer = { ...location, value, segments: [...location.segments, ...segments] }
      const child = this.withIdAt(outer)
      this.register(outer, child)
      this.indexBelow(child)
    }
  }

  private follow(resource: Location, path: readonly string[]): Location | undefined {
    let location = resource
    for (const segment of path) {
      const { value } = location
      let next: Json | undefined
      if (isJsonObject(value)) next = value.get(segment)
      else if (isJsonArray(value) && /^(0|[1-9][0-9]*)$/.test(segment)) next = value[Number(segment)]
      if (next === undefined) return undefined
      location = this.withIdAt({ ...location, value: next, segments: [...location.segments, segment] })
    }
    return location
  }
}

/** The `$id` (`id`) a schema object declares. Before 2019-09 a `$ref` makes its siblings void, `$id` included. */
export function idOf(schema: JsonObject, draft: Draft): string | undefined {
  if (!isModern(draft) && typeof schema.get('$ref') === 'string') return undefined
  const id = schema.get(idKeyword(draft))
  return typeof id === 'string' ? id : undefined
}

const unescapePointer = (segment: string): string => segment.replace(/~1/g, '/').replace(/~0/g, '~')

function decodeFragment(fragment: string): string {
  try {
    return decodeURIComponent(fragment)
  } catch {
    return fragment
  }
}
