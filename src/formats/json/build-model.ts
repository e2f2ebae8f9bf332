// Builds the typed schema tree of model.ts from a schema document, the way everit's loader does (spec 3.1).
// Extractors run in everit's order — enum; allOf/oneOf/anyOf; not; const; type; then keyword sniffing — and each
// claims its keywords; more than one result is wrapped in a synthetic allOf in that order. 2019-09/2020-12
// documents get the shape Confluent's json-sKema translation gives them: `$ref` beside other keywords is an allOf
// of the reference and the rest, `prefixItems`/`items` map onto tuple/additional items, `unevaluated*` count.

import { invalidSchema } from '../../errors.ts'
import { isJsonArray, isJsonObject, JsonNumber, textOf } from '../json-document/value.ts'
import type { Json, JsonObject } from '../json-document/value.ts'
import type { Draft } from './drafts.ts'
import { arrayKeywords, hasKeywordOf, idKeyword, isModern, NUMBER_KEYWORDS, objectKeywords, stringKeywords } from './drafts.ts'
import type {
  ArrayNode,
  Criterion,
  Extra,
  NumberNode,
  ObjectNode,
  PatternProperty,
  RefNode,
  SchemaNode,
  StringNode,
} from './model.ts'
import type { ReachableSchemas } from './reach.ts'
import type { Location, SchemaIndex } from './resolver.ts'
import { describeLocation } from './resolver.ts'

/** The model of the schema at `root`; `$ref` targets are built when first read, then shared. */
export function buildModel(index: SchemaIndex, reachable: ReachableSchemas, root: Location): SchemaNode {
  return new ModelBuilder(index, reachable).node(root)
}

// everit collects the combinators present into a Java HashSet, which iterates them in this order.
const COMBINATORS: readonly Criterion[] = ['allOf', 'oneOf', 'anyOf']

type Kind = 'array' | 'object' | 'number' | 'string'

/** The attributes every node has, unset: what an extracted part carries before the object's own are applied. */
const bare = (source: Json, part: string) =>
  ({ id: undefined, title: undefined, description: undefined, default: undefined, connectType: undefined, source, part }) as const

class ModelBuilder {
  private readonly nodes = new Map<JsonObject, SchemaNode>()

  constructor(
    private readonly index: SchemaIndex,
    private readonly reachable: ReachableSchemas,
  ) {}

  node(location: Location): SchemaNode {
    const { value } = location
    if (value === false) return { kind: 'false', ...bare(value, '') }
    if (!isJsonObject(value)) return { kind: 'empty', ...bare(value, '') }
    let node = this.nodes.get(value)
    if (node === undefined) {
      node = this.build(value, location)
      this.nodes.set(value, node)
    }
    return node
  }

  private build(schema: JsonObject, location: Location): SchemaNode {
    const draft = location.document.draft
    const parts = typeof schema.get('$ref') === 'string' ? this.withReference(schema, location) : this.extract(schema, location)
    const common = {
      id: isModern(draft) ? undefined : textOf(schema.get(idKeyword(draft))),
      title: textOf(schema.get('title')),
      description: textOf(schema.get('description')),
      default: schema.get('default'),
      connectType: textOf(schema.get('connect.type')),
      source: schema,
      part: '',
    }
    if (parts.length === 0) return { kind: 'empty', ...common }
    if (parts.length === 1) return { ...parts[0], ...common }
    return { kind: 'combined', criterion: 'allOf', subschemas: parts, ...common }
  }

  /** Drafts 4-7 ignore a `$ref`'s siblings; 2019-09/2020-12 apply them too, as an allOf beside the reference. */
  private withReference(schema: JsonObject, location: Location): SchemaNode[] {
    const ref = schema.get('$ref') as string
    // reachSchemas resolved every `$ref` the model can meet (it walks a superset of the keywords built here).
    const target = this.reachable.targets.get(schema)
    if (target === undefined) throw invalidSchema(`${describeLocation(location)}: $ref '${ref}' was not resolved`)
    const reference: RefNode = { kind: 'ref', ref, target: () => this.node(target), ...bare(schema, '$ref') }
    if (!isModern(location.document.draft)) return [reference]
    const rest = new Map(schema)
    rest.delete('$ref')
    return [reference, ...this.extract(rest, location)]
  }

