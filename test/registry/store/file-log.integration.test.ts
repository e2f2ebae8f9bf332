import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { FileLog } from '../../../src/registry/store/file/file-log.ts'
import type { LogRecord } from '../../../src/registry/store/schema-log.ts'
import { HOT_KEYS, uniqueKey } from './file-log.crash-child.ts'

const CHILD = join(import.meta.dirname, 'file-log.crash-child.ts')
// Kill after this many acknowledged appends, to land in different phases (first writes, compactions).
const KILL_AFTER = [1, 40, 150, 400, 900]

/** Resolves once `condition()` holds, checked whenever the child prints; rejects after `ms`. */
function waitFor(child: ReturnType<typeof spawn>, condition: () => boolean, ms: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)
    const check = () => condition() && done()
    const done = (err?: Error) => {
      clearTimeout(timer)
      child.stdout?.off('data', check)
      child.off('exit', onExit)
      if (err) reject(err)
      else resolve()
    }
    const onExit = (code: number | null) => done(new Error(`the child exited (${code}) while waiting for ${what}`))
    child.stdout?.on('data', check)
    child.on('exit', onExit)
  })
}

for (const [run, killAfter] of KILL_AFTER.entries()) {
  const name = `every acknowledged append survives SIGKILL, in order, exactly once (run ${run + 1}, ${killAfter} acks)`
  test(name, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'schemaport-crash-'))
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir], { stdio: ['ignore', 'pipe', 'inherit'] })
      const acked = new Set<number>()
      let partial = ''
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        const lines = (partial + chunk).split('\n')
        partial = lines.pop() ?? ''
        for (const line of lines) acked.add(Number(/^acked (\d+)$/.exec(line)?.[1] ?? NaN))
      })
      await waitFor(child, () => acked.size >= killAfter, 5000, `${killAfter} acks`)
      child.kill('SIGKILL')
      await once(child, 'exit')
      assert.ok(!acked.has(NaN), 'the child printed only "acked N" lines')

      const log = new FileLog({ dir })
      const replayed: LogRecord[] = []
      await log.open((r) => replayed.push(r))
      await log.close()

      const uniques = replayed.filter((r) => !HOT_KEYS.includes(r.key)).map((r) => r.key)
      const last = uniques.length - 1
      // Appends are written in call order and a torn tail is cut: what survives is appends 0..last.
      assert.deepEqual(uniques, Array.from({ length: uniques.length }, (_, n) => uniqueKey(n)))
      const maxAcked = Math.max(...acked)
      assert.ok(last >= maxAcked, `append ${maxAcked} was acknowledged but the log ends at ${last}`)
      // Each append is atomic: every hot key was last rewritten by the last surviving append.
      for (const key of HOT_KEYS) {
        assert.equal(replayed.filter((r) => r.key === key).at(-1)?.value, String(last), key)
      }
      assert.deepEqual((await readdir(dir)).sort(), ['schemas.log'])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
}
