// The CI commands as a CI job runs them: `node bin/schemaport.js …` in a child process, checking what reaches
// the process's stdout and stderr and its exit status (0, 1, 2), and that stdout is not a terminal there, so
// nothing is coloured.

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { FIXTURES } from './run.ts'

const BIN = fileURLToPath(new URL('../../../bin/schemaport.js', import.meta.url))

function schemaport(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: FIXTURES, env: { ...process.env, NO_COLOR: '' } }, (error, stdout, stderr) => {
      resolve({ status: error === null ? 0 : Number(error.code), stdout, stderr })
    })
  })
}

test('a child process exits 1 for invalid payloads, 0 for a compatible change, 2 for a missing file', async () => {
  const [invalid, compatible, missing] = await Promise.all([
    schemaport(['validate', '--schema', 'json/orders.json', '--payloads', 'payloads/json/invalid.jsonl', '--format', 'github']),
    schemaport(['diff', 'protobuf/orders.proto', 'protobuf/orders-compatible.proto']),
    schemaport(['check', '--schema', 'avro/none.avsc', '--subject', 's', '--registry', 'http://127.0.0.1:9']),
  ])
  assert.equal(invalid.status, 1)
  assert.match(invalid.stdout, /^::error file=payloads\/json\/invalid\.jsonl,line=2,title=invalid record::\/amount: must be >= 0$/m)
  assert.equal(compatible.status, 0)
  assert.equal(compatible.stdout, 'ok: protobuf/orders.proto -> protobuf/orders-compatible.proto: compatible at BACKWARD\n')
  assert.equal(missing.status, 2)
  assert.match(missing.stderr, /^schemaport check: cannot read schema .*avro\/none\.avsc: ENOENT\n$/)
})

test('schemaport --help documents the exit codes of the CI commands', async () => {
  const { status, stdout } = await schemaport(['--help'])
  assert.equal(status, 0)
  assert.match(stdout, /validate, check, diff, register: 1 means invalid payloads or an incompatible change; 2 also a missing\n {2}file, a bad schema or manifest, or an unreachable registry\./)
})
