// `schemaport export`: writes every record of a stopped registry's file log as JSON lines, in log order.

import { stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { LogRecord } from '../registry/store/schema-log.ts'
import { FileLog } from '../registry/store/file/file-log.ts'
import type { Command } from './command.ts'
import { CliError, EXIT_OK } from './command.ts'
import { configOptions, loadRegistryConfig } from './config.ts'
import { toLine } from './record-lines.ts'

export const exportCommand: Command = {
  name: 'export',
  summary: "Writes every record of a stopped registry's file log as JSON lines, in log order.",
  arguments: [],
  options: {
    out: {
      type: 'string',
      short: 'o',
      value: 'FILE',
      description: 'Write the lines to FILE instead of stdout. Each line is {"key": …, "value": …}; null is a tombstone.',
    },
    ...configOptions(['dataDir']),
  },
  example: 'schemaport export --data-dir ./data --out registry.jsonl',
  async run({ values }, io) {
    const { dataDir } = loadRegistryConfig({ flags: values, env: io.env, cwd: io.cwd })
    const records = await readLog(dataDir)
    const text = records.map((record, index) => toLine(record, index + 1)).join('')
    const out = typeof values.out === 'string' ? path.resolve(io.cwd, values.out) : undefined
    if (out === undefined) {
      io.stdout.write(text)
    } else {
      try {
        await writeFile(out, text)
      } catch (error) {
        throw new CliError(`cannot write ${out}: ${(error as Error).message}`)
      }
    }
    io.stderr.write(`exported ${records.length} records from ${dataDir}${out === undefined ? '' : ` to ${out}`}\n`)
    return EXIT_OK
  },
}

/** Every record of the file log in `dir`, taking its lock while reading (so a running registry is refused). */
async function readLog(dir: string): Promise<LogRecord[]> {
  // FileLog creates a missing directory; exporting a typo'd path should fail instead.
  const info = await stat(dir).catch(() => undefined)
  if (!info?.isDirectory()) throw new CliError(`no data directory at ${dir}`)
  const log = new FileLog({ dir })
  const records: LogRecord[] = []
  try {
    await log.open((record) => records.push(record))
  } finally {
    await log.close()
  }
  return records
}
