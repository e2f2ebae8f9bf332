import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdir, mkdtemp, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { crc32 } from 'node:zlib'
import { FileLog } from '../../../src/registry/store/file/file-log.ts'
import type { FileLogLogger } from '../../../src/registry/store/file/file-log.ts'
import type { LogRecord } from '../../../src/registry/store/schema-log.ts'
import { openCollecting, schemaKey, schemaLogContract, schemaRecord } from './schema-log.contract.ts'

const dirs: string[] = []
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))))

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'schemaport-file-log-'))
  dirs.push(dir)
  return dir
}

function recordingLogger(): FileLogLogger & { warnings: string[]; infos: string[] } {
  const warnings: string[] = []
  const infos: string[] = []
  const text = (obj: object | string, msg?: string) => msg ?? String(obj)
  return {
    warnings,
    infos,
    warn: (obj, msg) => warnings.push(text(obj, msg)),
    info: (obj, msg) => infos.push(text(obj, msg)),
  }
}

/** A line with a valid checksum over `body` (separator and JSON), whatever the body holds. */
const withCrc = (body: string): string => crc32(body).toString(16).padStart(8, '0') + body + '\n'

/** A line exactly as the format in record-codec.ts describes it. */
function frame(record: LogRecord, last = true): string {
  return withCrc((last ? ' ' : '+') + JSON.stringify([record.key, record.value]))
}

/** Writes the records through a FileLog (one append each) and returns the file's bytes. */
async function writeLog(dir: string, records: readonly LogRecord[]): Promise<Buffer> {
  const log = new FileLog({ dir })
  await openCollecting(log)
  for (const r of records) await log.append([r])
  await log.close()
  return readFile(join(dir, 'schemas.log'))
}

/** Opens the dir, returning what was replayed; the log is closed again. */
async function replay(dir: string, logger = recordingLogger()): Promise<LogRecord[]> {
  const log = new FileLog({ dir, logger })
  const delivered = await openCollecting(log)
  await log.close()
  return delivered
}

/** Folds records into the key/value state a consumer would hold. */
function finalState(records: readonly LogRecord[]): Map<string, string> {
  const state = new Map<string, string>()
  for (const r of records) {
    if (r.value === null) state.delete(r.key)
    else state.set(r.key, r.value)
  }
  return state
}

async function spawnNode(args: string[]) {
  const child = spawn(process.execPath, args, { stdio: 'ignore' })
  await once(child, 'spawn')
  return child
}

