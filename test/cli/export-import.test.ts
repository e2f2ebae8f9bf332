// Tests of `schemaport export` and `schemaport import` on real file logs in temp directories: the round trip
// keeps every record (tombstones included) in order, keys come back in Confluent's property order, and bad
// input or a non-empty store is refused without writing anything.

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { EXIT_FAILURE, EXIT_OK } from '../../src/cli/command.ts'
import { runCli } from '../../src/cli/program.ts'
import { FileLog } from '../../src/registry/store/file/file-log.ts'
import type { LogRecord } from '../../src/registry/store/schema-log.ts'
import { captureIo } from './capture-io.ts'

const tempDir = () => mkdtempSync(path.join(tmpdir(), 'schemaport-export-'))

const schemaValue = (subject: string, version: number, id: number, deleted = false) =>
  JSON.stringify({ subject, version, id, schema: '"string"', deleted })

/** One record of every key type, a global config in Karapace's `"subject":null` form, and tombstones. */
const RECORDS: LogRecord[] = [
  { key: '{"keytype":"SCHEMA","subject":"orders-value","version":1,"magic":1}', value: schemaValue('orders-value', 1, 1) },
  { key: '{"keytype":"SCHEMA","subject":"orders-value","version":2,"magic":1}', value: schemaValue('orders-value', 2, 2) },
  { key: '{"keytype":"CONFIG","magic":0}', value: '{"compatibilityLevel":"FULL"}' },
  { key: '{"keytype":"CONFIG","subject":null,"magic":0}', value: '{"compatibilityLevel":"NONE"}' },
  { key: '{"keytype":"CONFIG","subject":"orders-value","magic":0}', value: '{"subject":"orders-value","compatibilityLevel":"BACKWARD"}' },
  { key: '{"keytype":"MODE","subject":"orders-value","magic":0}', value: '{"subject":"orders-value","mode":"READONLY"}' },
  { key: '{"keytype":"MODE","subject":"orders-value","magic":0}', value: null },
  { key: '{"keytype":"NOOP","magic":0}', value: null },
  { key: '{"keytype":"SCHEMA","subject":"orders-value","version":2,"magic":1}', value: schemaValue('orders-value', 2, 2, true) },
  { key: '{"keytype":"SCHEMA","subject":"orders-value","version":2,"magic":1}', value: null },
  { key: '{"keytype":"DELETE_SUBJECT","subject":"orders-value","magic":0}', value: '{"subject":"orders-value","version":1}' },
  { key: '{"keytype":"CLEAR_SUBJECT","subject":"orders-value","magic":0}', value: '{"subject":"orders-value"}' },
  { key: '{"keytype":"CONTEXT","tenant":"default","context":".staging","magic":0}', value: '{"tenant":"default","context":".staging"}' },
]

async function writeLog(dir: string, records: readonly LogRecord[]): Promise<void> {
  const log = new FileLog({ dir })
  await log.open(() => {})
  await log.append(records)
  await log.close()
}

async function readLog(dir: string): Promise<LogRecord[]> {
  const log = new FileLog({ dir })
  const records: LogRecord[] = []
  await log.open((record) => records.push({ key: record.key, value: record.value }))
  await log.close()
  return records
}

async function run(argv: string[]) {
  const io = captureIo()
  const code = await runCli(argv, io)
  return { code, out: io.out(), err: io.err() }
}

test('export then import into an empty directory gives back every record, in order', async () => {
  const from = tempDir()
  const to = tempDir()
  await writeLog(from, RECORDS)
  const file = path.join(tempDir(), 'registry.jsonl')

  const exported = await run(['export', '--data-dir', from, '--out', file])
  assert.deepEqual([exported.code, exported.out], [EXIT_OK, ''])
  assert.equal(exported.err, `exported ${RECORDS.length} records from ${from} to ${file}\n`)

  const imported = await run(['import', file, '--data-dir', to])
  assert.equal(imported.code, EXIT_OK, imported.err)
  assert.equal(imported.err, `imported ${RECORDS.length} records from ${file} into ${to}\n`)
  assert.deepEqual(await readLog(to), RECORDS)
})

test('export writes one {"key", "value"} object per line to stdout, keys and values as JSON', async () => {
  const dir = tempDir()
  await writeLog(dir, RECORDS.slice(6, 8))
  const { code, out } = await run(['export', '--data-dir', dir])
  assert.equal(code, EXIT_OK)
  assert.equal(
    out,
    '{"key":{"keytype":"MODE","subject":"orders-value","magic":0},"value":null}\n' +
      '{"key":{"keytype":"NOOP","magic":0},"value":null}\n',
  )
})

