// Tests of the command line itself: help texts, the default command, and how bad command lines and bad
// configuration end (message on stderr, exit code 2).

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { EXIT_OK, EXIT_USAGE } from '../../src/cli/command.ts'
import { configReference } from '../../src/cli/config.ts'
import { COMMANDS, runCli } from '../../src/cli/program.ts'
import { captureIo } from './capture-io.ts'

async function run(argv: string[], env: Record<string, string> = {}) {
  const io = captureIo({ env })
  const code = await runCli(argv, io)
  return { code, out: io.out(), err: io.err() }
}

test('--help lists every command with its summary', async () => {
  const { code, out, err } = await run(['--help'])
  assert.equal(code, EXIT_OK)
  assert.equal(err, '')
  assert.match(out, /^Usage: schemaport \[command\] \[options\]$/m)
  for (const command of COMMANDS) assert.match(out, new RegExp(`^  ${command.name} +${escape(command.summary)}$`, 'm'))
  assert.match(out, /^Exit codes: 0 success, 1 the command failed, 2 bad command line or configuration\.$/m)
})

test('<command> --help shows the usage, every option and the example', async () => {
  for (const command of COMMANDS) {
    const { code, out } = await run([command.name, '--help'])
    assert.equal(code, EXIT_OK, command.name)
    const argumentNames = command.arguments.map((argument) => ` ${argument.name}`).join('')
    assert.ok(out.startsWith(`Usage: schemaport ${command.name}${argumentNames} [options]\n`), out)
    for (const name of [...Object.keys(command.options), 'help']) assert.match(out, new RegExp(`--${name}\\b`), `${command.name} --${name}`)
    assert.match(out, new RegExp(`^Example:\\n  ${escape(command.example)}$`, 'm'))
  }
})

test('registry --help shows each config key with its environment variable and default', async () => {
  const { out } = await run(['registry', '-h'])
  for (const entry of configReference()) {
    assert.ok(optionHelp(out, entry.flag).endsWith(`\n      [env ${entry.env}, default ${entry.default}]`), entry.flag)
  }
  assert.ok(optionHelp(out, '--config').endsWith('\n      [env SCHEMAPORT_CONFIG]'))
})

test('with no command, the options go to registry', async () => {
  const { code, err } = await run(['--port', '99999'])
  assert.equal(code, EXIT_USAGE)
  assert.equal(err, 'schemaport registry: config: port: must be <= 65535 (from --port)\n')
})

test('an invalid environment stops start-up before anything is opened', async () => {
  const { code, out, err } = await run(['registry'], { SCHEMAPORT_PORT: '65536' })
  assert.equal(code, EXIT_USAGE)
  assert.equal(out, '')
  assert.equal(err, 'schemaport registry: config: port: must be <= 65535 (from SCHEMAPORT_PORT)\n')
})

test('rejects an unknown command with exit code 2', async () => {
  const { code, err } = await run(['serve'])
  assert.equal(code, EXIT_USAGE)
  assert.match(err, /^schemaport: unknown command 'serve'; the commands are registry, export, import/)
})

test('rejects an unknown option with exit code 2, naming it', async () => {
  const { code, err } = await run(['export', '--data-dri', 'x'])
  assert.equal(code, EXIT_USAGE)
  assert.match(err, /^schemaport export: Unknown option '--data-dri'/)
})

test('rejects a missing or extra argument with exit code 2', async () => {
  const missing = await run(['import'])
  assert.deepEqual([missing.code, missing.err], [EXIT_USAGE, 'schemaport import: expected FILE, got none (see schemaport import --help)\n'])
  const extra = await run(['export', 'out.jsonl'])
  assert.deepEqual(
    [extra.code, extra.err],
    [EXIT_USAGE, 'schemaport export: expected no arguments, got out.jsonl (see schemaport export --help)\n'],
  )
})

/** The help of one option: its line and the indented description lines under it. */
function optionHelp(help: string, flag: string): string {
  const lines = help.split('\n')
  const start = lines.findIndex((line) => line.startsWith(`  ${flag} `))
  assert.notEqual(start, -1, `no ${flag} in the help`)
  const end = lines.findIndex((line, index) => index > start && !line.startsWith('      '))
  return lines.slice(start, end).join('\n')
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
