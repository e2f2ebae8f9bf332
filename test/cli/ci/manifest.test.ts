// The manifest: loading the fixture (types from extensions, paths from the manifest's folder, references,
// payload settings), rejecting a bad one with exit 2 and the key at fault, and the order in which register
// takes its subjects (a referenced subject first; a cycle is refused).

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { EXIT_USAGE } from '../../../src/cli/command.ts'
import { loadManifest } from '../../../src/cli/ci/manifest.ts'
import type { ManifestSubject } from '../../../src/cli/ci/manifest.ts'
import { registrationOrder } from '../../../src/cli/ci/registration-order.ts'
import { FIXTURES, run, tempDir } from './run.ts'

test('the fixture manifest: types from extensions, absolute paths, references and payloads', async () => {
  const manifest = await loadManifest(path.join(FIXTURES, 'schemaport.yaml'))
  assert.deepEqual(
    manifest.subjects.map((s) => [s.subject, s.schemaType, path.relative(FIXTURES, s.schemaFile), s.encoding]),
    [
      ['address-value', 'AVRO', 'avro/address.avsc', 'json'],
      ['customers-value', 'AVRO', 'avro/customer.avsc', 'json'],
      ['orders-value', 'AVRO', 'avro/orders.avsc', 'json'],
      ['orders-json-value', 'JSON', 'json/orders.json', 'json'],
      ['orders-proto-value', 'PROTOBUF', 'protobuf/orders.proto', 'json'],
    ],
  )
  const customers = manifest.subjects[1]
  assert.deepEqual(customers.references, [{ name: 'shop.Address', subject: 'address-value' }])
  assert.deepEqual(customers.payloads, [path.join(FIXTURES, 'payloads/customers/*.jsonl')])
  assert.equal(manifest.subjects[4].message, 'shop.Order')
})

test('payload settings map to encodings', async () => {
  const dir = tempDir()
  const file = path.join(dir, 'm.yaml')
  writeFileSync(
    file,
    'registry: http://r:8081\nsubjects:\n  a: { schema: a.avsc, avroJson: true }\n  b: { schema: b.avsc, binary: true }\n  c: { schema: c.proto, binary: true, lengthPrefixed: true }\n  d: { schema: d.txt, type: json, level: FULL }\n',
  )
  const manifest = await loadManifest(file)
  assert.equal(manifest.registry, 'http://r:8081')
  assert.deepEqual(
    manifest.subjects.map((s) => [s.encoding, s.schemaType, s.level]),
    [
      ['avro-json', 'AVRO', undefined],
      ['binary', 'AVRO', undefined],
      ['length-prefixed', 'PROTOBUF', undefined],
      ['json', 'JSON', 'FULL'],
    ],
  )
})

test('a bad manifest ends with exit 2, naming the key and the problem', async () => {
  const cases: [string, RegExp][] = [
    ['subjects:\n  a: { schema: a.avsc, levle: FULL }\n', /m\.yaml: subjects\.a: unknown key 'levle'\n$/],
    ['subjects:\n  a: { schema: a.avsc, level: SIDEWAYS }\n', /m\.yaml: subjects\.a\.level: must be one of NONE, BACKWARD, /],
    ['subjects:\n  a: { type: AVRO }\n', /m\.yaml: subjects\.a: must have required property 'schema'\n$/],
    ['subjects: {}\n', /m\.yaml: subjects: must NOT have fewer than 1 properties\n$/],
    ['subjects:\n  a: { schema: a.avsc\n', /m\.yaml: not YAML: /],
    ['subjects:\n  a: { schema: a.xsd }\n', /a\.xsd: cannot tell the schema type from the extension/],
  ]
  for (const [text, message] of cases) {
    const dir = tempDir()
    writeFileSync(path.join(dir, 'm.yaml'), text)
    const { code, err } = await run(['check', '--manifest', 'm.yaml', '--registry', 'http://127.0.0.1:9'], { cwd: dir })
    assert.match(err, message, text)
    assert.equal(code, EXIT_USAGE, text)
  }
  const missing = await run(['check', '--manifest', 'nowhere.yaml'], { cwd: tempDir() })
  assert.match(missing.err, /^schemaport check: cannot read manifest .*nowhere\.yaml: ENOENT\n$/)
})

const subject = (name: string, references: string[] = [], version?: number): ManifestSubject => ({
  subject: name,
  schemaFile: `/${name}.avsc`,
  schemaType: 'AVRO',
  references: references.map((target) => ({ name: target, subject: target, ...(version === undefined ? {} : { version }) })),
  payloads: [],
  encoding: 'json',
})

test('register takes a referenced manifest subject before the subjects that reference it', () => {
  const order = registrationOrder([subject('orders', ['customer', 'address']), subject('customer', ['address']), subject('address'), subject('other')])
  assert.deepEqual(order.map((s) => s.subject), ['address', 'customer', 'orders', 'other'])
  // A reference pinned to a version names a registered schema, not the manifest's file.
  assert.deepEqual(registrationOrder([subject('orders', ['address'], 3), subject('address')]).map((s) => s.subject), ['orders', 'address'])
})

test('a reference cycle in the manifest is refused', () => {
  assert.throws(() => registrationOrder([subject('a', ['b']), subject('b', ['a'])]), /the manifest's references form a cycle: a -> b -> a/)
})
