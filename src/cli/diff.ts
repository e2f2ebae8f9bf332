// `schemaport diff OLD NEW`: the registry's compatibility verdict for two schema files, offline: would NEW be
// accepted as the version after OLD at the given level? Same checker as the registry (checkCompatibility).

import path from 'node:path'
import { formatFor } from '../formats/index.ts'
import type { SchemaFormat, SchemaType } from '../formats/format.ts'
import { checkCompatibility } from '../registry/compatibility.ts'
import type { Command } from './command.ts'
import { EXIT_FAILURE, EXIT_OK } from './command.ts'
import { readCompatibilityMessages } from './ci/compatibility-messages.ts'
import { reportCompatibility } from './ci/compatibility-report.ts'
import { LEVEL_HELP, levelOf, SHARED_OPTIONS, stringValue } from './ci/options.ts'
import { createReporter, reportFormatOf } from './ci/reporters.ts'
import { displayPath } from './ci/report.ts'
import { parseSchema, readSchemaFile, schemaTypeOf } from './ci/schema-files.ts'

export const diffCommand: Command = {
  name: 'diff',
  summary: 'Checks offline whether schema file NEW could follow OLD at a compatibility level.',
  arguments: [
    { name: 'OLD', description: 'The schema as it is (e.g. the file at the merge base).' },
    { name: 'NEW', description: 'The schema as it would become (e.g. the file at the head of the branch).' },
  ],
  options: {
    type: SHARED_OPTIONS.type,
    level: { type: 'string', value: 'LEVEL', description: `The compatibility level; default BACKWARD (the registry's default). ${LEVEL_HELP}` },
    format: SHARED_OPTIONS.format,
  },
  example: 'schemaport diff old/orders.avsc schemas/orders.avsc --level FULL',
  async run({ values, positionals }, io) {
    const format = reportFormatOf(stringValue(values, 'format'))
    const level = levelOf(stringValue(values, 'level')) ?? 'BACKWARD'
    const display = (file: string) => displayPath(io.cwd, file)
    const [oldFile, newFile] = positionals.map((file) => path.resolve(io.cwd, file))
    const parse = async (given: string, file: string, submitted: boolean) => {
      const type = schemaTypeOf(given, stringValue(values, 'type'))
      return parseSchema(display(file), type, await readSchemaFile(file), [], () => undefined, submitted)
    }
    const oldSchema = await parse(positionals[0], oldFile, false)
    const newSchema = await parse(positionals[1], newFile, true)
    const result = checkCompatibility(formatOf, level, newSchema, [{ version: 1, schema: oldSchema }])
    const reporter = createReporter(format, io)
    const name = `${display(oldFile)} -> ${display(newFile)}`
    const compatible = await reportCompatibility(reporter, readCompatibilityMessages(result.compatible, result.messages), {
      suite: 'diff',
      name,
      file: display(newFile),
      level,
      newSchema,
      oldSchema: async () => oldSchema,
      oldLabel: display(oldFile),
    })
    reporter.end({
      command: 'diff',
      ok: compatible,
      text: `${name}: ${compatible ? 'compatible' : 'incompatible'} at ${level}`,
      counts: { incompatible: compatible ? 0 : 1 },
    })
    return compatible ? EXIT_OK : EXIT_FAILURE
  },
}

const formatOf = (type: SchemaType): SchemaFormat => formatFor(type)!
