// `schemaport validate` on the fixtures: valid and invalid payloads of all three schema types, every invalid
// record reported with file, line (or record index), field path and reason, every record checked; JSON lines,
// whole JSON files, Avro's JSON encoding and Confluent wire-format binary; folders, globs and the manifest;
// colour and the progress bar only on a terminal; exit codes 0, 1 and 2.

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import avsc from 'avsc'
import protobuf from 'protobufjs'
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../../../src/cli/command.ts'
import { runCli } from '../../../src/cli/program.ts'
import { frame } from '../../../src/serde/wire-format.ts'
import { captureIo } from '../capture-io.ts'
import { FIXTURES, run, schemaFile, tempDir, terminal } from './run.ts'

const INVALID: Record<'AVRO' | 'JSON' | 'PROTOBUF', string[]> = {
  AVRO: [
    'payloads/avro/invalid.jsonl:2: invalid record: /id: expected string, got 7',
    'payloads/avro/invalid.jsonl:3: invalid record: /amount: missing; expected double',
    'payloads/avro/invalid.jsonl:4: invalid record: /status: expected one of the symbols NEW, PAID, SHIPPED of enum shop.Status, got "LOST"',
    'payloads/avro/invalid.jsonl:5: invalid record: /items/1/quantity: expected int (a 32-bit integer), got "two"',
    'payloads/avro/invalid.jsonl:6: invalid record: not JSON: Expected double-quoted property name in JSON at position 26',
    'payloads/avro/invalid.jsonl:7: invalid record: /colour: field not declared in the schema',
    'failed: 6 of 8 records invalid in 1 file',
  ],
  JSON: [
    'payloads/json/invalid.jsonl:2: invalid record: /amount: must be >= 0',
    "payloads/json/invalid.jsonl:3: invalid record: must have required property 'amount'",
    "payloads/json/invalid.jsonl:3: invalid record: must NOT have additional properties: 'colour'",
    'payloads/json/invalid.jsonl:4: invalid record: /items/0/quantity: must be >= 1',
    'failed: 3 of 4 records invalid in 1 file',
  ],
  PROTOBUF: [
    'payloads/protobuf/invalid.jsonl:1: invalid record: /amount: expected double (a number), got "a lot"',
    'payloads/protobuf/invalid.jsonl:2: invalid record: /status: expected a value of enum shop.Order.Status (NEW, PAID, SHIPPED), got "LOST"',
    'payloads/protobuf/invalid.jsonl:2: invalid record: /items/0/quantity: 3000000000 is out of the range of int32',
    'payloads/protobuf/invalid.jsonl:3: invalid record: /colour: field not declared in message shop.Order',
    'payloads/protobuf/invalid.jsonl:3: invalid record: /createdAt: expected int64 (an integer, as a number or a string), got "soon"',
    'failed: 3 of 3 records invalid in 1 file',
  ],
}

for (const type of ['AVRO', 'JSON', 'PROTOBUF'] as const) {
  const dir = schemaFile(type).split('/')[0]

  test(`${type}: valid JSON-lines payloads pass with exit 0`, async () => {
    const { code, out, err } = await run(['validate', '--schema', schemaFile(type), '--payloads', `payloads/${dir}/valid.jsonl`])
    assert.equal(err, '')
    assert.match(out, /^ok: \d+ records valid in 1 file\n$/)
    assert.equal(code, EXIT_OK)
  })

  test(`${type}: every invalid record is reported with line, path and reason, and exit 1`, async () => {
    const { code, out } = await run(['validate', '--schema', schemaFile(type), '--payloads', `payloads/${dir}/invalid.jsonl`])
    assert.deepEqual(out.trimEnd().split('\n'), INVALID[type])
    assert.equal(code, EXIT_FAILURE)
  })
}

test('a .json file is one record; a folder contributes its JSON files', async () => {
  const one = await run(['validate', '--schema', 'json/orders.json', '--payloads', 'payloads/json/one.json'])
  assert.deepEqual([one.code, one.out], [EXIT_OK, 'ok: 1 records valid in 1 file\n'])
  const folder = await run(['validate', '--schema', 'json/orders.json', '--payloads', 'payloads/json', '--format', 'json'])
  assert.deepEqual(
    JSON.parse(folder.out).cases.map((c: any) => [c.name, c.records, c.invalid]),
    [
      ['payloads/json/invalid.jsonl', 4, 3],
      ['payloads/json/one.json', 1, 0],
      ['payloads/json/valid.jsonl', 2, 0],
    ],
  )
  assert.equal(folder.code, EXIT_FAILURE)
})

test('globs and comma-separated lists select payload files', async () => {
  const { code, out } = await run(['validate', '--schema', 'avro/orders.avsc', '--payloads', 'payloads/avro/val*.jsonl,payloads/**/customers/../avro/{valid}.jsonl'])
  assert.equal(out, 'ok: 3 records valid in 1 file\n')
  assert.equal(code, EXIT_OK)
})