  private extract(schema: JsonObject, location: Location): SchemaNode[] {
    const draft = location.document.draft
    const parts: SchemaNode[] = []
    const values = schema.get('enum')
    if (isJsonArray(values)) parts.push({ kind: 'enum', values, ...bare(schema, 'enum') })
    for (const criterion of COMBINATORS) {
      const list = schema.get(criterion)
      if (!isJsonArray(list)) continue
      const subschemas = list.map((item, i) => this.child(location, item, criterion, String(i)))
      parts.push({ kind: 'combined', criterion, subschemas, ...bare(schema, criterion) })
    }
    const not = schema.get('not')
    if (not !== undefined) parts.push({ kind: 'not', schema: this.child(location, not, 'not'), ...bare(schema, 'not') })
    const constant = schema.get('const')
    if (constant !== undefined && draft !== 'draft-04') parts.push({ kind: 'const', value: constant, ...bare(schema, 'const') })
    const claimed = new Set<Kind>()
    const type = schema.get('type')
    if (typeof type === 'string') {
      const typed = this.typed(type, schema, location, claimed)
      if (typed !== undefined) parts.push(typed)
    } else if (isJsonArray(type)) {
      const subschemas = type.flatMap((name) => {
        const typed = typeof name === 'string' ? this.typed(name, schema, location, claimed) : undefined
        return typed === undefined ? [] : [typed]
      })
      parts.push({ kind: 'combined', criterion: 'anyOf', subschemas, ...bare(schema, 'type') })
    }
    // Keyword sniffing sees only the keywords no typed schema claimed.
    if (!claimed.has('array') && hasKeywordOf(schema, arrayKeywords(draft), draft)) parts.push(this.array(schema, location, 'array'))
    if (!claimed.has('object') && hasKeywordOf(schema, objectKeywords(draft), draft)) parts.push(this.object(schema, location, 'object'))
    if (!claimed.has('number') && hasKeywordOf(schema, NUMBER_KEYWORDS, draft)) parts.push(this.number(schema, draft, false, 'number'))
    if (!claimed.has('string') && hasKeywordOf(schema, stringKeywords(draft), draft)) parts.push(this.string(schema, 'string'))
    if (draft !== 'draft-04' && draft !== 'draft-06' && ['if', 'then', 'else'].some((k) => schema.has(k))) {
      parts.push({ kind: 'conditional', ...bare(schema, 'if') })
    }
    return parts
  }

  private typed(type: string, schema: JsonObject, location: Location, claimed: Set<Kind>): SchemaNode | undefined {
    const draft = location.document.draft
    const part = `type:${type}`
    switch (type) {
      case 'string':
        claimed.add('string')
        return this.string(schema, part)
      case 'integer':
      case 'number':
        claimed.add('number')
        return this.number(schema, draft, type === 'integer', part)
      case 'array':
        claimed.add('array')
        return this.array(schema, location, part)
      case 'object':
        claimed.add('object')
        return this.object(schema, location, part)
      case 'boolean':
        return { kind: 'boolean', ...bare(schema, part) }
      case 'null':
        return { kind: 'null', ...bare(schema, part) }
      default:
        return undefined
    }
  }

  private string(schema: JsonObject, part: string): StringNode {
    return {
      kind: 'string',
      minLength: count(schema.get('minLength')),
      maxLength: count(schema.get('maxLength')),
      pattern: textOf(schema.get('pattern')),
      ...bare(schema, part),
    }
  }

  private number(schema: JsonObject, draft: Draft, requiresInteger: boolean, part: string): NumberNode {
    // Draft-04 writes exclusive limits as booleans beside minimum/maximum; only the numeric form is a limit.
    const limit = (keyword: string) => (draft === 'draft-04' ? undefined : decimal(schema.get(keyword)))
    return {
      kind: 'number',
      requiresInteger,
      minimum: decimal(schema.get('minimum')),
      maximum: decimal(schema.get('maximum')),
      exclusiveMinimum: limit('exclusiveMinimum'),
      exclusiveMaximum: limit('exclusiveMaximum'),
      multipleOf: decimal(schema.get('multipleOf')),
      ...bare(schema, part),
    }
  }

