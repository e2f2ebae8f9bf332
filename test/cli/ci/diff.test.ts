// `schemaport diff OLD NEW`: the registry's verdict offline, for a compatible and an incompatible change of each
// schema type, at the default level (BACKWARD) and at others; each difference named with its type and its path
// in both schemas; exit codes 0, 1 and 2.

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../../../src/cli/command.ts'
import { run, schemaFile } from './run.ts'

/** What each incompatible fixture change breaks, reading old data with the new schema (BACKWARD). */
const BACKWARD_FINDINGS = {
  AVRO: [
    { errorType: 'READER_FIELD_MISSING_DEFAULT_VALUE', newPath: '/fields/0', oldPath: null, detail: 'customer' },
    { errorType: 'TYPE_MISMATCH', newPath: '/fields/1/type', oldPath: '/fields/0/type', detail: 'reader type: LONG not compatible with writer type: STRING' },
  ],
  JSON: [{ errorType: 'TYPE_CHANGED', newPath: '#/properties/id', oldPath: '#/properties/id' }],
  PROTOBUF: [{ errorType: 'FIELD_SCALAR_KIND_CHANGED', newPath: '#/Order/1', oldPath: '#/Order/1' }],
} as const

for (const type of ['AVRO', 'JSON', 'PROTOBUF'] as const) {
  test(`${type}: a compatible change passes with exit 0`, async () => {
    const { code, out } = await run(['diff', schemaFile(type), schemaFile(type, '-compatible')])
    assert.equal(out, `ok: ${schemaFile(type)} -> ${schemaFile(type, '-compatible')}: compatible at BACKWARD\n`)
    assert.equal(code, EXIT_OK)
  })

  test(`${type}: an incompatible change names each difference and its path in both schemas, and exits 1`, async () => {
    const { code, out } = await run(['diff', schemaFile(type), schemaFile(type, '-incompatible'), '--format', 'json'])
    const report = JSON.parse(out)
    assert.deepEqual(
      report.findings.map((finding: any) => ({
        errorType: finding.errorType,
        newPath: finding.newPath,
        oldPath: finding.oldPath,
        ...(finding.detail === undefined ? {} : { detail: finding.detail }),
      })),
      BACKWARD_FINDINGS[type],
    )
    for (const finding of report.findings) {
      assert.equal(finding.file, schemaFile(type, '-incompatible'))
      assert.equal(finding.reader, 'new')
      assert.equal(finding.level, 'BACKWARD')
    }
    assert.equal(report.ok, false)
    assert.equal(code, EXIT_FAILURE)
  })

  test(`${type}: FULL also checks that the old schema reads the new one`, async () => {
    const { code, out } = await run(['diff', schemaFile(type), schemaFile(type, '-incompatible'), '--level', 'full', '--format', 'json'])
    const readers = JSON.parse(out).findings.map((finding: any) => finding.reader)
    assert.ok(readers.includes('old') && readers.includes('new'), readers.join(','))
    assert.equal(code, EXIT_FAILURE)
  })
}

test('the text report gives one line per difference with both paths, then the verdict', async () => {
  const { out } = await run(['diff', 'avro/orders.avsc', 'avro/orders-incompatible.avsc'])
  assert.deepEqual(out.trimEnd().split('\n'), [
    'avro/orders-incompatible.avsc: READER_FIELD_MISSING_DEFAULT_VALUE: /fields/0 in the new schema, nothing in avro/orders.avsc, the new schema reading data written with the old: customer',
    'avro/orders-incompatible.avsc: TYPE_MISMATCH: /fields/1/type in the new schema, /fields/0/type in avro/orders.avsc, the new schema reading data written with the old: reader type: LONG not compatible with writer type: STRING',
    'failed: avro/orders.avsc -> avro/orders-incompatible.avsc: incompatible at BACKWARD',
  ])
})

test('FORWARD: adding a field without a default is fine for old readers; NONE accepts anything', async () => {
  const forward = await run(['diff', 'avro/orders.avsc', 'avro/orders-compatible.avsc', '--level', 'FORWARD_TRANSITIVE'])
  assert.equal(forward.code, EXIT_OK)
  const none = await run(['diff', 'avro/orders.avsc', 'avro/orders-incompatible.avsc', '--level', 'NONE'])
  assert.equal(none.code, EXIT_OK)
})

test('schemas of two different types are incompatible', async () => {
  const { code, out } = await run(['diff', 'json/orders.json', 'avro/orders.avsc'])
  assert.match(out, /^avro\/orders\.avsc: incompatible: Incompatible because of different schema type$/m)
  assert.equal(code, EXIT_FAILURE)
})

test('a bad schema, a missing file or a bad level ends with exit 2', async () => {
  for (const [argv, message] of [
    [['diff', 'avro/orders.avsc', 'payloads/json/one.json', '--type', 'AVRO'], /^schemaport diff: payloads\/json\/one\.json: invalid AVRO schema \(42201\): /],
    [['diff', 'avro/orders.avsc', 'avro/gone.avsc'], /^schemaport diff: cannot read schema .*gone\.avsc: ENOENT\n$/],
    [['diff', 'avro/orders.avsc', 'avro/orders.avsc', '--level', 'SIDEWAYS'], /^schemaport diff: --level: 'SIDEWAYS' is not a level; One of NONE, BACKWARD/],
    [['diff', 'avro/orders.avsc', 'README'], /^schemaport diff: README: cannot tell the schema type from the extension/],
    [['diff', 'avro/orders.avsc'], /^schemaport diff: expected OLD NEW, got avro\/orders\.avsc/],
  ] as const) {
    const { code, err } = await run([...argv])
    assert.match(err, message)
    assert.equal(code, EXIT_USAGE)
  }
})