test('Avro JSON encoding: wrapped unions and bytes as code points pass, an unwrapped union value fails', async () => {
  const { code, out } = await run(['validate', '--schema', 'avro/orders.avsc', '--avro-json', '--payloads', 'payloads/avro/avro-json.jsonl'])
  assert.deepEqual(out.trimEnd().split('\n'), [
    'payloads/avro/avro-json.jsonl:3: invalid record: /note: expected null or {"<type>": value} with <type> one of null, string, got "not wrapped"',
    'failed: 1 of 3 records invalid in 1 file',
  ])
  assert.equal(code, EXIT_FAILURE)
  const plain = await run(['validate', '--schema', 'avro/orders.avsc', '--payloads', 'payloads/avro/avro-json.jsonl'])
  assert.match(plain.out, /^payloads\/avro\/avro-json.jsonl:1: invalid record: \/note: expected one of null, string, got \{"string":"wrapped"\}$/m)
})

test('wire-format binary: one record per file, decoded with the schema of each type', async () => {
  const dir = tempDir()
  const avroType = avsc.Type.forSchema(JSON.parse(readFileSync(path.join(FIXTURES, 'avro/orders.avsc'), 'utf8')))
  const order = avroType.toBuffer({ id: 'o-1', amount: 1, status: 'NEW', items: [], note: null, signature: Buffer.alloc(0) })
  writeFileSync(path.join(dir, 'avro-good.bin'), frame(1, order))
  writeFileSync(path.join(dir, 'avro-short.bin'), frame(1, order.subarray(0, 3)))
  writeFileSync(path.join(dir, 'avro-plain.bin'), Buffer.from('{"id": "o-1"}'))
  const avro = await run(['validate', '--schema', path.join(FIXTURES, 'avro/orders.avsc'), '--binary', '--payloads', path.join(dir, 'avro-*.bin')], { cwd: dir })
  assert.deepEqual(avro.out.trimEnd().split('\n'), [
    'avro-plain.bin: invalid record: not Confluent wire format: unknown magic byte 0x7b at byte 0: the Confluent wire format starts with 0 (0x7b is "{": plain JSON written without a schema registry serializer?)',
    'avro-short.bin: invalid record: the Avro payload is truncated (3 bytes)',
    'failed: 2 of 3 records invalid in 3 files',
  ])

  writeFileSync(path.join(dir, 'json-good.bin'), frame(2, Buffer.from('{"id": "o-1", "amount": 1, "status": "NEW"}')))
  writeFileSync(path.join(dir, 'json-bad.bin'), frame(2, Buffer.from('{"id": "o-1", "amount": -1, "status": "NEW"}')))
  const json = await run(['validate', '--schema', path.join(FIXTURES, 'json/orders.json'), '--binary', '--payloads', 'json-*.bin'], { cwd: dir })
  assert.deepEqual(json.out.trimEnd().split('\n'), ['json-bad.bin: invalid record: /amount: must be >= 0', 'failed: 1 of 2 records invalid in 2 files'])

  const root = protobuf.parse(readFileSync(path.join(FIXTURES, 'protobuf/orders.proto'), 'utf8'), { keepCase: true }).root
  const Order = root.lookupType('shop.Order')
  writeFileSync(path.join(dir, 'proto-good.bin'), frame(3, Buffer.from(Order.encode(Order.create({ id: 'o-1', amount: 2 })).finish()), [0]))
  writeFileSync(path.join(dir, 'proto-cut.bin'), frame(3, Buffer.from([0x0a, 0x05, 0x61]), [0]))
  writeFileSync(path.join(dir, 'proto-item.bin'), frame(3, Buffer.alloc(0), [0, 0]))
  const proto = await run(['validate', '--schema', path.join(FIXTURES, 'protobuf/orders.proto'), '--binary', '--message', 'shop.Order', '--payloads', 'proto-*.bin'], { cwd: dir })
  assert.deepEqual(proto.out.trimEnd().split('\n'), [
    'proto-cut.bin: invalid record: cannot decode the payload (schema id 3): index out of range: 2 + 5 > 3',
    'proto-item.bin: invalid record: the record holds message shop.Order.Item, not shop.Order',
    'failed: 2 of 3 records invalid in 3 files',
  ])
  assert.deepEqual([avro.code, json.code, proto.code], [EXIT_FAILURE, EXIT_FAILURE, EXIT_FAILURE])
})

test('wire-format binary, length-prefixed: records are numbered, a cut tail is one more invalid record', async () => {
  const dir = tempDir()
  const avroType = avsc.Type.forSchema(JSON.parse(readFileSync(path.join(FIXTURES, 'avro/orders.avsc'), 'utf8')))
  const order = avroType.toBuffer({ id: 'o-1', amount: 1, status: 'NEW', items: [], note: 'x', signature: Buffer.from([1]) })
  const prefixed = (record: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, record.length]), record])
  const records = [frame(1, order), frame(1, Buffer.concat([order, Buffer.from([7])])), frame(1, order)]
  writeFileSync(path.join(dir, 'orders.bin'), Buffer.concat([...records.map(prefixed), Buffer.from([0, 0, 0, 9, 0])]))
  const { code, out } = await run(['validate', '--schema', path.join(FIXTURES, 'avro/orders.avsc'), '--binary', '--length-prefixed', '--payloads', 'orders.bin'], { cwd: dir })
  assert.deepEqual(out.trimEnd().split('\n'), [
    'orders.bin#2: invalid record: 1 byte(s) left after the Avro value',
    'orders.bin#4: invalid record: not a length-prefixed record: the length says 9 bytes but only 1 follow',
    'failed: 2 of 4 records invalid in 1 file',
  ])
  assert.equal(code, EXIT_FAILURE)
})

