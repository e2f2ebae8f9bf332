// The one interface every schema type implements (one folder per type under src/formats/).
// A format is pure: it parses text, renders canonical text and answers "can this reader read data written
// with that writer?". It never touches the registry, HTTP or Kafka; references come in through a lookup.

export type SchemaType = 'AVRO' | 'JSON' | 'PROTOBUF'

/** How one schema names another registered schema: `name` is what the schema text uses (Avro: the full
 * type name; JSON Schema: the `$ref` URL; Protobuf: the import path). */
export interface SchemaReference {
  readonly name: string
  readonly subject: string
  readonly version: number
}

/** A registered schema as a reference lookup returns it: its stored (canonical) text and its own references. */
export interface ReferencedSchema {
  readonly schemaType: SchemaType
  readonly schema: string
  readonly references: readonly SchemaReference[]
}

/** Resolves a reference to the stored schema of (subject, version), soft-deleted versions included;
 * undefined when no such version is stored. Synchronous because registry state is in memory. */
export type ReferenceLookup = (reference: SchemaReference) => ReferencedSchema | undefined

/** The nesting limit when `ParseOptions.maxDepth` is unset: the same for every format. */
export const DEFAULT_MAX_DEPTH = 128

export interface ParseOptions {
  /** Normalize before producing the canonical text (the `normalize=true` of the REST API). */
  readonly normalize?: boolean
  /** Deepest nesting of the schema document accepted; deeper → 42201. Default `DEFAULT_MAX_DEPTH`. */
  readonly maxDepth?: number
  /** True for a schema a client submits (register, lookup, compatibility test), false when a stored schema
   * is read again. Formats make the checks Confluent makes only on new schemas (Avro default values, JSON
   * Schema's meta-schema) when this is true, so schemas stored by older or other registries always load. */
  readonly submitted?: boolean
}

export interface ParsedSchema {
  readonly schemaType: SchemaType
  /** The canonical text (normalized when asked): what the registry stores, hashes and returns. */
  readonly canonical: string
  /** The references as given (sorted and de-duplicated when normalized). */
  readonly references: readonly SchemaReference[]
}

/** One reason a reader cannot read a writer's data. */
export interface Incompatibility {
  /** The difference type as Confluent names it (TYPE_MISMATCH, FIELD_KIND_CHANGED, TYPE_CHANGED, ...). */
  readonly type: string
  /** Where it happens: Avro `/fields/0/type` (a pointer into the reader), JSON/Protobuf `#/...`. */
  readonly path: string
  /** Human-readable detail (Avro: Confluent's additionalInfo, e.g. `reader type: INT not compatible with
   * writer type: LONG`). */
  readonly message: string
}

export interface CompatibilityOptions {
  /** Confluent's `compatibilityPolicy`; only JSON Schema distinguishes STRICT (default) and LENIENT. */
  readonly policy?: 'STRICT' | 'LENIENT'
}

export interface SchemaFormat<P extends ParsedSchema = ParsedSchema> {
  readonly schemaType: SchemaType
  /**
   * Parses schema text, resolving `references` (recursively) through `lookup`.
   * Throws an ApiError from src/errors.ts: 42201 (invalidSchema) with a message naming what is wrong and
   * where, also for an unresolvable reference or a document nested deeper than `maxDepth`.
   * Pure and deterministic: the caller caches the result per schema id.
   */
  parse(text: string, references: readonly SchemaReference[], lookup: ReferenceLookup, options?: ParseOptions): P
  /**
   * The compatibility primitive: can `reader` read every datum written with `writer`? Returns the
   * incompatibilities (empty when compatible), in the order the format finds them. For diff-based formats
   * (JSON Schema, Protobuf) the writer is the "original" and the reader the "update".
   * Never throws for two schemas `parse` accepted; an internal failure becomes one incompatibility.
   */
  checkReadable(reader: P, writer: P, options?: CompatibilityOptions): Incompatibility[]
  /**
   * The schema text in an output format a client asked for with `?format=` (Avro `resolved`, Protobuf
   * `serialized`); undefined when this format has no such rendering, and the canonical text is served.
   */
  render?(schema: P, outputFormat: string): string | undefined
}
