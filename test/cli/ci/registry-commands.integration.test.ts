// check, register, pull and validate --subject against a running schemaport registry on a socket: the manifest
// registered with its references, a compatible and an incompatible change of each type checked through the
// compatibility endpoint (which never registers) and offline at --level, a refused registration, pulled files,
// and exit code 2 for an unreachable registry or an unknown subject.

import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import path from 'node:path'
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../../../src/cli/command.ts'
import { registryServer } from '../../support/registry.ts'
import { FIXTURES, run, schemaFile, tempDir } from './run.ts'

let server: Awaited<ReturnType<typeof registryServer>>
let url: string

const SUBJECTS = { AVRO: 'orders-value', JSON: 'orders-json-value', PROTOBUF: 'orders-proto-value' } as const

const get = async (route: string) => (await fetch(`${url}${route}`)).json()

before(async () => {
  server = await registryServer()
  url = server.url
  const { code, out, err } = await run(['register', '--registry', url])
  assert.equal(err, '')
  assert.deepEqual(out.trimEnd().split('\n'), [
    'address-value: avro/address.avsc registered as version 1 (id 1)',
    'customers-value: avro/customer.avsc registered as version 1 (id 2)',
    'orders-value: avro/orders.avsc registered as version 1 (id 3)',
    'orders-json-value: json/orders.json registered as version 1 (id 4)',
    'orders-proto-value: protobuf/orders.proto registered as version 1 (id 5)',
    'ok: registered 5 subjects',
  ])
  assert.equal(code, EXIT_OK)
})

after(() => server.close())

test('register sends a reference with the version its subject was just registered as', async () => {
  const customer = await get('/subjects/customers-value/versions/1')
  assert.deepEqual(customer.references, [{ name: 'shop.Address', subject: 'address-value', version: 1 }])
})

test('check through the manifest: every subject matches what is registered', async () => {
  const { code, out } = await run(['check', '--registry', url])
  assert.equal(out, 'ok: 5 subjects compatible\n')
  assert.equal(code, EXIT_OK)
})

for (const type of ['AVRO', 'JSON', 'PROTOBUF'] as const) {
  const subject = SUBJECTS[type]

  test(`${type}: check passes a compatible change and registers nothing`, async () => {
    const { code, out } = await run(['check', '--schema', schemaFile(type, '-compatible'), '--subject', subject, '--registry', url, '--format', 'json'])
    assert.deepEqual(JSON.parse(out).cases.map((c: any) => [c.name, c.compatible, c.level]), [[subject, true, 'BACKWARD']])
    assert.equal(code, EXIT_OK)
    assert.deepEqual(await get(`/subjects/${subject}/versions`), [1])
  })

  test(`${type}: check fails an incompatible change, naming the version and the paths, and registers nothing`, async () => {
    const { code, out } = await run(['check', '--schema', schemaFile(type, '-incompatible'), '--subject', subject, '--registry', url, '--format', 'json'])
    const report = JSON.parse(out)
    assert.ok(report.findings.length > 0)
    for (const finding of report.findings) {
      assert.deepEqual([finding.subject, finding.version, finding.level, finding.reader], [subject, 1, 'BACKWARD', 'new'])
      assert.match(finding.newPath, /^(\/|#\/)/)
      assert.match(finding.message, new RegExp(`in version 1 of '${subject}'`))
    }
    assert.equal(code, EXIT_FAILURE)
    assert.deepEqual(await get(`/subjects/${subject}/versions`), [1])
  })

  test(`${type}: check --level runs the check locally against the fetched versions`, async () => {
    const endpoint = await run(['check', '--schema', schemaFile(type, '-incompatible'), '--subject', subject, '--registry', url, '--format', 'json'])
    const local = await run(['check', '--schema', schemaFile(type, '-incompatible'), '--subject', subject, '--registry', url, '--format', 'json', '--level', 'BACKWARD'])
    assert.deepEqual(JSON.parse(local.out).findings, JSON.parse(endpoint.out).findings)
    const full = await run(['check', '--schema', schemaFile(type, '-incompatible'), '--subject', subject, '--registry', url, '--format', 'json', '--level', 'FULL'])
    assert.deepEqual([...new Set(JSON.parse(full.out).findings.map((finding: any) => finding.reader))].sort(), ['new', 'old'])
    assert.equal(full.code, EXIT_FAILURE)
  })
}

test('a subject the registry does not know yet is compatible, at either kind of check', async () => {
  for (const level of [[], ['--level', 'FULL']]) {
    const { code, out } = await run(['check', '--schema', 'avro/orders.avsc', '--subject', 'brand-new-value', '--registry', url, ...level])
    assert.deepEqual([code, out], [EXIT_OK, 'ok: 1 subject compatible\n'], level.join(' '))
  }
})

test("check uses the subject's configured level", async () => {
  await fetch(`${url}/config/orders-value`, {
    method: 'PUT',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ compatibility: 'NONE' }),
  })
  try {
    const { code, out } = await run(['check', '--schema', 'avro/orders-incompatible.avsc', '--subject', 'orders-value', '--registry', url])
    assert.equal(out, 'ok: 1 subject compatible\n')
    assert.equal(code, EXIT_OK)
  } finally {
    await fetch(`${url}/config/orders-value`, { method: 'DELETE' })
  }
})

