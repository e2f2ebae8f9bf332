// Avro names as Avro Java handles them: splitting full names, validating, and writing them relative to a namespace.
// Confluent parses with Avro Java's default (Unicode) name validator, so `café` is a valid name there and here.

/** A name split into its short name and namespace (undefined = the null namespace), as Avro Java's `Name`. */
export interface Name {
  readonly name: string
  readonly space: string | undefined
  readonly full: string
}

export const PRIMITIVE_TYPES = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'] as const
export type PrimitiveTypeName = (typeof PRIMITIVE_TYPES)[number]

export const isPrimitiveTypeName = (name: string): name is PrimitiveTypeName =>
  (PRIMITIVE_TYPES as readonly string[]).includes(name)

// Short names that collide with a type keyword: Avro Java always writes these qualified, so they read back as names.
const TYPE_KEYWORDS = new Set<string>([...PRIMITIVE_TYPES, 'record', 'enum', 'array', 'map', 'union', 'fixed'])

/** Avro Java's `new Name(name, space)`: a dotted name carries its own namespace; `""` means the null namespace. */
export function makeName(name: string, space: string | undefined): Name {
  const lastDot = name.lastIndexOf('.')
  const short = lastDot < 0 ? name : name.slice(lastDot + 1)
  const ownSpace = lastDot < 0 ? space : name.slice(0, lastDot)
  const resolvedSpace = ownSpace === '' ? undefined : ownSpace
  return { name: short, space: resolvedSpace, full: resolvedSpace === undefined ? short : `${resolvedSpace}.${short}` }
}

/**
 * Why `name` is not a valid Avro name ("invalid <what> 'x'", "empty <what>"), or undefined when it is. Java checks
 * UTF-16 units with Character.isLetter/isLetterOrDigit, so characters outside the Basic Multilingual Plane are refused.
 */
export function nameProblem(name: string, what: string): string | undefined {
  if (name === '') return `empty ${what}`
  if (/[\uD800-\uDFFF]/.test(name) || !/^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(name)) return `invalid ${what} '${name}'`
  return undefined
}

/** Why a full name is invalid (a namespace part or the short name is), or undefined when every part is valid. */
export function fullNameProblem(full: string): string | undefined {
  const invalid = full.split('.').some((part) => nameProblem(part, 'name') !== undefined)
  return invalid ? `invalid name '${full}'` : undefined
}

/** How Avro Java writes a reference to `name` inside `defaultSpace`: short when the namespace is implied. */
export function qualifiedName(name: Name, defaultSpace: string | undefined): string {
  return name.space !== undefined && name.space === defaultSpace && !TYPE_KEYWORDS.has(name.name) ? name.name : name.full
}
