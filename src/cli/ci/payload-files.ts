// Turns the payload arguments (files, folders, globs) into the sorted list of files to read. A missing file,
// or a glob or folder with no payload file in it, stops the command with exit code 2: a CI step that checks
// nothing should not pass.

import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { CliError, EXIT_USAGE } from '../command.ts'
import { expandGlob, isGlob } from './glob.ts'
import type { PayloadEncoding } from './payload-readers.ts'

/** The files a folder contributes in the JSON encodings; in the binary ones, every file. */
const JSON_EXTENSIONS = new Set(['.json', '.jsonl', '.ndjson'])

/** `inputs` are absolute paths or patterns; the result is absolute, sorted, without duplicates. */
export async function expandPayloads(inputs: readonly string[], encoding: PayloadEncoding): Promise<string[]> {
  const files = new Set<string>()
  const wanted = (file: string) => encoding === 'binary' || encoding === 'length-prefixed' || JSON_EXTENSIONS.has(path.extname(file).toLowerCase())
  for (const input of inputs) {
    let matched: string[]
    if (isGlob(input)) {
      matched = await expandGlob(input)
    } else {
      const info = await stat(input).catch(() => undefined)
      if (info === undefined) throw new CliError(`no payload file or folder at ${input}`, EXIT_USAGE)
      matched = info.isDirectory() ? (await filesUnder(input)).filter(wanted) : [input]
    }
    if (matched.length === 0) throw new CliError(`no payload files match ${input}`, EXIT_USAGE)
    for (const file of matched) files.add(file)
  }
  return [...files].sort()
}

/** Every file under `dir`, skipping names that start with a dot. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries
    .filter((entry) => entry.isFile() && !path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).some((part) => part.startsWith('.')))
    .map((entry) => path.join(entry.parentPath, entry.name))
}
