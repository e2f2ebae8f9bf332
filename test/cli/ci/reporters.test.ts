// Each output format parsed back: --format json is one valid JSON document, junit is well-formed JUnit XML
// with a failure per failed case, github prints workflow commands in the syntax GitHub Actions reads; all three
// escape what their syntax reserves.

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { EXIT_FAILURE, EXIT_OK } from '../../../src/cli/command.ts'
import { githubReporter } from '../../../src/cli/ci/github-reporter.ts'
import { jsonReporter } from '../../../src/cli/ci/json-reporter.ts'
import { junitReporter } from '../../../src/cli/ci/junit-reporter.ts'
import type { Finding, Reporter } from '../../../src/cli/ci/report.ts'
import { run } from './run.ts'
import { parseXml } from './xml.ts'

const INVALID_AVRO = ['validate', '--schema', 'avro/orders.avsc', '--payloads', 'payloads/avro/invalid.jsonl,payloads/avro/valid.jsonl']

/** `file=…,line=…,title=…` properties, then `::` and the message; `%`, CR and LF escaped everywhere, `:` and `,` in properties. */
const ANNOTATION = /^::error file=((?:[^,:%\r\n]|%(?:25|0D|0A|3A|2C))+)(?:,line=(\d+))?,title=((?:[^,:%\r\n]|%(?:25|0D|0A|3A|2C))+)::((?:[^%\r\n]|%(?:25|0D|0A))*)$/

test('json: one document with every finding (file, line, path, reason), the cases and the summary', async () => {
  const { code, out, err } = await run([...INVALID_AVRO, '--format', 'json'])
  const report = JSON.parse(out)
  assert.equal(report.findings.length, 6)
  assert.deepEqual(report.findings[0], {
    suite: 'avro/orders.avsc',
    case: 'payloads/avro/invalid.jsonl',
    file: 'payloads/avro/invalid.jsonl',
    line: 2,
    title: 'invalid record',
    message: '/id: expected string, got 7',
    schema: 'avro/orders.avsc',
    path: '/id',
    reason: 'expected string, got 7',
  })
  assert.deepEqual(
    report.cases.map((c: any) => [c.file, c.records, c.invalid]),
    [
      ['payloads/avro/invalid.jsonl', 8, 6],
      ['payloads/avro/valid.jsonl', 3, 0],
    ],
  )
  assert.deepEqual([report.command, report.ok, report.summary], ['validate', false, { text: '6 of 11 records invalid in 2 files', files: 2, records: 11, invalid: 6 }])
  // stdout holds only the document; the one-line summary goes to stderr.
  assert.equal(err, 'failed: 6 of 11 records invalid in 2 files\n')
  assert.equal(code, EXIT_FAILURE)
})

test('json: a run without findings is a valid document too', async () => {
  const { code, out } = await run(['diff', 'json/orders.json', 'json/orders-compatible.json', '--format', 'json'])
  const report = JSON.parse(out)
  assert.deepEqual([report.findings, report.ok, report.cases[0].compatible], [[], true, true])
  assert.equal(code, EXIT_OK)
})

test('junit: well-formed XML, one testsuite per schema, one testcase per file, a failure listing the records', async () => {
  const { code, out } = await run([...INVALID_AVRO, '--format', 'junit'])
  const root = parseXml(out)
  assert.equal(root.name, 'testsuites')
  assert.deepEqual(root.attributes, { name: 'schemaport validate', tests: '2', failures: '1' })
  const [suite] = root.children
  assert.deepEqual([suite.name, suite.attributes.name, suite.attributes.tests, suite.attributes.failures], ['testsuite', 'avro/orders.avsc', '2', '1'])
  const [failed, passed] = suite.children
  assert.equal(failed.attributes.name, 'payloads/avro/invalid.jsonl')
  const [failure] = failed.children
  assert.deepEqual([failure.name, failure.attributes.message, failure.attributes.type], ['failure', '6 of 8 records invalid', 'invalid record'])
  assert.equal(failure.text.split('\n').length, 6)
  assert.match(failure.text, /^payloads\/avro\/invalid\.jsonl:4: invalid record: \/status: expected one of the symbols NEW, PAID, SHIPPED of enum shop\.Status, got "LOST"$/m)
  assert.deepEqual([passed.attributes.name, passed.children], ['payloads/avro/valid.jsonl', []])
  assert.equal(code, EXIT_FAILURE)
})

