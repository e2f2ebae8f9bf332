// Start-up replay of a 100,000-record log: seconds until the registry is open, and resident memory after,
// in a fresh process each; the baseline is the same process replaying the file log without the registry.
// Goal: < 2 s.

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FileLog } from '../src/registry/store/file/file-log.ts'
import { startScript, stop } from './support/process.ts'
import { busyLogRecords } from './support/busy-log.ts'

const RECORDS = 100_000

/** 100,000 records as a busy registry writes them: mostly schemas, with configs and soft deletes. */
async function writeLog(dir: string): Promise<void> {
  const log = new FileLog({ dir, compactionMinRecords: Number.MAX_SAFE_INTEGER })
  await log.open(() => {})
  const records = busyLogRecords(RECORDS)
  for (let i = 0; i < records.length; i += 1000) await log.append(records.slice(i, i + 1000))
  await log.close()
}

async function measure(dir: string, mode: 'registry' | 'log'): Promise<{ seconds: number; rssMiB: number }> {
  const started = await startScript('support/replay.ts', [dir, mode])
  const [seconds, rss] = started.ready.map(Number)
  await stop(started)
  return { seconds, rssMiB: rss / 1024 / 1024 }
}

export async function run(): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'schemaport-bench-'))
  try {
    await writeLog(dir)
    const log = await measure(dir, 'log')
    const registry = await measure(dir, 'registry')
    return [
      `replay ${RECORDS} records at start-up: ${registry.seconds.toFixed(2)} s (goal < 2 s), RSS after ${registry.rssMiB.toFixed(0)} MiB; file log alone: ${log.seconds.toFixed(2)} s, ${log.rssMiB.toFixed(0)} MiB; ratio ${(registry.seconds / log.seconds).toFixed(2)}x the bare log`,
    ]
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
