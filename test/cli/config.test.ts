// Tests of the registry config loader: defaults, precedence (flag > env > file > default), JSON and YAML
// files, and the messages that name the key, the problem and where the bad value came from.

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { CliError, EXIT_USAGE } from '../../src/cli/command.ts'
import { CONFIG_KEYS, ConfigError, envName, flagName, loadRegistryConfig } from '../../src/cli/config.ts'
import type { ConfigSources } from '../../src/cli/config.ts'
import { ApiError } from '../../src/errors.ts'
import { COMPATIBILITY_LEVELS } from '../../src/registry/compatibility.ts'

const cwd = mkdtempSync(path.join(tmpdir(), 'schemaport-config-'))

function file(name: string, text: string): string {
  const full = path.join(cwd, name)
  writeFileSync(full, text)
  return full
}

const load = (sources: Partial<ConfigSources>) => loadRegistryConfig({ flags: {}, env: {}, cwd, ...sources })

function rejects(sources: Partial<ConfigSources>, message: string | RegExp): void {
  assert.throws(
    () => load(sources),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError)
      if (typeof message === 'string') assert.equal(error.message, message)
      else assert.match(error.message, message)
      return true
    },
  )
}

test('gives every key its schema default', () => {
  assert.deepEqual(load({}), {
    port: 8081,
    host: '0.0.0.0',
    dataDir: path.join(cwd, 'data'),
    store: 'file',
    logLevel: 'info',
    bodyLimit: 16 * 1024 * 1024,
    maxSchemaDepth: 128,
    compatibilityLevel: 'BACKWARD',
    modeMutability: true,
  })
})

test('a flag beats an environment variable, which beats the file, which beats the default', () => {
  const config = file('precedence.yaml', 'port: 1001\nhost: 10.0.0.1\nlogLevel: warn\n')
  const env = { SCHEMAPORT_CONFIG: config, SCHEMAPORT_PORT: '1002', SCHEMAPORT_HOST: '10.0.0.2' }
  const loaded = load({ env, flags: { port: '1003' } })
  assert.deepEqual([loaded.port, loaded.host, loaded.logLevel, loaded.store], [1003, '10.0.0.2', 'warn', 'file'])
})

test('names flags in kebab case and environment variables in SCHEMAPORT_ upper snake case', () => {
  assert.deepEqual(
    CONFIG_KEYS.map((key) => [flagName(key), envName(key)]),
    [
      ['port', 'SCHEMAPORT_PORT'],
      ['host', 'SCHEMAPORT_HOST'],
      ['data-dir', 'SCHEMAPORT_DATA_DIR'],
      ['store', 'SCHEMAPORT_STORE'],
      ['log-level', 'SCHEMAPORT_LOG_LEVEL'],
      ['body-limit', 'SCHEMAPORT_BODY_LIMIT'],
      ['max-schema-depth', 'SCHEMAPORT_MAX_SCHEMA_DEPTH'],
      ['compatibility-level', 'SCHEMAPORT_COMPATIBILITY_LEVEL'],
      ['mode-mutability', 'SCHEMAPORT_MODE_MUTABILITY'],
    ],
  )
})

test('reads every key from its environment variable, converting numbers and booleans', () => {
  const env = {
    SCHEMAPORT_PORT: '9000',
    SCHEMAPORT_HOST: '127.0.0.1',
    SCHEMAPORT_DATA_DIR: '/var/lib/schemaport',
    SCHEMAPORT_STORE: 'memory',
    SCHEMAPORT_LOG_LEVEL: 'debug',
    SCHEMAPORT_BODY_LIMIT: '2048',
    SCHEMAPORT_MAX_SCHEMA_DEPTH: '16',
    SCHEMAPORT_COMPATIBILITY_LEVEL: 'FULL_TRANSITIVE',
    SCHEMAPORT_MODE_MUTABILITY: 'false',
  }
  assert.deepEqual(load({ env }), {
    port: 9000,
    host: '127.0.0.1',
    dataDir: '/var/lib/schemaport',
    store: 'memory',
    logLevel: 'debug',
    bodyLimit: 2048,
    maxSchemaDepth: 16,
    compatibilityLevel: 'FULL_TRANSITIVE',
    modeMutability: false,
  })
})

test('reads every key from its flag', () => {
  const flags = {
    port: '0',
    'data-dir': 'relative/dir',
    'max-schema-depth': '7',
    'compatibility-level': 'NONE',
    'mode-mutability': 'TRUE',
  }
  const loaded = load({ flags })
  assert.deepEqual(
    [loaded.port, loaded.dataDir, loaded.maxSchemaDepth, loaded.compatibilityLevel, loaded.modeMutability],
    [0, path.join(cwd, 'relative/dir'), 7, 'NONE', true],
  )
})

test('ignores empty environment variables and flags that are not config keys', () => {
  assert.equal(load({ env: { SCHEMAPORT_PORT: '' }, flags: { out: 'x.jsonl', help: false } }).port, 8081)
})

