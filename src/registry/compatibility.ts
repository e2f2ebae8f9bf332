// Compatibility levels over any schema format: which previous versions a new schema is checked against, in which
// direction, and how failures are reported, as Confluent's CompatibilityChecker does (spec compatibility.md 1.2-1.4).
// Pure: the formats answer "can this reader read that writer?"; this module only chooses the pairs and words.

import type { CompatibilityOptions, Incompatibility, ParsedSchema, SchemaFormat, SchemaType } from '../formats/format.ts'

export const COMPATIBILITY_LEVELS = [
  'NONE',
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
] as const
export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number]

export interface PreviousVersion {
  readonly version: number
  readonly schema: ParsedSchema
}

export interface CompatibilityResult {
  readonly compatible: boolean
  /** Confluent's message list: one entry per difference, the old version and schema, then a trailer naming the level. */
  readonly messages: string[]
}

export type LevelOptions = CompatibilityOptions & {
  /** The subject's `validateFields` config; only echoed in the trailer here. */
  readonly validateFields?: boolean
}

// Confluent cuts the old schema it quotes in a message after this many characters.
const MAX_OLD_SCHEMA_LENGTH = 10 * 1024

type Word = 'new' | 'old'

/**
 * Checks `candidate` against the previous live versions (oldest first) at `level`. Non-transitive levels use only
 * the newest version; transitive ones walk newest to oldest and report the first version that fails. FORWARD
 * checks that the old schema reads the new one; FULL checks both, listing the old-reads-new differences first.
 */
export function checkCompatibility(
  formatOf: (type: SchemaType) => SchemaFormat,
  level: CompatibilityLevel,
  candidate: ParsedSchema,
  previousOldestFirst: readonly PreviousVersion[],
  options: LevelOptions = {},
): CompatibilityResult {
  if (level === 'NONE') return { compatible: true, messages: [] }
  const newestFirst = [...previousOldestFirst].reverse()
  const versions = level.endsWith('_TRANSITIVE') ? newestFirst : newestFirst.slice(0, 1)
  const formats: Formats = { formatOf, options: { policy: options.policy } }
  for (const previous of versions) {
    const messages = checkVersion(formats, level, candidate, previous)
    if (messages.length > 0) {
      messages.push(`{validateFields: '${options.validateFields === true}', compatibility: '${level}'}`)
      return { compatible: false, messages }
    }
  }
  return { compatible: true, messages: [] }
}

interface Formats {
  readonly formatOf: (type: SchemaType) => SchemaFormat
  readonly options: CompatibilityOptions
}

function checkVersion(formats: Formats, level: CompatibilityLevel, candidate: ParsedSchema, previous: PreviousVersion): string[] {
  const newReadsOld = () => withOldSchema(differences(formats, candidate, previous.schema, ['new', 'old']), previous)
  const oldReadsNew = () => differences(formats, previous.schema, candidate, ['old', 'new'])
  switch (level) {
    case 'BACKWARD':
    case 'BACKWARD_TRANSITIVE':
      return newReadsOld()
    case 'FORWARD':
    case 'FORWARD_TRANSITIVE':
      return withOldSchema(oldReadsNew(), previous)
    default:
      // FULL: the old schema and version are quoted only after the new-reads-old part, as Confluent does.
      return [...oldReadsNew(), ...newReadsOld()]
  }
}

/** The messages for `reader` reading `writer`; `words` name them in the description ("new"/"old"). */
function differences(formats: Formats, reader: ParsedSchema, writer: ParsedSchema, words: readonly [Word, Word]): string[] {
  if (reader.schemaType !== writer.schemaType) return ['Incompatible because of different schema type']
  return formats.formatOf(reader.schemaType)
    .checkReadable(reader, writer, formats.options)
    .map((incompatibility) => render(reader.schemaType, incompatibility, words))
}

function withOldSchema(messages: string[], previous: PreviousVersion): string[] {
  if (messages.length === 0) return messages
  const text = previous.schema.canonical
  const quoted =
    text.length <= MAX_OLD_SCHEMA_LENGTH
      ? `{oldSchema: '${text}'}`
      : `{oldSchema: <truncated to ${MAX_OLD_SCHEMA_LENGTH} characters> '${text.slice(0, MAX_OLD_SCHEMA_LENGTH)}'}`
  return [...messages, `{oldSchemaVersion: ${previous.version}}`, quoted]
}

/** One difference in Confluent's pseudo-JSON; each format's provider quotes it its own way. */
function render(schemaType: SchemaType, { type, path, message }: Incompatibility, words: readonly [Word, Word]): string {
  const description = describe(type, path, message, words)
  switch (schemaType) {
    case 'AVRO':
      return `{errorType:'${type}', description:'${description}', additionalInfo:'${message}'}`
    case 'PROTOBUF':
      return `{errorType:"${type}", description:"${description}"}`
    case 'JSON':
      // Confluent's JSON Schema provider opens the description with " and closes it with ': kept for clients that parse it.
      return `{errorType:"${type}", description:"${description}'}`
  }
}

/** A sentence naming the difference, its path and which schema (new/old) reads which. */
function describe(type: string, path: string, message: string, [reader, writer]: readonly [Word, Word]): string {
  switch (type) {
    case 'NAME_MISMATCH':
      return `The name of the type at path '${path}' in the ${reader} schema does not match the ${writer} schema`
    case 'FIXED_SIZE_MISMATCH':
      return `The size of the fixed type at path '${path}' in the ${reader} schema differs from the ${writer} schema`
    case 'MISSING_ENUM_SYMBOLS':
      return `The enum at path '${path}' in the ${reader} schema lacks symbols ${message} of the ${writer} schema`
    case 'READER_FIELD_MISSING_DEFAULT_VALUE':
      return `The field '${message}' at path '${path}' in the ${reader} schema has no default and is absent from the ${writer} schema`
    case 'TYPE_MISMATCH':
      return `The type at path '${path}' in the ${reader} schema cannot read the type in the ${writer} schema`
    case 'MISSING_UNION_BRANCH':
      return `The union at path '${path}' in the ${reader} schema has no branch for a type of the ${writer} schema`
    default:
      return `${type} at path '${path}' of the ${reader} schema, compared with the ${writer} schema`
  }
}