  private object(schema: JsonObject, location: Location, part: string): ObjectNode {
    const modern = isModern(location.document.draft)
    const properties = new Map<string, SchemaNode>()
    for (const [name, value] of entries(schema.get('properties'))) properties.set(name, this.child(location, value, 'properties', name))
    const patternProperties: PatternProperty[] = []
    for (const [pattern, value] of entries(schema.get('patternProperties'))) {
      patternProperties.push({ pattern: new RegExp(pattern), schema: this.child(location, value, 'patternProperties', pattern) })
    }
    const propertyDependencies = new Map<string, ReadonlySet<string>>()
    const schemaDependencies = new Map<string, SchemaNode>()
    const addDependencies = (keyword: string, arrays: boolean, schemas: boolean) => {
      for (const [name, value] of entries(schema.get(keyword))) {
        if (isJsonArray(value)) {
          // everit adds a property dependency per listed name, so an empty list leaves no entry.
          if (arrays && value.length > 0) propertyDependencies.set(name, new Set(value.filter((v): v is string => typeof v === 'string')))
        } else if (schemas) {
          schemaDependencies.set(name, this.child(location, value, keyword, name))
        }
      }
    }
    if (modern) {
      addDependencies('dependentRequired', true, false)
      addDependencies('dependentSchemas', false, true)
    } else {
      addDependencies('dependencies', true, true)
    }
    const required = schema.get('required')
    return {
      kind: 'object',
      properties,
      required: new Set(isJsonArray(required) ? required.filter((v): v is string => typeof v === 'string') : []),
      minProperties: count(schema.get('minProperties')),
      maxProperties: count(schema.get('maxProperties')),
      additionalProperties: this.extra(location, schema.get('additionalProperties'), 'additionalProperties'),
      unevaluatedProperties: modern ? this.extra(location, schema.get('unevaluatedProperties'), 'unevaluatedProperties') : OPEN,
      patternProperties,
      propertyDependencies,
      schemaDependencies,
      ...bare(schema, part),
    }
  }

  private array(schema: JsonObject, location: Location, part: string): ArrayNode {
    const draft = location.document.draft
    const modern = isModern(draft)
    let allItems: SchemaNode | undefined
    let tuple: SchemaNode[] = []
    let additionalItems = OPEN
    const items = schema.get('items')
    if (draft === '2020-12') {
      // json-sKema: `prefixItems` is the tuple; `items` is what follows it, or every item when there is no tuple.
      const prefix = schema.get('prefixItems')
      if (isJsonArray(prefix)) tuple = prefix.map((item, i) => this.child(location, item, 'prefixItems', String(i)))
      if (items === false) additionalItems = CLOSED
      else if (isJsonObject(items) && tuple.length > 0) additionalItems = { permits: true, schema: this.child(location, items, 'items') }
      else if (isJsonObject(items)) allItems = this.child(location, items, 'items')
    } else {
      if (isJsonArray(items)) tuple = items.map((item, i) => this.child(location, item, 'items', String(i)))
      else if (items !== undefined) allItems = this.child(location, items, 'items')
      additionalItems = this.extra(location, schema.get('additionalItems'), 'additionalItems')
    }
    // json-sKema gives `contains` a minContains of 1 unless told otherwise; before 2019-09 both are unknown
    // keywords that everit keeps as they are written.
    const contains = modern ? schema.has('contains') : true
    return {
      kind: 'array',
      allItems,
      tuple,
      additionalItems,
      unevaluatedItems: modern ? this.extra(location, schema.get('unevaluatedItems'), 'unevaluatedItems') : OPEN,
      minItems: count(schema.get('minItems')),
      maxItems: count(schema.get('maxItems')),
      uniqueItems: schema.get('uniqueItems') === true,
      minContains: contains ? (count(schema.get('minContains')) ?? (modern ? 1 : undefined)) : undefined,
      maxContains: contains ? count(schema.get('maxContains')) : undefined,
      ...bare(schema, part),
    }
  }

  private extra(location: Location, value: Json | undefined, keyword: string): Extra {
    if (value === false) return CLOSED
    if (!isJsonObject(value)) return OPEN
    return { permits: true, schema: this.child(location, value, keyword) }
  }

  private child(location: Location, value: Json, ...segments: string[]): SchemaNode {
    return this.node(this.index.withIdAt({ ...location, value, segments: [...location.segments, ...segments] }))
  }
}

const OPEN: Extra = { permits: true, schema: undefined }
const CLOSED: Extra = { permits: false, schema: undefined }

const decimal = (value: Json | undefined): JsonNumber | undefined => (value instanceof JsonNumber ? value : undefined)
const count = (value: Json | undefined): number | undefined => (value instanceof JsonNumber ? value.doubleValue() : undefined)
const entries = (value: Json | undefined): Iterable<[string, Json]> => (isJsonObject(value) ? value : [])