test('import writes keys in Confluent property order and values compactly', async () => {
  const dir = tempDir()
  const file = path.join(tempDir(), 'reordered.jsonl')
  writeFileSync(
    file,
    '{"value": {"subject": "t", "version": 1, "id": 7, "schema": "\\"int\\"", "deleted": false}, ' +
      '"key": {"magic": 1, "version": 1, "subject": "t", "keytype": "SCHEMA"}}\n' +
      '\n' +
      '{"key": {"magic": 0, "context": ".c", "tenant": "default", "keytype": "CONTEXT"}, "value": {"tenant": "default", "context": ".c"}}\n',
  )
  assert.equal((await run(['import', file, '--data-dir', dir])).code, EXIT_OK)
  assert.deepEqual(await readLog(dir), [
    {
      key: '{"keytype":"SCHEMA","subject":"t","version":1,"magic":1}',
      value: '{"subject":"t","version":1,"id":7,"schema":"\\"int\\"","deleted":false}',
    },
    { key: '{"keytype":"CONTEXT","tenant":"default","context":".c","magic":0}', value: '{"tenant":"default","context":".c"}' },
  ])
})

test('import refuses a data directory whose log already holds records, and leaves it as it was', async () => {
  const dir = tempDir()
  await writeLog(dir, RECORDS.slice(0, 1))
  const file = path.join(tempDir(), 'one.jsonl')
  writeFileSync(file, '{"key":{"keytype":"NOOP","magic":0},"value":null}\n')
  const { code, err } = await run(['import', file, '--data-dir', dir])
  assert.equal(code, EXIT_FAILURE)
  assert.equal(
    err,
    `schemaport import: the log in ${dir} already holds 1 records; import only loads into an empty data directory\n`,
  )
  assert.deepEqual(await readLog(dir), RECORDS.slice(0, 1))
})

test('import reports the first bad line with its number and the problem, and writes nothing', async () => {
  const cases: [string, string][] = [
    ['{"key":{"keytype":"SCHEMA","subject":"s","version":"1","magic":1},"value":null}', 'key.version: must be integer'],
    ['{"key":{"keytype":"SCHEMA","subject":"s","magic":1},"value":null}', "key: must have required property 'version'"],
    ['{"key":{"keytype":"SCHEMA","subject":"s","version":1,"magic":1},"value":{"subject":"s","version":1,"schema":"{}"}}', "value: must have required property 'id'"],
    ['{"key":{"keytype":"CONFIG","magic":0},"value":{"compatibilityLevel":"SIDEWAYS"}}', 'value.compatibilityLevel: must be one of "NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE"'],
    ['{"key":{"keytype":"MODE","magic":0,"extra":true},"value":null}', "key: unknown property 'extra'"],
    ['{"key":{"keytype":"TOPIC","magic":0},"value":null}', 'key.keytype: must be one of "SCHEMA", "CONFIG", "MODE", "DELETE_SUBJECT", "CLEAR_SUBJECT", "NOOP", "CONTEXT"'],
    ['{"key":{"keytype":"NOOP","magic":1},"value":null}', 'key.magic: must be 0'],
    ['{"key":{"keytype":"NOOP","magic":0}}', "record: must have required property 'value'"],
    ['{"key":{"keytype":"NOOP","magic":0},"value":null', 'not JSON: '],
  ]
  for (const [line, problem] of cases) {
    const dir = tempDir()
    const file = path.join(tempDir(), 'bad.jsonl')
    writeFileSync(file, `{"key":{"keytype":"NOOP","magic":0},"value":null}\n\n${line}\n`)
    const { code, err } = await run(['import', file, '--data-dir', dir])
    assert.equal(code, EXIT_FAILURE, line)
    assert.ok(err.startsWith(`schemaport import: ${file} line 3: ${problem}`), `${line}\n${err}`)
    assert.deepEqual(await readLog(dir), [], line)
  }
})

test('export refuses a data directory held by a running registry', async () => {
  const dir = tempDir()
  await writeLog(dir, RECORDS.slice(0, 1))
  const running = new FileLog({ dir })
  await running.open(() => {})
  try {
    const { code, err } = await run(['export', '--data-dir', dir])
    assert.equal(code, EXIT_FAILURE)
    assert.match(err, new RegExp(`^schemaport export: the data directory ${dir} is locked by process ${process.pid}`))
  } finally {
    await running.close()
  }
})

test('export refuses a data directory that does not exist', async () => {
  const dir = path.join(tempDir(), 'missing')
  const { code, err } = await run(['export', '--data-dir', dir])
  assert.deepEqual([code, err], [EXIT_FAILURE, `schemaport export: no data directory at ${dir}\n`])
})

test('an exported file reads back line by line as the original key and value texts', async () => {
  const dir = tempDir()
  await writeLog(dir, RECORDS)
  const file = path.join(tempDir(), 'lines.jsonl')
  assert.equal((await run(['export', '--data-dir', dir, '-o', file])).code, EXIT_OK)
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line))
  assert.deepEqual(
    lines.map((line) => ({ key: JSON.stringify(line.key), value: line.value === null ? null : JSON.stringify(line.value) })),
    RECORDS,
  )
})