test('the manifest validates every subject with payloads, resolving references between its files', async () => {
  const { code, out, err } = await run(['validate'])
  assert.equal(err, '')
  assert.equal(out, 'ok: 9 records valid in 5 files\n')
  assert.equal(code, EXIT_OK)
})

test('input errors end with exit 2 and a message naming what is wrong', async () => {
  const cases: [string[], RegExp][] = [
    [['validate', '--schema', 'avro/missing.avsc', '--payloads', 'payloads/avro/valid.jsonl'], /^schemaport validate: cannot read schema .*avro\/missing\.avsc: ENOENT\n$/],
    [['validate', '--schema', 'avro/orders.avsc', '--payloads', 'payloads/avro/nothing-*.jsonl'], /^schemaport validate: no payload files match .*payloads\/avro\/nothing-\*\.jsonl\n$/],
    [['validate', '--schema', 'avro/orders.avsc', '--payloads', 'payloads/avro/gone.jsonl'], /^schemaport validate: no payload file or folder at .*gone\.jsonl\n$/],
    [['validate', '--schema', 'payloads/json/one.json', '--type', 'avro', '--payloads', 'payloads/avro/valid.jsonl'], /^schemaport validate: payloads\/json\/one\.json: invalid AVRO schema \(42201\): /],
    [['validate', '--schema', 'protobuf/orders.proto', '--message', 'shop.Nope', '--payloads', 'payloads/protobuf/valid.jsonl'], /^schemaport validate: --message: message 'shop\.Nope' is not declared in the schema\n$/],
    [['validate', '--schema', 'avro/orders.avsc'], /^schemaport validate: give the payloads to check with --payloads PATHS\n$/],
    [['validate', '--schema', 'json/orders.json', '--avro-json', '--payloads', 'payloads/json/valid.jsonl'], /^schemaport validate: --avro-json is for Avro schemas, not JSON\n$/],
    [['validate', '--schema', 'avro/orders.avsc', '--format', 'xml', '--payloads', 'payloads/avro/valid.jsonl'], /^schemaport validate: --format: 'xml' is not one of text, json, junit, github\n$/],
    [['validate', '--subject', 'orders-value', '--payloads', 'payloads/avro/valid.jsonl'], /^schemaport validate: validating against subject 'orders-value' needs a registry: give --registry URL/],
  ]
  for (const [argv, message] of cases) {
    const { code, out, err } = await run(argv)
    assert.match(err, message, argv.join(' '))
    assert.deepEqual([code, out], [EXIT_USAGE, ''], argv.join(' '))
  }
})

test('without a manifest or a schema, validate says what to give', async () => {
  const { code, err } = await run(['validate'], { cwd: tempDir() })
  assert.equal(code, EXIT_USAGE)
  assert.match(err, /^schemaport validate: give --schema or --subject, or a manifest \(--manifest FILE, or schemaport\.yaml in /)
})

test('colour only on a terminal and without NO_COLOR; a progress bar only on a terminal and past a few thousand records', async () => {
  const dir = tempDir()
  const line = '{"id": "o", "amount": 1, "status": "NEW", "items": []}\n'
  writeFileSync(path.join(dir, 'many.jsonl'), `${line.repeat(20_000)}{"id": 1}\n`)
  const argv = ['validate', '--schema', path.join(FIXTURES, 'avro/orders.avsc'), '--payloads', 'many.jsonl']

  const stdout = terminal()
  const stderr = terminal()
  const code = await runCli(argv, { stdout, stderr, env: {}, cwd: dir })
  assert.equal(code, EXIT_FAILURE)
  assert.ok(stdout.text().includes('\u001b[1mmany.jsonl:20001\u001b[0m: \u001b[31minvalid record\u001b[0m'), stdout.text())
  assert.match(stderr.text(), /\r\[#*-*\] +\d+% [\d,]+ records/)
  assert.ok(stderr.text().endsWith('\r\u001b[K'), 'the bar is cleared at the end')

  const noColour = terminal()
  await runCli(argv, { stdout: noColour, stderr: terminal(), env: { NO_COLOR: '1' }, cwd: dir })
  assert.ok(!noColour.text().includes('\u001b'), noColour.text())

  const piped = captureIo({ cwd: dir })
  await runCli(argv, piped)
  assert.equal(piped.err(), '')
  assert.ok(!piped.out().includes('\u001b'), piped.out())
})

test('no progress bar for a few records, even on a terminal', async () => {
  const stderr = terminal()
  await runCli(['validate', '--schema', 'avro/orders.avsc', '--payloads', 'payloads/avro/valid.jsonl'], { stdout: terminal(), stderr, env: {}, cwd: FIXTURES })
  assert.equal(stderr.text(), '')
})
