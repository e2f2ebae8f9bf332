// The typed schema tree Confluent's JSON Schema diff walks: everit's model (spec 3.1), not the JSON text.
// `{"type":"string","enum":[…]}` is an allOf of an enum node and a string node, `"type": [a, b]` an anyOf,
// `integer` a number node that requires integers. Identity matters: every `$ref` to one place yields the same
// target node, which is what lets the diff notice it is going round a recursive schema.

import type { Json, JsonNumber } from '../json-document/value.ts'

interface Common {
  /** `$id` (`id` in draft-04); Confluent's 2019-09/2020-12 translation drops it, so it is unset there. */
  readonly id: string | undefined
  readonly title: string | undefined
  readonly description: string | undefined
  /** The `default` value, when one is given (null included). */
  readonly default: Json | undefined
  /** Kafka Connect's `connect.type` annotation: two nodes both marked `bytes` may differ in kind. */
  readonly connectType: string | undefined
  /** The JSON the node was read from, and which part of it (for nodes split out of one object). Together they
   * are the node's canonical text, by which combined subschemas are de-duplicated. */
  readonly source: Json
  readonly part: string
}

/** `true`, `{}`, or an object none of whose keywords the model knows: accepts anything. */
export interface EmptyNode extends Common {
  readonly kind: 'empty'
}

export interface FalseNode extends Common {
  readonly kind: 'false'
}

export interface BooleanNode extends Common {
  readonly kind: 'boolean'
}

export interface NullNode extends Common {
  readonly kind: 'null'
}

export interface StringNode extends Common {
  readonly kind: 'string'
  readonly minLength: number | undefined
  readonly maxLength: number | undefined
  readonly pattern: string | undefined
}

export interface NumberNode extends Common {
  readonly kind: 'number'
  readonly requiresInteger: boolean
  readonly minimum: JsonNumber | undefined
  readonly maximum: JsonNumber | undefined
  /** The numeric (draft-06+) limits; draft-04's boolean form only modifies minimum/maximum and is not diffed. */
  readonly exclusiveMinimum: JsonNumber | undefined
  readonly exclusiveMaximum: JsonNumber | undefined
  readonly multipleOf: JsonNumber | undefined
}

/** What an object or array allows beyond what it names: `additional*` or `unevaluated*`. */
export interface Extra {
  /** False for `false`; true when absent, `true` or a schema. */
  readonly permits: boolean
  readonly schema: SchemaNode | undefined
}

export interface PatternProperty {
  readonly pattern: RegExp
  readonly schema: SchemaNode
}

export interface ObjectNode extends Common {
  readonly kind: 'object'
  readonly properties: ReadonlyMap<string, SchemaNode>
  readonly required: ReadonlySet<string>
  readonly minProperties: number | undefined
  readonly maxProperties: number | undefined
  readonly additionalProperties: Extra
  readonly unevaluatedProperties: Extra
  readonly patternProperties: readonly PatternProperty[]
  /** `dependencies` with an array value (`dependentRequired`); a key with an empty array is absent. */
  readonly propertyDependencies: ReadonlyMap<string, ReadonlySet<string>>
  /** `dependencies` with a schema value (`dependentSchemas`). */
  readonly schemaDependencies: ReadonlyMap<string, SchemaNode>
}

export interface ArrayNode extends Common {
  readonly kind: 'array'
  /** One schema for every item (`items` as a schema). */
  readonly allItems: SchemaNode | undefined
  /** Positional schemas (`items` as an array, `prefixItems`). */
  readonly tuple: readonly SchemaNode[]
  readonly additionalItems: Extra
  readonly unevaluatedItems: Extra
  readonly minItems: number | undefined
  readonly maxItems: number | undefined
  readonly uniqueItems: boolean
  readonly minContains: number | undefined
  readonly maxContains: number | undefined
}

export interface EnumNode extends Common {
  readonly kind: 'enum'
  readonly values: readonly Json[]
}

export interface ConstNode extends Common {
  readonly kind: 'const'
  readonly value: Json
}

export type Criterion = 'allOf' | 'anyOf' | 'oneOf'

export interface CombinedNode extends Common {
  readonly kind: 'combined'
  readonly criterion: Criterion
  readonly subschemas: readonly SchemaNode[]
}

export interface NotNode extends Common {
  readonly kind: 'not'
  readonly schema: SchemaNode
}

/** `if`/`then`/`else`: the diff compares only the common attributes of such nodes. */
export interface ConditionalNode extends Common {
  readonly kind: 'conditional'
}

export interface RefNode extends Common {
  readonly kind: 'ref'
  readonly ref: string
  /** The node the reference points to, built on first call: the target may contain this very reference. */
  readonly target: () => SchemaNode
}

export type SchemaNode =
  | EmptyNode
  | FalseNode
  | BooleanNode
  | NullNode
  | StringNode
  | NumberNode
  | ObjectNode
  | ArrayNode
  | EnumNode
  | ConstNode
  | CombinedNode
  | NotNode
  | ConditionalNode
  | RefNode