test('junit: compatibility checks are testcases too', async () => {
  const { out } = await run(['diff', 'protobuf/orders.proto', 'protobuf/orders-incompatible.proto', '--format', 'junit'])
  const testcase = parseXml(out).children[0].children[0]
  assert.equal(testcase.attributes.name, 'protobuf/orders.proto -> protobuf/orders-incompatible.proto')
  assert.equal(testcase.children[0].attributes.type, 'FIELD_SCALAR_KIND_CHANGED')
})

test('github: one annotation per invalid record, pointing at file and line, then the summary', async () => {
  const { code, out } = await run([...INVALID_AVRO, '--format', 'github'])
  const lines = out.trimEnd().split('\n')
  assert.equal(lines.pop(), 'failed: 6 of 11 records invalid in 2 files')
  assert.equal(lines.length, 6)
  for (const line of lines) assert.match(line, ANNOTATION)
  assert.equal(lines[1], '::error file=payloads/avro/invalid.jsonl,line=3,title=invalid record::/amount: missing; expected double')
  assert.equal(code, EXIT_FAILURE)
})

test('github: an incompatibility points at the new schema file', async () => {
  const { out } = await run(['diff', 'avro/orders.avsc', 'avro/orders-incompatible.avsc', '--format', 'github'])
  const [first] = out.split('\n')
  assert.match(first, ANNOTATION)
  assert.equal(
    first,
    '::error file=avro/orders-incompatible.avsc,title=READER_FIELD_MISSING_DEFAULT_VALUE::/fields/0 in the new schema, nothing in avro/orders.avsc, the new schema reading data written with the old: customer',
  )
})

const AWKWARD: Finding = {
  suite: 'a&b <suite>',
  case: 'dir,with:odd "name".jsonl',
  file: 'dir,with:odd "name".jsonl',
  line: 7,
  title: 'invalid, record: x',
  message: '100% wrong\nsecond line <tag> & "quotes" \u0001',
  data: { path: '/a' },
}

function feed(reporter: Reporter): void {
  reporter.finding(AWKWARD)
  reporter.caseDone({ suite: AWKWARD.suite, name: AWKWARD.case, file: AWKWARD.file, checked: 1, failed: 1, note: 'bad "note" <1>', data: {} })
  reporter.end({ command: 'validate', ok: false, text: 'summary', counts: {} })
}

test('every format escapes what its syntax reserves', () => {
  let json = ''
  feed(jsonReporter({ write: (text: string) => (json += text) }))
  assert.equal(JSON.parse(json).findings[0].message, AWKWARD.message)

  let xml = ''
  feed(junitReporter({ write: (text: string) => (xml += text) }))
  const testcase = parseXml(xml).children[0].children[0]
  assert.deepEqual([testcase.attributes.name, testcase.children[0].attributes.message], [AWKWARD.case, 'bad "note" <1>'])
  assert.match(testcase.children[0].text, /<tag> & "quotes" \ufffd$/)

  let github = ''
  feed(githubReporter({ write: (text: string) => (github += text) }))
  const [annotation] = github.split('\n')
  assert.match(annotation, ANNOTATION)
  assert.equal(annotation, '::error file=dir%2Cwith%3Aodd "name".jsonl,line=7,title=invalid%2C record%3A x::100%25 wrong%0Asecond line <tag> & "quotes" \u0001')
})
