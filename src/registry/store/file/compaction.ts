// Rewrites a log file to the records its KeyIndex keeps, atomically: a crash at any step leaves either the
// old file or the new one, complete.
//
// Steps: write `<file>.compact`, fsync it, rename it over `<file>`, fsync the directory. A `.compact` file
// found at open is the leftover of a crash before the rename and is deleted (see FileLog.open).
import { rename, rm } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'
import { fsyncDir, openReadWrite, writeFully } from './durable-fs.ts'
import { KeyIndex } from './key-index.ts'
import { LogScanner } from './log-scanner.ts'
import { encodeBatch } from './record-codec.ts'

const FLUSH_BYTES = 1024 * 1024

export interface Compacted {
  /** Open on the new file, which now has the log's name. */
  readonly fh: FileHandle
  readonly index: KeyIndex
  readonly bytes: number
  /**
   * Set when the directory fsync after the rename failed: a crash could still bring the old file back, so
   * records appended to the new one would not be durable. The caller must stop appending.
   */
  readonly notDurable?: unknown
}

export const compactPath = (file: string): string => `${file}.compact`

/**
 * Writes the kept records of `file` (read through `fh`, indexed by `index`) to `file.compact` and renames it
 * over `file`. A failure before the rename deletes the `.compact` file and rethrows: `file` is untouched.
 * Once renamed, it resolves (see `notDurable`).
 */
export async function compact(file: string, fh: FileHandle, index: KeyIndex): Promise<Compacted> {
  const target = compactPath(file)
  const out = await openReadWrite(target, true)
  let written: { index: KeyIndex; bytes: number }
  try {
    written = await writeKept(file, fh, index, out)
    await out.datasync()
    await rename(target, file)
  } catch (err) {
    await out.close()
    await rm(target, { force: true })
    throw err
  }
  const notDurable = await fsyncDir(dirname(file)).then(
    () => undefined,
    (err: unknown) => err,
  )
  return { fh: out, ...written, notDurable }
}

async function writeKept(
  file: string,
  from: FileHandle,
  index: KeyIndex,
  out: FileHandle,
): Promise<{ index: KeyIndex; bytes: number }> {
  const kept = new KeyIndex()
  const scanner = new LogScanner(from, file)
  let ordinal = 0
  let bytes = 0
  let pending: Buffer[] = []
  let pendingBytes = 0
  for (let records = await scanner.next(); records !== undefined; records = await scanner.next()) {
    for (const record of records) {
      if (!index.keeps(ordinal++, record.key)) continue
      // One batch per record: every kept record is complete on its own.
      const line = encodeBatch([record])
      pending.push(line)
      pendingBytes += line.length
      kept.add(record)
    }
    if (pendingBytes >= FLUSH_BYTES) {
      await writeFully(out, Buffer.concat(pending), bytes)
      bytes += pendingBytes
      pending = []
      pendingBytes = 0
    }
  }
  // The file is only appended to in the same queue as compaction, so it must read back exactly as indexed.
  if (scanner.damage || ordinal !== index.records) {
    throw new Error(`${file} no longer matches its index (${ordinal} records read, ${index.records} indexed)`)
  }
  await writeFully(out, Buffer.concat(pending), bytes)
  return { index: kept, bytes: bytes + pendingBytes }
}