test('check through a manifest whose level is set reports the subject that breaks', async () => {
  const dir = copyOfFixtures()
  const manifest = readFileSync(path.join(dir, 'schemaport.yaml'), 'utf8').replace('schema: protobuf/orders.proto', 'schema: protobuf/orders-incompatible.proto\n    level: FORWARD')
  writeFileSync(path.join(dir, 'schemaport.yaml'), manifest)
  const { code, out } = await run(['check', '--registry', url], { cwd: dir })
  assert.match(out, /^protobuf\/orders-incompatible\.proto: FIELD_SCALAR_KIND_CHANGED: #\/Order\/1 in the new schema, #\/Order\/1 in version 1 of 'orders-proto-value', the old schema reading data written with the new$/m)
  assert.match(out, /^failed: 1 of 5 subjects incompatible$/m)
  assert.equal(code, EXIT_FAILURE)
})

test('register refuses an incompatible change with its differences (exit 1), then registers a compatible one', async () => {
  const refused = await run(['register', '--schema', 'json/orders-incompatible.json', '--subject', 'orders-json-value', '--registry', url])
  assert.match(refused.out, /^json\/orders-incompatible\.json: TYPE_CHANGED: #\/properties\/id in the new schema/m)
  assert.match(refused.out, /^failed: registered 0 of 1 subject; 'orders-json-value' was refused as incompatible$/m)
  assert.equal(refused.code, EXIT_FAILURE)
  const accepted = await run(['register', '--schema', 'json/orders-compatible.json', '--subject', 'orders-json-value', '--registry', url])
  assert.match(accepted.out, /^orders-json-value: json\/orders-compatible\.json registered as version 2 \(id \d+\)$/m)
  assert.equal(accepted.code, EXIT_OK)
  assert.deepEqual(await get('/subjects/orders-json-value/versions'), [1, 2])
})

test('pull writes one subject, or every subject of the manifest to its file', async () => {
  const dir = tempDir()
  const one = await run(['pull', '--subject', 'orders-value', '--registry', url, '--version', '1'], { cwd: dir })
  assert.equal(one.out, 'orders-value: version 1 (id 3) written to orders-value.avsc\nok: pulled 1 subject\n')
  assert.deepEqual(JSON.parse(readFileSync(path.join(dir, 'orders-value.avsc'), 'utf8')), JSON.parse(readFileSync(path.join(FIXTURES, 'avro/orders.avsc'), 'utf8')))

  const copy = copyOfFixtures()
  writeFileSync(path.join(copy, 'protobuf/orders.proto'), '// replaced by pull\n')
  const all = await run(['pull', '--registry', url, '--format', 'json'], { cwd: copy })
  assert.deepEqual(JSON.parse(all.out).cases.map((c: any) => [c.name, c.file]), [
    ['address-value', 'avro/address.avsc'],
    ['customers-value', 'avro/customer.avsc'],
    ['orders-value', 'avro/orders.avsc'],
    ['orders-json-value', 'json/orders.json'],
    ['orders-proto-value', 'protobuf/orders.proto'],
  ])
  assert.match(readFileSync(path.join(copy, 'protobuf/orders.proto'), 'utf8'), /^syntax = "proto3";\npackage shop;\n/)
  // What was pulled checks clean against what it was pulled from.
  const check = await run(['check', '--registry', url], { cwd: copy })
  assert.equal(check.code, EXIT_OK, check.out)
})

test('validate against a registered subject', async () => {
  const valid = await run(['validate', '--subject', 'orders-value', '--registry', url, '--payloads', 'payloads/avro/valid.jsonl'])
  assert.equal(valid.out, 'ok: 3 records valid in 1 file\n')
  const invalid = await run(['validate', '--subject', 'customers-value', '--version', '1', '--registry', url, '--payloads', 'payloads/avro/valid.jsonl', '--format', 'json'])
  const report = JSON.parse(invalid.out)
  assert.equal(report.findings[0].schema, 'customers-value version 1')
  assert.deepEqual([valid.code, invalid.code], [EXIT_OK, EXIT_FAILURE])
})

test('an unknown subject or an unreachable registry ends with exit 2 and the registry error', async () => {
  const unknown = await run(['validate', '--subject', 'nope', '--registry', url, '--payloads', 'payloads/avro/valid.jsonl'])
  assert.equal(
    unknown.err,
    `schemaport validate: GET ${url}/subjects/nope/versions/latest: the registry answered 404 (error_code 40401): Subject 'nope' not found.\n`,
  )
  assert.equal(unknown.code, EXIT_USAGE)
  const closed = `http://127.0.0.1:${await freePort()}`
  const unreachable = await run(['check', '--schema', 'avro/orders.avsc', '--subject', 'orders-value', '--registry', closed])
  assert.match(
    unreachable.err,
    new RegExp(`^schemaport check: POST /compatibility/subjects/orders-value/versions\\?verbose=true: no registry answered after 3 attempt\\(s\\): ${closed}: ECONNREFUSED`),
  )
  assert.equal(unreachable.code, EXIT_USAGE)
  const missing = await run(['check', '--schema', 'avro/orders.avsc', '--subject', 'orders-value'])
  assert.match(missing.err, /^schemaport check: check needs a registry: give --registry URL/)
  assert.equal(missing.code, EXIT_USAGE)
})

/** The CI fixtures in a temp folder, to change without touching the originals. */
function copyOfFixtures(): string {
  const dir = tempDir()
  cpSync(FIXTURES, dir, { recursive: true })
  return dir
}

/** A port nothing listens on: taken from the OS, then released. */
async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as { port: number }
  await new Promise((resolve) => probe.close(resolve))
  return port
}
