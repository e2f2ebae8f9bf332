// `schemaport validate`: checks payload files (JSON, JSON lines, Avro JSON encoding, Confluent wire format)
// against a schema from a file, from the registry, or from the manifest, reporting every invalid record.

import path from 'node:path'
import type { Command, CommandIo, CommandLine } from './command.ts'
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './command.ts'
import { manifestOf, namesOneSchema, registryOf, requireRegistry, SHARED_OPTIONS, stringValue, versionOf } from './ci/options.ts'
import type { PayloadEncoding } from './ci/payload-readers.ts'
import { createReporter, reportFormatOf } from './ci/reporters.ts'
import { SchemaResolver } from './ci/schema-resolver.ts'
import { schemaTypeOf } from './ci/schema-files.ts'
import type { ValidationTarget } from './ci/validate-payloads.ts'
import { validatePayloads } from './ci/validate-payloads.ts'

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Checks payload files against a schema, reporting every invalid record.',
  arguments: [],
  options: {
    payloads: {
      type: 'string',
      value: 'PATHS',
      description:
        'Payload files, folders or globs (*, **, ?, {a,b}), separated by commas. A .json file is one record; other files are JSON ' +
        'lines, one record per line; a folder contributes its .json, .jsonl and .ndjson files (every file with --binary).',
    },
    schema: SHARED_OPTIONS.schema,
    type: SHARED_OPTIONS.type,
    message: { type: 'string', value: 'NAME', description: 'Protobuf: the message the payloads hold (full name); by default the first message of the file.' },
    registry: SHARED_OPTIONS.registry,
    subject: { type: 'string', value: 'SUBJECT', description: 'Validate against this subject of the registry (with --registry) instead of a file.' },
    version: { type: 'string', value: 'VERSION', description: 'With --subject: the version to validate against; default latest.' },
    'avro-json': { type: 'boolean', description: 'Avro: the payloads use Avro\'s JSON encoding (a union value wrapped as {"type": value}); by default unions are plain JSON values.' },
    binary: { type: 'boolean', description: 'The payloads are Confluent wire format (magic byte, schema id, payload), one record per file.' },
    'length-prefixed': { type: 'boolean', description: 'With --binary: each file holds many records, each preceded by its length as a 4-byte big-endian integer.' },
    manifest: SHARED_OPTIONS.manifest,
    format: SHARED_OPTIONS.format,
  },
  example: 'schemaport validate --schema schemas/orders.avsc --payloads samples/orders.jsonl',
  async run(commandLine, io) {
    const format = reportFormatOf(stringValue(commandLine.values, 'format'))
    const { targets, resolver } = namesOneSchema(commandLine.values) ? await singleTarget(commandLine, io) : await manifestTargets(commandLine, io)
    const reporter = createReporter(format, io)
    const counts = await validatePayloads(targets, reporter, io, (file) => resolver.display(file))
    const files = `${counts.files} ${counts.files === 1 ? 'file' : 'files'}`
    reporter.end({
      command: 'validate',
      ok: counts.invalid === 0,
      text:
        counts.invalid === 0
          ? `${counts.records} records valid in ${files}`
          : `${counts.invalid} of ${counts.records} records invalid in ${files}`,
      counts: { ...counts },
    })
    return counts.invalid === 0 ? EXIT_OK : EXIT_FAILURE
  },
}

type Targets = { targets: ValidationTarget[]; resolver: SchemaResolver }

async function singleTarget({ values }: CommandLine, io: CommandIo): Promise<Targets> {
  const payloads = stringValue(values, 'payloads')
  if (payloads === undefined) throw new CliError('give the payloads to check with --payloads PATHS', EXIT_USAGE)
  const registry = registryOf(values)
  const resolver = new SchemaResolver(io.cwd, undefined, registry)
  const schemaFile = stringValue(values, 'schema')
  const subject = stringValue(values, 'subject')
  let target: Omit<ValidationTarget, 'payloads' | 'encoding' | 'message'>
  if (schemaFile !== undefined) {
    const file = path.resolve(io.cwd, schemaFile)
    const { parsed } = await resolver.parseLocal({ file, schemaType: schemaTypeOf(schemaFile, stringValue(values, 'type')), references: [] })
    target = { suite: subject ?? resolver.display(file), schema: parsed }
  } else {
    const registered = await requireRegistry(registry, `validating against subject '${subject}'`).subjectVersion(subject!, versionOf(stringValue(values, 'version')))
    target = { suite: `${registered.subject} version ${registered.version}`, schema: await resolver.parseRegistered(registered) }
  }
  const encoding = encodingOf(values, target.schema.schemaType)
  const paths = payloads.split(',').filter((part) => part !== '').map((part) => path.resolve(io.cwd, part))
  return { targets: [{ ...target, payloads: paths, encoding, message: stringValue(values, 'message') }], resolver }
}

async function manifestTargets({ values }: CommandLine, io: CommandIo): Promise<Targets> {
  const manifest = await manifestOf(values, io)
  const resolver = new SchemaResolver(io.cwd, manifest, registryOf(values, manifest))
  const targets: ValidationTarget[] = []
  for (const entry of manifest.subjects) {
    if (entry.payloads.length === 0) continue
    const { parsed } = await resolver.parseLocal({ file: entry.schemaFile, schemaType: entry.schemaType, references: entry.references })
    targets.push({ suite: entry.subject, schema: parsed, payloads: entry.payloads, encoding: entry.encoding, message: entry.message })
  }
  if (targets.length === 0) throw new CliError(`${resolver.display(manifest.file)}: no subject lists payloads to validate`, EXIT_USAGE)
  return { targets, resolver }
}

function encodingOf(values: CommandLine['values'], schemaType: string): PayloadEncoding {
  if (values['length-prefixed'] === true && values.binary !== true) throw new CliError('--length-prefixed goes with --binary', EXIT_USAGE)
  if (values['avro-json'] === true) {
    if (values.binary === true) throw new CliError('--avro-json and --binary exclude each other', EXIT_USAGE)
    if (schemaType !== 'AVRO') throw new CliError(`--avro-json is for Avro schemas, not ${schemaType}`, EXIT_USAGE)
    return 'avro-json'
  }
  if (values.binary === true) return values['length-prefixed'] === true ? 'length-prefixed' : 'binary'
  return 'json'
}
