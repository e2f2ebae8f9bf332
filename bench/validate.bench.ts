// `schemaport validate` on 1,000,000 JSON-lines Avro records, run as a child process the way a CI job runs it:
// records/s, and peak RSS (the child's maxRSS). Baselines from the same run: a bare readline loop over the same
// file, reading only and reading with JSON.parse (the ceiling for any streaming JSON-lines validator), and the
// peak RSS of validating 100,000 records: streaming keeps memory bounded (the heap reaches a steady size after a
// few hundred thousand records), where loading the file whole would add its 170 MB.

import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const RECORDS = 1_000_000
const SMALL = 100_000

const ORDER_SCHEMA = {
  type: 'record',
  name: 'Order',
  namespace: 'bench',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'customer', type: 'string' },
    { name: 'amount', type: 'double' },
    { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID', 'SHIPPED'] } },
    { name: 'items', type: { type: 'array', items: { type: 'record', name: 'Item', fields: [{ name: 'sku', type: 'string' }, { name: 'quantity', type: 'int' }] } } },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'createdAt', type: 'long' },
  ],
}

const order = (i: number): string =>
  JSON.stringify({
    id: `o-${i}`,
    customer: `c-${i % 9973}`,
    amount: (i % 1000) / 10,
    status: ['NEW', 'PAID', 'SHIPPED'][i % 3],
    items: [
      { sku: `sku-${i % 97}`, quantity: 1 + (i % 5) },
      { sku: `sku-${i % 89}`, quantity: 2 },
    ],
    note: i % 4 === 0 ? 'leave at the door' : null,
    createdAt: 1_700_000_000_000 + i,
  })

const PROGRAM = fileURLToPath(new URL('../src/cli/program.ts', import.meta.url))

/** Runs `script` (ES module code) in a child node with tsx; it prints one JSON line, read back with maxRSS. */
function child(script: string): Promise<{ result: any; maxRssMb: number; seconds: number }> {
  const start = performance.now()
  const wrapped = `${script}\nprocess.stderr.write('\\nMAXRSS ' + process.resourceUsage().maxRSS + '\\n')`
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', wrapped], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const seconds = (performance.now() - start) / 1000
      const rss = /MAXRSS (\d+)/.exec(stderr)
      if (rss === null) return reject(new Error(`child failed: ${error?.message}\n${stderr}`))
      resolve({ result: JSON.parse(stdout.trim().split('\n').pop()!), maxRssMb: Number(rss[1]) / 1024, seconds })
    })
  })
}

/** `schemaport validate` in a child: the exit code, its summary and the seconds spent inside the command. */
const validateIn = (schema: string, payloads: string) =>
  child(`
    import { runCli } from ${JSON.stringify(PROGRAM)}
    let out = ''
    const io = { stdout: { write: (t) => (out += t) }, stderr: { write: () => {} }, env: {}, cwd: process.cwd() }
    const start = performance.now()
    const code = await runCli(['validate', '--schema', ${JSON.stringify(schema)}, '--payloads', ${JSON.stringify(payloads)}, '--format', 'json'], io)
    const seconds = (performance.now() - start) / 1000
    const report = JSON.parse(out)
    console.log(JSON.stringify({ code, seconds, summary: report.summary, findings: report.findings }))
  `)

/** A bare readline loop over the same file in a child, parsing each line with JSON.parse when `parse`. */
const readLinesIn = (file: string, parse: boolean) =>
  child(`
    import { createReadStream } from 'node:fs'
    import { createInterface } from 'node:readline'
    const start = performance.now()
    let lines = 0
    for await (const line of createInterface({ input: createReadStream(${JSON.stringify(file)}, { encoding: 'utf8' }), crlfDelay: Infinity })) {
      if (line !== '' && (${parse} ? JSON.parse(line) !== null : true)) lines += 1
    }
    console.log(JSON.stringify({ lines, seconds: (performance.now() - start) / 1000 }))
  `)

async function writeRecords(file: string, count: number): Promise<void> {
  const out = createWriteStream(file)
  for (let i = 0; i < count; i++) {
    if (!out.write(`${order(i)}\n`)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
}

export async function run(): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'schemaport-validate-bench-'))
  try {
    const schema = join(dir, 'order.avsc')
    await writeFile(schema, JSON.stringify(ORDER_SCHEMA))
    const big = join(dir, 'orders-1m.jsonl')
    const small = join(dir, 'orders-100k.jsonl')
    const checked = join(dir, 'checked.jsonl')
    await writeRecords(big, RECORDS)
    await writeRecords(small, SMALL)
    await writeFile(checked, `${order(1)}\n${order(2).replace('"amount":0.2', '"amount":"0.2"')}\n`)

    // Check the answer before timing it: one invalid record found, with its line and field.
    const answer = await validateIn(schema, checked)
    assert.equal(answer.result.code, 1)
    assert.deepEqual(
      answer.result.findings.map((f: any) => [f.line, f.path]),
      [[2, '/amount']],
    )

    const lines = await readLinesIn(big, false)
    const parsed = await readLinesIn(big, true)
    assert.deepEqual([lines.result.lines, parsed.result.lines], [RECORDS, RECORDS])
    const smallRun = await validateIn(schema, small)
    const bigRun = await validateIn(schema, big)
    assert.deepEqual([bigRun.result.code, bigRun.result.summary.records, bigRun.result.summary.invalid], [0, RECORDS, 0])
    assert.equal(smallRun.result.summary.records, SMALL)

    const validateRate = RECORDS / bigRun.result.seconds
    const readRate = RECORDS / lines.result.seconds
    const parseRate = RECORDS / parsed.result.seconds
    const sizeMb = (await stat(big)).size / 1024 / 1024
    return [
      `validate ${RECORDS.toLocaleString('en-US')} JSON-lines Avro records (${sizeMb.toFixed(0)} MB, 7 fields with an array of 2 records): ` +
        `${validateRate.toFixed(0)} records/s (${bigRun.result.seconds.toFixed(1)} s); a bare readline loop over the same file ${readRate.toFixed(0)} lines/s ` +
        `(ratio ${(validateRate / readRate).toFixed(2)}x), with JSON.parse of each line ${parseRate.toFixed(0)} lines/s (ratio ${(validateRate / parseRate).toFixed(2)}x)`,
      `peak RSS: ${bigRun.maxRssMb.toFixed(0)} MB validating ${RECORDS.toLocaleString('en-US')} records, ${smallRun.maxRssMb.toFixed(0)} MB validating ` +
        `${SMALL.toLocaleString('en-US')}, ${lines.maxRssMb.toFixed(0)} MB reading lines only; 10x the records cost ${(bigRun.maxRssMb / smallRun.maxRssMb).toFixed(2)}x the memory ` +
        `(goal: well under the ${sizeMb.toFixed(0)} MB a loaded file would add, i.e. streaming)`,
    ]
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
