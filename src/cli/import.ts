// `schemaport import`: loads a `schemaport export` file into an empty file log, keeping ids and versions.

import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { LogRecord } from '../registry/store/schema-log.ts'
import { FileLog } from '../registry/store/file/file-log.ts'
import type { Command } from './command.ts'
import { CliError, EXIT_OK } from './command.ts'
import { configOptions, loadRegistryConfig } from './config.ts'
import { parseLines } from './record-lines.ts'

/** Records per append: each batch is one write and one fsync. */
const BATCH_SIZE = 1000

export const importCommand: Command = {
  name: 'import',
  summary: 'Loads an export file into an empty data directory, keeping ids and versions.',
  arguments: [
    {
      name: 'FILE',
      description:
        'Written by `schemaport export`: one {"key": …, "value": …} record per line. Every line is checked before ' +
        'anything is written; a data directory whose log holds records is refused.',
    },
  ],
  options: configOptions(['dataDir']),
  example: 'schemaport import registry.jsonl --data-dir ./data',
  async run({ values, positionals }, io) {
    const { dataDir } = loadRegistryConfig({ flags: values, env: io.env, cwd: io.cwd })
    const file = path.resolve(io.cwd, positionals[0])
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch (error) {
      throw new CliError(`cannot read ${file}: ${(error as Error).message}`)
    }
    const records = parseLines(text, file)
    await appendToEmptyLog(dataDir, records)
    io.stderr.write(`imported ${records.length} records from ${file} into ${dataDir}\n`)
    return EXIT_OK
  },
}

async function appendToEmptyLog(dir: string, records: readonly LogRecord[]): Promise<void> {
  const log = new FileLog({ dir })
  let existing = 0
  try {
    await log.open(() => {
      existing += 1
    })
    if (existing > 0) {
      throw new CliError(
        `the log in ${dir} already holds ${existing} records; import only loads into an empty data directory`,
      )
    }
    for (let start = 0; start < records.length; start += BATCH_SIZE) {
      await log.append(records.slice(start, start + BATCH_SIZE))
    }
  } finally {
    await log.close()
  }
}
