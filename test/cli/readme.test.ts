// Keeps README.md true: its opening commands, its configuration table (against
// schemas/registry-config.schema.json) and the example of every command.

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { configReference } from '../../src/cli/config.ts'
import { COMMANDS } from '../../src/cli/program.ts'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')

test('the README opens with the start and test commands, each with a label', () => {
  const opening = readme.split('\n').slice(0, 6).join('\n')
  assert.equal(
    opening.replace(/^# .*$/gm, '# …'),
    ['```sh', '# …', 'npm install && npm start', '# …', 'npm install && npm test', '```'].join('\n'),
  )
})

test('the configuration table matches the config schema, key by key', () => {
  const section = readme.split(/^## /m).find((part) => part.startsWith('Configuration\n'))
  assert.ok(section, 'README.md has a "## Configuration" section')
  const rows = section.split('\n').filter((line) => line.startsWith('| `'))
  const expected = configReference().map(
    (entry) => `| \`${entry.key}\` | \`${entry.flag}\` | \`${entry.env}\` | \`${entry.default}\` | ${entry.description} |`,
  )
  assert.deepEqual(rows, expected)
})

test('the README shows the example of every command', () => {
  for (const command of COMMANDS) assert.ok(readme.includes(`\n  ${command.example}\n`), command.example)
})
