// `schemaport check`: would the registry accept these schema files as the next versions of their subjects?
// Asks the registry's compatibility endpoint (nothing is registered) at the subject's level, or with --level
// (or a manifest `level`) fetches the subject's versions and runs the same check locally at that level.

import { formatFor } from '../formats/index.ts'
import type { ParsedSchema, SchemaFormat, SchemaType } from '../formats/format.ts'
import type { PreviousVersion } from '../registry/compatibility.ts'
import { checkCompatibility } from '../registry/compatibility.ts'
import type { Command, CommandIo, CommandLine } from './command.ts'
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './command.ts'
import type { CompatibilityVerdict } from './ci/compatibility-messages.ts'
import { readCompatibilityMessages } from './ci/compatibility-messages.ts'
import { reportCompatibility } from './ci/compatibility-report.ts'
import { LEVEL_HELP, levelOf, SHARED_OPTIONS, stringValue } from './ci/options.ts'
import type { RegistryHttp } from './ci/registry-http.ts'
import { RegistryError } from './ci/registry-http.ts'
import type { Reporter } from './ci/report.ts'
import { createReporter, reportFormatOf } from './ci/reporters.ts'
import type { SchemaResolver } from './ci/schema-resolver.ts'
import type { SubjectSchema, SubjectSchemas } from './ci/subject-schemas.ts'
import { subjectSchemas } from './ci/subject-schemas.ts'

export const checkCommand: Command = {
  name: 'check',
  summary: 'Asks the registry whether schema files would be accepted as new versions, without registering.',
  arguments: [],
  options: {
    schema: SHARED_OPTIONS.schema,
    type: SHARED_OPTIONS.type,
    subject: { type: 'string', value: 'SUBJECT', description: 'The subject the schema file would be registered under (with --schema).' },
    registry: SHARED_OPTIONS.registry,
    level: {
      type: 'string',
      value: 'LEVEL',
      description: `Check at this level instead of the subject's configured one: the subject's versions are fetched and compared here, with the registry's own rules. ${LEVEL_HELP}`,
    },
    manifest: SHARED_OPTIONS.manifest,
    format: SHARED_OPTIONS.format,
  },
  example: 'schemaport check --schema schemas/orders.avsc --subject orders-value --registry http://localhost:8081',
  async run({ values }, io) {
    const format = reportFormatOf(stringValue(values, 'format'))
    const { subjects, resolver, registry } = await subjectsToCheck(values, io)
    const reporter = createReporter(format, io)
    let incompatible = 0
    for (const subject of subjects) {
      if (!(await checkSubject(subject, resolver, registry, reporter))) incompatible += 1
    }
    const total = `${subjects.length} ${subjects.length === 1 ? 'subject' : 'subjects'}`
    reporter.end({
      command: 'check',
      ok: incompatible === 0,
      text: incompatible === 0 ? `${total} compatible` : `${incompatible} of ${total} incompatible`,
      counts: { subjects: subjects.length, incompatible },
    })
    return incompatible === 0 ? EXIT_OK : EXIT_FAILURE
  },
}

/** The subjects to check, each at the --level given, else at the manifest's level, else at the registry's. */
async function subjectsToCheck(values: CommandLine['values'], io: CommandIo): Promise<SubjectSchemas> {
  const level = levelOf(stringValue(values, 'level'))
  const found = await subjectSchemas(values, io, 'check')
  return { ...found, subjects: found.subjects.map((subject) => ({ ...subject, level: level ?? subject.level })) }
}

const formatOf = (type: SchemaType): SchemaFormat => formatFor(type)!

/** Checks one subject and reports it; resolves with whether it is compatible. */
async function checkSubject(
  subject: SubjectSchema,
  resolver: SchemaResolver,
  registry: RegistryHttp,
  reporter: Reporter,
): Promise<boolean> {
  const { parsed, text } = await resolver.parseLocal(subject)
  const previous = new Map<number, ParsedSchema>()
  let verdict: CompatibilityVerdict
  let level: string
  if (subject.level !== undefined) {
    for (const version of await registry.versions(subject.subject)) {
      previous.set(version, await resolver.registeredVersion(subject.subject, version))
    }
    const versions: PreviousVersion[] = [...previous].map(([version, schema]) => ({ version, schema }))
    const result = checkCompatibility(formatOf, subject.level, parsed, versions)
    verdict = readCompatibilityMessages(result.compatible, result.messages)
    level = subject.level
  } else {
    const references = await resolver.registryReferences(subject.references)
    const result = await registry.testCompatibility(subject.subject, { schemaType: subject.schemaType, schema: text, references }).catch((error: unknown) => {
      // Some registries answer a subject without versions with 40401 rather than `is_compatible: true`.
      if (error instanceof RegistryError && error.errorCode === 40401) return { compatible: true, messages: [] }
      throw error
    })
    verdict = readCompatibilityMessages(result.compatible, result.messages)
    if (!verdict.compatible && verdict.incompatibilities.length === 0 && verdict.other.length > 0) {
      // With verbose=true the registry answers a schema it cannot parse with is_compatible false and the reason.
      throw new CliError(`${resolver.display(subject.file)}: the registry refused the schema of '${subject.subject}': ${verdict.other.join('; ')}`, EXIT_USAGE)
    }
    level = verdict.level ?? (await registry.compatibilityLevel(subject.subject))
  }
  return reportCompatibility(reporter, verdict, {
    suite: 'check',
    name: subject.subject,
    file: resolver.display(subject.file),
    subject: subject.subject,
    level,
    newSchema: parsed,
    // Only Avro needs the old tree, to find the incompatibility's path in it.
    oldSchema: async (version) =>
      previous.get(version) ?? (parsed.schemaType === 'AVRO' ? resolver.registeredVersion(subject.subject, version) : undefined),
  })
}