test('reads a JSON config file named by --config', () => {
  const json = file('config.json', JSON.stringify({ port: 7000, modeMutability: false, dataDir: '/srv/data' }))
  const loaded = load({ flags: { config: json } })
  assert.deepEqual([loaded.port, loaded.modeMutability, loaded.dataDir], [7000, false, '/srv/data'])
})

test('reads a YAML config file named by SCHEMAPORT_CONFIG, relative to the working directory', () => {
  file('config.yml', '# comment\ncompatibilityLevel: FORWARD\nbodyLimit: 4096\n')
  const loaded = load({ env: { SCHEMAPORT_CONFIG: 'config.yml' } })
  assert.deepEqual([loaded.compatibilityLevel, loaded.bodyLimit], ['FORWARD', 4096])
})

test('--config beats SCHEMAPORT_CONFIG', () => {
  const a = file('a.yaml', 'port: 1\n')
  const b = file('b.yaml', 'port: 2\n')
  assert.equal(load({ flags: { config: b }, env: { SCHEMAPORT_CONFIG: a } }).port, 2)
})

test('an empty config file sets nothing', () => {
  assert.equal(load({ flags: { config: file('empty.yaml', '') } }).port, 8081)
})

test('rejects an out-of-range port, naming the environment variable', () => {
  rejects({ env: { SCHEMAPORT_PORT: '70000' } }, 'config: port: must be <= 65535 (from SCHEMAPORT_PORT)')
})

test('rejects a port that is not a number, naming the flag', () => {
  rejects({ flags: { port: 'eighty' } }, 'config: port: must be integer (from --port)')
})

test('rejects a value of the wrong type in a file, naming the file', () => {
  const yaml = file('wrong-type.yaml', 'port: "8081"\n')
  rejects({ flags: { config: yaml } }, `config: port: must be integer (from ${yaml})`)
})

test('rejects an unknown key in a file and lists the known ones', () => {
  const json = file('unknown.json', '{"prot": 8081}')
  rejects(
    { flags: { config: json } },
    `config: prot: unknown key; known keys are ${CONFIG_KEYS.join(', ')} (from ${json})`,
  )
})

test('rejects a value outside an enumeration, listing the allowed ones', () => {
  rejects({ flags: { store: 'kafka' } }, 'config: store: must be one of file, memory (from --store)')
  rejects(
    { env: { SCHEMAPORT_COMPATIBILITY_LEVEL: 'backwards' } },
    /^config: compatibilityLevel: must be one of NONE, BACKWARD, .* \(from SCHEMAPORT_COMPATIBILITY_LEVEL\)$/,
  )
})

test('rejects a boolean that is not true or false', () => {
  rejects({ env: { SCHEMAPORT_MODE_MUTABILITY: 'yes' } }, 'config: modeMutability: must be boolean (from SCHEMAPORT_MODE_MUTABILITY)')
})

test('reports every bad key, one per line', () => {
  const yaml = file('two-bad.yaml', 'maxSchemaDepth: 0\nhost: ""\n')
  rejects(
    { flags: { config: yaml }, env: { SCHEMAPORT_BODY_LIMIT: '10' } },
    [
      `config: host: must NOT have fewer than 1 characters (from ${yaml})`,
      'config: bodyLimit: must be >= 1024 (from SCHEMAPORT_BODY_LIMIT)',
      `config: maxSchemaDepth: must be >= 1 (from ${yaml})`,
    ].join('\n'),
  )
})

test('rejects a missing config file', () => {
  rejects({ flags: { config: 'missing.yaml' } }, /^config: cannot read the config file .*missing\.yaml: ENOENT/)
})

test('rejects a config file that does not parse, or holds no mapping', () => {
  rejects({ flags: { config: file('bad.yaml', 'port: [1\n') } }, /^config: .*bad\.yaml is not valid YAML: /)
  rejects({ flags: { config: file('bad.json', '{"port": 1,}') } }, /^config: .*bad\.json is not valid JSON: /)
  rejects({ flags: { config: file('list.yaml', '- port\n') } }, /^config: .*list\.yaml must hold a mapping of keys to values$/)
})

test('a config error is a command-line error with exit code 2, not an ApiError', () => {
  assert.throws(
    () => load({ env: { SCHEMAPORT_PORT: '-1' } }),
    (error: unknown) => error instanceof CliError && error.exitCode === EXIT_USAGE && !(error instanceof ApiError),
  )
})

test('the schema offers exactly the registry compatibility levels', () => {
  const schema = JSON.parse(readFileSync(new URL('../../schemas/registry-config.schema.json', import.meta.url), 'utf8'))
  assert.deepEqual(schema.properties.compatibilityLevel.enum, [...COMPATIBILITY_LEVELS])
})

test('a __proto__ key in a file is an unknown key like any other', () => {
  const json = file('proto.json', '{"__proto__": {"port": 1}}')
  rejects({ flags: { config: json } }, /^config: __proto__: unknown key; /)
})
