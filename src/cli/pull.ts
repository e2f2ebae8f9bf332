// `schemaport pull`: downloads subjects from the registry into schema files: one subject into --out, or every
// subject of the manifest into the file the manifest names for it.

import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { SchemaType } from '../formats/format.ts'
import type { Command, CommandIo, CommandLine } from './command.ts'
import { CliError, EXIT_OK, EXIT_USAGE } from './command.ts'
import { manifestOf, namesOneSchema, registryOf, requireRegistry, SHARED_OPTIONS, stringValue, versionOf } from './ci/options.ts'
import type { RegisteredSchema } from './ci/registry-http.ts'
import { displayPath } from './ci/report.ts'
import { createReporter, reportFormatOf } from './ci/reporters.ts'

const EXTENSIONS: Readonly<Record<SchemaType, string>> = { AVRO: '.avsc', JSON: '.json', PROTOBUF: '.proto' }

export const pullCommand: Command = {
  name: 'pull',
  summary: 'Downloads subjects from the registry into schema files.',
  arguments: [],
  options: {
    subject: { type: 'string', value: 'SUBJECT', description: 'The subject to download; without it, every subject of the manifest goes to its schema file.' },
    version: { type: 'string', value: 'VERSION', description: 'With --subject: the version to download; default latest.' },
    out: { type: 'string', short: 'o', value: 'FILE', description: 'With --subject: the file to write; default <subject>.avsc, .json or .proto in the working directory.' },
    registry: SHARED_OPTIONS.registry,
    manifest: SHARED_OPTIONS.manifest,
    format: SHARED_OPTIONS.format,
  },
  example: 'schemaport pull --subject orders-value --registry http://localhost:8081 --out schemas/orders.avsc',
  async run({ values }, io) {
    const format = reportFormatOf(stringValue(values, 'format'))
    const pulls = await subjectsToPull(values, io)
    const reporter = createReporter(format, io)
    for (const { registered, file } of pulls) {
      await mkdir(path.dirname(file), { recursive: true })
      try {
        await writeFile(file, fileText(registered))
      } catch (error) {
        throw new CliError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, EXIT_USAGE)
      }
      const references = registered.references.map((reference) => `${reference.subject} version ${reference.version}`)
      reporter.caseDone({
        suite: 'pull',
        name: registered.subject,
        file: displayPath(io.cwd, file),
        checked: 1,
        failed: 0,
        listed: true,
        note: `version ${registered.version} (id ${registered.id}) written to ${displayPath(io.cwd, file)}${references.length === 0 ? '' : `; it references ${references.join(', ')}`}`,
        data: { subject: registered.subject, version: registered.version, id: registered.id, schemaType: registered.schemaType, references: registered.references },
      })
    }
    reporter.end({ command: 'pull', ok: true, text: `pulled ${pulls.length} ${pulls.length === 1 ? 'subject' : 'subjects'}`, counts: { subjects: pulls.length } })
    return EXIT_OK
  },
}

/** Every subject to write and where; all are fetched before any file is written. */
async function subjectsToPull(values: CommandLine['values'], io: CommandIo): Promise<{ registered: RegisteredSchema; file: string }[]> {
  if (namesOneSchema(values)) {
    const subject = stringValue(values, 'subject')
    if (subject === undefined) throw new CliError('pull takes --subject SUBJECT (or a manifest), not --schema', EXIT_USAGE)
    const registered = await requireRegistry(registryOf(values), 'pull').subjectVersion(subject, versionOf(stringValue(values, 'version')))
    const out = stringValue(values, 'out') ?? `${subject.replace(/[^\w.-]/g, '_')}${EXTENSIONS[registered.schemaType]}`
    return [{ registered, file: path.resolve(io.cwd, out) }]
  }
  const manifest = await manifestOf(values, io)
  const registry = requireRegistry(registryOf(values, manifest), 'pull')
  const pulls = []
  for (const entry of manifest.subjects) pulls.push({ registered: await registry.subjectVersion(entry.subject, 'latest'), file: entry.schemaFile })
  return pulls
}

/** Avro and JSON schemas indented for people to read (the registry treats whitespace as insignificant);
 * Protobuf as the registry has it. */
function fileText(registered: RegisteredSchema): string {
  if (registered.schemaType === 'PROTOBUF') return registered.schema.endsWith('\n') ? registered.schema : `${registered.schema}\n`
  return `${JSON.stringify(JSON.parse(registered.schema), null, 2)}\n`
}
