// Turns a compatibility verdict into report findings: one per incompatibility, naming its type, the version
// (or file) it conflicts with and its path in both schemas, then one case for the subject or file pair.

import type { AvroSchema } from '../../formats/avro/index.ts'
import type { ParsedSchema } from '../../formats/format.ts'
import { avroPaths } from './avro-paths.ts'
import type { CompatibilityVerdict, ReportedIncompatibility } from './compatibility-messages.ts'
import type { Reporter } from './report.ts'

export interface CompatibilityCase {
  /** `check` reports by subject; `diff` by file pair. */
  readonly suite: string
  readonly name: string
  /** The new schema's file, as reports show it. */
  readonly file: string
  readonly subject?: string
  readonly level: string
  readonly newSchema: ParsedSchema
  /** The conflicting version's schema, to find Avro paths in it; undefined where it is not needed. */
  readonly oldSchema: (version: number) => Promise<ParsedSchema | undefined>
  /** How reports name the old schema; by default `version N of 'subject'`. */
  readonly oldLabel?: string
}

/** Reports the verdict; resolves with whether the change is compatible. */
export async function reportCompatibility(reporter: Reporter, verdict: CompatibilityVerdict, subject: CompatibilityCase): Promise<boolean> {
  const { suite, name, file, level } = subject
  const common = { subject: subject.subject, level }
  if (verdict.compatible) {
    reporter.caseDone({ suite, name, file, checked: 1, failed: 0, note: `compatible at ${level}`, data: { ...common, compatible: true } })
    return true
  }
  const old = {
    schema: verdict.version === undefined ? undefined : await subject.oldSchema(verdict.version),
    label: subject.oldLabel ?? versionLabel(verdict.version, subject.subject),
  }
  // A diff names the old schema by its file and has no version.
  const version = subject.oldLabel === undefined ? (verdict.version ?? null) : undefined
  for (const incompatibility of verdict.incompatibilities) {
    const paths = pathsOf(incompatibility, subject.newSchema, old.schema)
    reporter.finding({
      suite,
      case: name,
      file,
      title: incompatibility.errorType,
      message: describe(incompatibility, paths, old.label),
      data: {
        ...common,
        version,
        errorType: incompatibility.errorType,
        newPath: paths.new ?? null,
        oldPath: paths.old ?? null,
        reader: incompatibility.reader,
        description: incompatibility.description,
        ...(incompatibility.detail === undefined ? {} : { detail: incompatibility.detail }),
      },
    })
  }
  for (const message of verdict.other) {
    // A verdict without a difference list, such as `Incompatible because of different schema type`.
    reporter.finding({ suite, case: name, file, title: 'incompatible', message, data: { ...common, version, errorType: null, description: message } })
  }
  const count = verdict.incompatibilities.length + verdict.other.length
  reporter.caseDone({
    suite,
    name,
    file,
    checked: 1,
    failed: 1,
    note: `incompatible with ${old.label} at ${level}: ${count} ${count === 1 ? 'difference' : 'differences'}`,
    data: { ...common, compatible: false, version },
  })
  return false
}

function versionLabel(version: number | undefined, subject: string | undefined): string {
  const of = subject === undefined ? '' : ` of '${subject}'`
  return version === undefined ? `the registered versions${of}` : `version ${version}${of}`
}

/** One line: where in each schema, in which direction, and the detail when the description holds more than
 * the difference type and its path (Avro's additionalInfo, Confluent's own wording). */
function describe(incompatibility: ReportedIncompatibility, paths: { new?: string; old?: string }, oldLabel: string): string {
  const { errorType, description, detail, reader } = incompatibility
  const direction = reader === 'new' ? 'the new schema reading data written with the old' : 'the old schema reading data written with the new'
  const more = detail ?? (description.startsWith(errorType) ? undefined : description)
  return `${paths.new ?? 'nothing'} in the new schema, ${paths.old ?? 'nothing'} in ${oldLabel}, ${direction}${more === undefined ? '' : `: ${more}`}`
}

/** The path in the new and in the old schema. JSON Schema and Protobuf paths come from a diff that walks both
 * schemas along the same structure, so one path names both places; Avro's is replayed over both trees. */
function pathsOf(incompatibility: ReportedIncompatibility, newSchema: ParsedSchema, oldSchema: ParsedSchema | undefined): { new?: string; old?: string } {
  const { path, reader } = incompatibility
  if (path === undefined) return {}
  if (newSchema.schemaType !== 'AVRO' || oldSchema?.schemaType !== 'AVRO') return { new: path, old: path }
  const [readerSchema, writerSchema] = reader === 'new' ? [newSchema, oldSchema] : [oldSchema, newSchema]
  const both = avroPaths(readerSchema as AvroSchema, writerSchema as AvroSchema, path)
  return reader === 'new' ? { new: both.reader, old: both.writer } : { new: both.writer, old: both.reader }
}