schemaLogContract('FileLog', async () => {
  const dir = await tempDir()
  return {
    log: new FileLog({ dir }),
    reopen: async () => new FileLog({ dir }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  }
})

describe('FileLog files', () => {
  test('creates the data directory, schemas.log and a LOCK holding the pid; close removes the LOCK', async () => {
    const dir = join(await tempDir(), 'nested', 'data')
    const log = new FileLog({ dir })
    await openCollecting(log)
    assert.equal(await readFile(join(dir, 'LOCK'), 'utf8'), `${process.pid}\n`)
    assert.equal((await stat(join(dir, 'schemas.log'))).size, 0)
    await log.close()
    await assert.rejects(stat(join(dir, 'LOCK')), { code: 'ENOENT' })
  })

  test('writes one line per record: crc32 hex, "+" inside an append or " " at its end, JSON [key, value]', async () => {
    const dir = await tempDir()
    const log = new FileLog({ dir })
    await openCollecting(log)
    const a = schemaRecord('a'), b = { key: schemaKey('a'), value: null }, c = schemaRecord('ç😀')
    await log.append([a, b])
    await log.append([c])
    await log.close()
    const expected = frame(a, false) + frame(b) + frame(c)
    assert.equal(await readFile(join(dir, 'schemas.log'), 'utf8'), expected)
    assert.deepEqual(log.stats(), { records: 3, bytes: Buffer.byteLength(expected) })
  })

  test('writes the example line of the format documentation byte for byte', async () => {
    const dir = await tempDir()
    await writeLog(dir, [{ key: '{"keytype":"NOOP","magic":0}', value: null }])
    const line = '40cfd4cd ["{\\"keytype\\":\\"NOOP\\",\\"magic\\":0}",null]\n'
    assert.equal(await readFile(join(dir, 'schemas.log'), 'utf8'), line)
  })

  test('rejects a bad compactionMinRecords naming the value', () => {
    assert.throws(() => new FileLog({ dir: '/tmp/x', compactionMinRecords: 0 }), /compactionMinRecords .* got 0/)
    assert.throws(() => new FileLog({ dir: '' }), /dir must be a non-empty string/)
  })

  test('keeps going when the record listener throws, logging a warning', async () => {
    const dir = await tempDir()
    const logger = recordingLogger()
    const log = new FileLog({ dir, logger })
    await log.open(() => {
      throw new Error('listener bug')
    })
    await log.append([schemaRecord('a')])
    await log.close()
    assert.match(logger.warnings.join('\n'), /record listener threw/)
    assert.deepEqual(await replay(dir), [schemaRecord('a')])
  })
})

describe('FileLog replay of a damaged file', () => {
  const r1 = schemaRecord('one'), r2 = schemaRecord('two'), r3 = schemaRecord('three')

  test('cuts off the last record torn at any byte, warning with its offset', async () => {
    const dir = await tempDir()
    const full = await writeLog(dir, [r1, r2, r3])
    const lastStart = full.length - Buffer.byteLength(frame(r3))
    for (let cut = lastStart + 1; cut < full.length; cut++) {
      await writeFile(join(dir, 'schemas.log'), full.subarray(0, cut))
      const logger = recordingLogger()
      assert.deepEqual(await replay(dir, logger), [r1, r2], `cut at ${cut}`)
      assert.equal((await stat(join(dir, 'schemas.log'))).size, lastStart, `cut at ${cut}`)
      assert.equal(logger.warnings.length, 1)
      assert.match(logger.warnings[0], new RegExp(`torn or corrupt tail at byte offset ${lastStart} `))
    }
  })

  test('appends after a cut tail land on a clean line', async () => {
    const dir = await tempDir()
    const full = await writeLog(dir, [r1, r2])
    await writeFile(join(dir, 'schemas.log'), full.subarray(0, full.length - 5))
    const log = new FileLog({ dir })
    assert.deepEqual(await openCollecting(log), [r1])
    await log.append([r3])
    await log.close()
    assert.deepEqual(await replay(dir), [r1, r3])
  })

  test('cuts off a multi-record append whose last record is missing, keeping appends atomic', async () => {
    const dir = await tempDir()
    const log = new FileLog({ dir })
    await openCollecting(log)
    await log.append([r1])
    await log.append([r2, r3, schemaRecord('four')])
    await log.close()
    const full = await readFile(join(dir, 'schemas.log'))
    const firstEnd = Buffer.byteLength(frame(r1))
    const thirdEnd = firstEnd + Buffer.byteLength(frame(r2, false) + frame(r3, false))
    for (const cut of [thirdEnd, thirdEnd + 10, full.length - 1]) {
      await writeFile(join(dir, 'schemas.log'), full.subarray(0, cut))
      const logger = recordingLogger()
      assert.deepEqual(await replay(dir, logger), [r1], `cut at ${cut}`)
      assert.equal((await stat(join(dir, 'schemas.log'))).size, firstEnd)
      assert.match(logger.warnings[0], new RegExp(`at byte offset ${firstEnd} `))
    }
  })

  const badLastLines = [
    { name: 'a wrong checksum', line: frame(r3).replace('three', 'thrEe'), reason: 'checksum mismatch' },
    { name: 'a checksum that is not hex', line: 'xyz' + frame(r3).slice(3), reason: 'malformed checksum' },
    { name: 'an unknown separator', line: withCrc(`*["k","v"]`), reason: 'malformed separator' },
    { name: 'invalid JSON under a valid checksum', line: withCrc(' ["k",'), reason: 'malformed JSON' },
    { name: 'three array items', line: withCrc(' ["k","v",3]'), reason: 'not a [key, value] pair' },
    { name: 'a number as key', line: withCrc(' [1,null]'), reason: 'not a [key, value] pair' },
    { name: 'nothing before its newline', line: '\n', reason: 'line too short' },
  ]
  for (const { name, line, reason } of badLastLines) {
    test(`cuts off a last line with ${name}`, async () => {
      const dir = await tempDir()
      const prefix = frame(r1) + frame(r2)
      await writeFile(join(dir, 'schemas.log'), prefix + line)
      const logger = recordingLogger()
      assert.deepEqual(await replay(dir, logger), [r1, r2])
      assert.equal(await readFile(join(dir, 'schemas.log'), 'utf8'), prefix)
      const offset = Buffer.byteLength(prefix)
      assert.ok(logger.warnings[0].includes(`(${reason} at byte offset ${offset}`), logger.warnings[0])
    })
  }

  test('refuses to open when a corrupt record is followed by valid ones, naming the file and offset', async () => {
    const dir = await tempDir()
    const full = await writeLog(dir, [r1, r2, r3])
    const secondStart = Buffer.byteLength(frame(r1))
    const damaged = Buffer.from(full)
    damaged[secondStart + 20] ^= 0x01
    await writeFile(join(dir, 'schemas.log'), damaged)
    const file = join(dir, 'schemas.log')
    await assert.rejects(replay(dir), (err: Error) => {
      assert.ok(err.message.includes(`${file}: corrupt record at byte offset ${secondStart}`), err.message)
      return true
    })
    assert.deepEqual(await readFile(file), damaged, 'the file is left as it was')
    await assert.rejects(stat(join(dir, 'LOCK')), { code: 'ENOENT' })
  })
})

describe('FileLog lock', () => {
  test('a second FileLog on a locked dir fails fast, naming the dir and the pid', async () => {
    const dir = await tempDir()
    const first = new FileLog({ dir })
    await openCollecting(first)
    const second = new FileLog({ dir })
    await assert.rejects(openCollecting(second), (err: Error) => {
      assert.ok(err.message.includes(dir) && err.message.includes(`process ${process.pid}`), err.message)
      return true
    })
    await first.append([schemaRecord('still-works')])
    await first.close()
    assert.deepEqual(await replay(dir), [schemaRecord('still-works')])
  })

  test('a lock held by another live process fails fast, naming the dir and its pid', async () => {
    const dir = await tempDir()
    const holder = await spawnNode(['-e', 'setInterval(() => {}, 1000)'])
    try {
      await writeFile(join(dir, 'LOCK'), `${holder.pid}\n`)
      await assert.rejects(replay(dir), (err: Error) => {
        assert.ok(err.message.includes(dir) && err.message.includes(`process ${holder.pid}`), err.message)
        return true
      })
      assert.equal(await readFile(join(dir, 'LOCK'), 'utf8'), `${holder.pid}\n`, 'the lock is left alone')
    } finally {
      holder.kill('SIGKILL')
    }
  })

  test('a stale lock of a dead process is taken over with a warning', async () => {
    const dir = await tempDir()
    const dead = await spawnNode(['-e', ''])
    await once(dead, 'exit')
    await writeFile(join(dir, 'LOCK'), `${dead.pid}\n`)
    const logger = recordingLogger()
    const log = new FileLog({ dir, logger })
    await openCollecting(log)
    assert.equal(await readFile(join(dir, 'LOCK'), 'utf8'), `${process.pid}\n`)
    assert.match(logger.warnings.join('\n'), /stale lock/)
    await log.close()
  })

  test('a lock holding our own pid that this process does not hold is stale (a restarted container)', async () => {
    const dir = await tempDir()
    await writeFile(join(dir, 'LOCK'), `${process.pid}\n`)
    const logger = recordingLogger()
    assert.deepEqual(await replay(dir, logger), [])
    assert.match(logger.warnings.join('\n'), /stale lock/)
  })
})

describe('FileLog compaction', () => {
  const key = (k: string) => `{"keytype":"CONFIG","subject":"${k}","magic":0}`
  const put = (k: string, v: string | null): LogRecord => ({ key: key(k), value: v })
  // 14 records of which 6 are kept: more than twice as many.
  const history: LogRecord[] = [
    put('A', 'a1'), put('B', 'b1'), put('C', null), put('D', 'd1'), put('A', 'a2'), put('B', null), put('D', null),
    put('C', null), put('E', 'e1'), put('D', 'd2'), put('A', 'a3'), put('D', null), put('A', 'a4'), put('A', 'a5'),
  ]
  // Per key the last record, in original order; a tombstone keeps the last value before it; C is all tombstones.
  const compacted = [put('B', 'b1'), put('B', null), put('E', 'e1'), put('D', 'd2'), put('D', null), put('A', 'a5')]

  test('runs after an append once the file holds more than twice what it would keep', async () => {
    const dir = await tempDir()
    const logger = recordingLogger()
    const log = new FileLog({ dir, logger, compactionMinRecords: 10 })
    const delivered = await openCollecting(log)
    await log.append(history)
    await log.append([]) // queued behind the compaction
    assert.deepEqual(delivered, history, 'compaction does not redeliver')
    assert.equal(log.stats().records, compacted.length)
    assert.equal(log.stats().bytes, (await stat(join(dir, 'schemas.log'))).size)
    await log.close()
    const replayed = await replay(dir)
    assert.deepEqual(replayed, compacted)
    assert.deepEqual(finalState(replayed), finalState(history))
    assert.match(logger.infos.join('\n'), /compacted/)
    await assert.rejects(stat(join(dir, 'schemas.log.compact')), { code: 'ENOENT' })
  })

  test('does not run below compactionMinRecords, nor when at most half would go', async () => {
    const big = await tempDir()
    const log = new FileLog({ dir: big, compactionMinRecords: 15 })
    await openCollecting(log)
    await log.append(history)
    await log.close()
    assert.equal((await replay(big)).length, history.length)
    // 12 records keeping 6: exactly twice.
    const even = await tempDir()
    const evenLog = new FileLog({ dir: even, compactionMinRecords: 10 })
    await openCollecting(evenLog)
    await evenLog.append(history.slice(0, 12))
    await evenLog.close()
    assert.equal((await replay(even)).length, 12)
  })

  test('runs at open after the full replay, and appends continue after it', async () => {
    const dir = await tempDir()
    await writeLog(dir, history)
    const log = new FileLog({ dir, compactionMinRecords: 10 })
    assert.deepEqual(await openCollecting(log), history)
    assert.equal(log.stats().records, compacted.length)
    await log.append([put('F', 'f1')])
    await log.close()
    assert.deepEqual(await replay(dir), [...compacted, put('F', 'f1')])
  })

  test('keeps compacting as the file grows, keeping the same final state', async () => {
    const dir = await tempDir()
    const log = new FileLog({ dir, compactionMinRecords: 10 })
    await openCollecting(log)
    const all: LogRecord[] = []
    for (let i = 0; i < 300; i++) {
      const record = put(`k${i % 7}`, i % 5 === 0 ? null : `v${i}`)
      all.push(record)
      await log.append([record])
    }
    await log.close()
    const replayed = await replay(dir)
    assert.ok(replayed.length <= 2 * 7, `${replayed.length} records left`)
    assert.deepEqual(finalState(replayed), finalState(all))
  })

  test('a failed compaction leaves the log unchanged and is retried after compactionMinRecords more', async () => {
    const dir = await tempDir()
    const logger = recordingLogger()
    const log = new FileLog({ dir, logger, compactionMinRecords: 10 })
    await openCollecting(log)
    // A directory where compaction writes its new file makes the compaction fail before the rename.
    await mkdir(join(dir, 'schemas.log.compact'))
    await log.append(history)
    await log.append([])
    assert.equal(log.stats().records, history.length)
    assert.match(logger.warnings.join('\n'), /compaction of .* failed; the log is unchanged/)
    await rmdir(join(dir, 'schemas.log.compact'))
    const more = Array.from({ length: 9 }, (_, i) => put('A', `more${i}`))
    await log.append(more)
    await log.append([])
    assert.equal(log.stats().records, history.length + 9, 'not retried before 10 more records')
    await log.append([put('A', 'last')])
    await log.append([])
    assert.equal(log.stats().records, compacted.length)
    await log.close()
    const replayed = await replay(dir)
    assert.deepEqual(finalState(replayed), finalState([...history, ...more, put('A', 'last')]))
    assert.equal(logger.warnings.length, 1)
  })

  test('deletes a .compact file left by a crash and replays the log as it was', async () => {
    const dir = await tempDir()
    const x = schemaRecord('x'), y = schemaRecord('y')
    await writeLog(dir, [x, y])
    await writeFile(join(dir, 'schemas.log.compact'), frame(x) + 'half a rec')
    const logger = recordingLogger()
    assert.deepEqual(await replay(dir, logger), [x, y])
    await assert.rejects(stat(join(dir, 'schemas.log.compact')), { code: 'ENOENT' })
    assert.match(logger.infos.join('\n'), /did not finish/)
  })
})

describe('FileLog appends', () => {
  test('group commit: many concurrent appends are all durable, in call order', async () => {
    const dir = await tempDir()
    const log = new FileLog({ dir })
    const delivered = await openCollecting(log)
    const batches = Array.from({ length: 500 }, (_, i) =>
      i % 10 === 0 ? [schemaRecord(`g${i}`, 1), schemaRecord(`g${i}`, 2)] : [schemaRecord(`g${i}`)],
    )
    await Promise.all(batches.map((b) => log.append(b)))
    const expected = batches.flat()
    assert.deepEqual(delivered, expected)
    const size = log.stats().bytes
    await log.close()
    assert.equal((await stat(join(dir, 'schemas.log'))).size, size)
    assert.deepEqual(await replay(dir), expected)
  })

  test('a failed write rejects with 50001 and leaves no part of its records, even after a restart', async () => {
    const dir = await tempDir()
    const script = join(import.meta.dirname, 'file-log.fsize-child.ts')
    const child = spawn(process.execPath, ['--import', 'tsx', script, dir], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk))
    const [code] = await once(child, 'exit')
    assert.equal(code, 0, out)
    const report = JSON.parse(out) as {
      rejected: { errorCode: number; message: string }
      sizeBefore: number
      sizeAfter: number
      records: LogRecord[]
    }
    assert.equal(report.rejected.errorCode, 50001)
    assert.match(report.rejected.message, /Error in the backend data store: cannot write .*schemas\.log/)
    assert.equal(report.sizeAfter, report.sizeBefore)
    assert.deepEqual(await replay(dir), report.records)
  })
})
