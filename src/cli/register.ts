// `schemaport register`: registers schema files under their subjects, references first. A schema the
// registry refuses as incompatible is reported with its differences (exit 1) and stops the run.

import type { Command } from './command.ts'
import { EXIT_FAILURE, EXIT_OK } from './command.ts'
import { readCompatibilityMessages } from './ci/compatibility-messages.ts'
import { reportCompatibility } from './ci/compatibility-report.ts'
import { SHARED_OPTIONS, stringValue } from './ci/options.ts'
import { registrationOrder } from './ci/registration-order.ts'
import type { RegistryHttp } from './ci/registry-http.ts'
import { RegistryError } from './ci/registry-http.ts'
import type { Reporter } from './ci/report.ts'
import { createReporter, reportFormatOf } from './ci/reporters.ts'
import type { SchemaResolver } from './ci/schema-resolver.ts'
import type { SubjectSchema } from './ci/subject-schemas.ts'
import { subjectSchemas } from './ci/subject-schemas.ts'

export const registerCommand: Command = {
  name: 'register',
  summary: 'Registers schema files under their subjects, referenced schemas first.',
  arguments: [],
  options: {
    schema: SHARED_OPTIONS.schema,
    type: SHARED_OPTIONS.type,
    subject: { type: 'string', value: 'SUBJECT', description: 'The subject to register the schema file under (with --schema).' },
    registry: SHARED_OPTIONS.registry,
    manifest: SHARED_OPTIONS.manifest,
    format: SHARED_OPTIONS.format,
  },
  example: 'schemaport register --schema schemas/orders.avsc --subject orders-value --registry http://localhost:8081',
  async run({ values }, io) {
    const format = reportFormatOf(stringValue(values, 'format'))
    const { subjects, resolver, registry } = await subjectSchemas(values, io, 'register', registrationOrder)
    const reporter = createReporter(format, io)
    let registered = 0
    let refused: string | undefined
    for (const subject of subjects) {
      if (await registerOne(subject, resolver, registry, reporter)) registered += 1
      else {
        refused = subject.subject
        break
      }
    }
    const total = `${subjects.length} ${subjects.length === 1 ? 'subject' : 'subjects'}`
    reporter.end({
      command: 'register',
      ok: refused === undefined,
      text: refused === undefined ? `registered ${total}` : `registered ${registered} of ${total}; '${refused}' was refused as incompatible`,
      counts: { subjects: subjects.length, registered },
    })
    return refused === undefined ? EXIT_OK : EXIT_FAILURE
  },
}

/** Registers one subject and reports it; resolves false when the registry refuses it as incompatible. */
async function registerOne(subject: SubjectSchema, resolver: SchemaResolver, registry: RegistryHttp, reporter: Reporter): Promise<boolean> {
  const { parsed, text } = await resolver.parseLocal(subject)
  const body = { schemaType: subject.schemaType, schema: text, references: await resolver.registryReferences(subject.references) }
  const file = resolver.display(subject.file)
  try {
    const id = await registry.register(subject.subject, body)
    const { version } = await registry.lookup(subject.subject, body)
    reporter.caseDone({
      suite: 'register',
      name: subject.subject,
      file,
      checked: 1,
      failed: 0,
      listed: true,
      note: `${file} registered as version ${version} (id ${id})`,
      data: { subject: subject.subject, id, version },
    })
    return true
  } catch (error) {
    if (!(error instanceof RegistryError) || error.status !== 409) throw error
  }
  // Refused as incompatible: the compatibility endpoint says why.
  const result = await registry.testCompatibility(subject.subject, body)
  const verdict = readCompatibilityMessages(false, result.messages)
  await reportCompatibility(reporter, verdict, {
    suite: 'register',
    name: subject.subject,
    file,
    subject: subject.subject,
    level: verdict.level ?? (await registry.compatibilityLevel(subject.subject)),
    newSchema: parsed,
    // Only Avro needs the old tree, to find the incompatibility's path in it.
    oldSchema: async (version) => (parsed.schemaType === 'AVRO' ? resolver.registeredVersion(subject.subject, version) : undefined),
  })
  return false
}
