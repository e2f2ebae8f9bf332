// Reads the `messages` of a compatibility verdict, in the form both schemaport and Confluent send from
// `POST /compatibility/...?verbose=true` and checkCompatibility returns: one `{errorType:…, description:…}` per
// incompatibility, then `{oldSchemaVersion: N}`, `{oldSchema: '…'}` and a trailer naming the level.

export interface ReportedIncompatibility {
  readonly errorType: string
  readonly description: string
  /** Avro's additionalInfo, e.g. `reader type: INT not compatible with writer type: STRING`. */
  readonly detail?: string
  /** The path the description names, in the reading schema. */
  readonly path?: string
  /** Which schema reads the other here: `new` (backward direction) or `old` (forward direction). */
  readonly reader: 'new' | 'old'
}

export interface CompatibilityVerdict {
  readonly compatible: boolean
  readonly incompatibilities: readonly ReportedIncompatibility[]
  /** The version the candidate conflicts with. */
  readonly version?: number
  /** The level the trailer names. */
  readonly level?: string
  /** Messages that are none of the above, such as `Invalid schema: …`. */
  readonly other: readonly string[]
}

const ERROR_TYPE = /^\{errorType:\s*['"]([^'"]+)['"]/
const DESCRIPTION = /description:\s*['"]([\s\S]*?)['"](?:,\s*additionalInfo:\s*['"]([\s\S]*)['"])?\s*\}$/
const PATH = /path '([^']*)'/
const READER = /(?:in|of) (?:the )?(new|old) schema/
const VERSION = /^\{oldSchemaVersion:\s*(\d+)\}$/
const LEVEL = /compatibility:\s*'([A-Z_]+)'\}$/

export function readCompatibilityMessages(compatible: boolean, messages: readonly string[]): CompatibilityVerdict {
  const incompatibilities: ReportedIncompatibility[] = []
  const other: string[] = []
  let version: number | undefined
  let level: string | undefined
  for (const message of messages) {
    const errorType = ERROR_TYPE.exec(message)?.[1]
    if (errorType !== undefined) {
      const [, description = message, detail] = DESCRIPTION.exec(message) ?? []
      const path = PATH.exec(description)?.[1]
      const reader = READER.exec(description)?.[1] === 'old' ? 'old' : 'new'
      incompatibilities.push({ errorType, description, detail, path, reader })
      continue
    }
    const versionMatch = VERSION.exec(message)
    if (versionMatch !== null) version = Number(versionMatch[1])
    else if (LEVEL.test(message)) level = LEVEL.exec(message)?.[1]
    else if (!message.startsWith('{oldSchema:')) other.push(message)
  }
  return { compatible, incompatibilities, version, level, other }
}
