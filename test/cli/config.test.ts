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

const KAFKA_DEFAULTS = {
  bootstrapServers: 'localhost:9092',
  kafkaTopic: '_schemas',
  kafkaReplicationFactor: 3,
  kafkaTimeoutMs: 500,
  kafkaInitTimeoutMs: 60000,
  kafkaSaslMechanism: 'none',
  kafkaSaslUsername: '',
  kafkaSaslPassword: '',
  kafkaTls: false,
  kafkaTlsCaFile: '',
  kafkaTlsCertFile: '',
  kafkaTlsKeyFile: '',
  groupId: 'schema-registry',
  leaderEligibility: true,
  advertisedUrl: '',
  groupSessionTimeoutMs: 10000,
  leaderTimeoutMs: 10000,
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
    ...KAFKA_DEFAULTS,
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
      ['bootstrap-servers', 'SCHEMAPORT_BOOTSTRAP_SERVERS'],
      ['kafka-topic', 'SCHEMAPORT_KAFKA_TOPIC'],
      ['kafka-replication-factor', 'SCHEMAPORT_KAFKA_REPLICATION_FACTOR'],
      ['kafka-timeout-ms', 'SCHEMAPORT_KAFKA_TIMEOUT_MS'],
      ['kafka-init-timeout-ms', 'SCHEMAPORT_KAFKA_INIT_TIMEOUT_MS'],
      ['kafka-sasl-mechanism', 'SCHEMAPORT_KAFKA_SASL_MECHANISM'],
      ['kafka-sasl-username', 'SCHEMAPORT_KAFKA_SASL_USERNAME'],
      ['kafka-sasl-password', 'SCHEMAPORT_KAFKA_SASL_PASSWORD'],
      ['kafka-tls', 'SCHEMAPORT_KAFKA_TLS'],
      ['kafka-tls-ca-file', 'SCHEMAPORT_KAFKA_TLS_CA_FILE'],
      ['kafka-tls-cert-file', 'SCHEMAPORT_KAFKA_TLS_CERT_FILE'],
      ['kafka-tls-key-file', 'SCHEMAPORT_KAFKA_TLS_KEY_FILE'],
      ['group-id', 'SCHEMAPORT_GROUP_ID'],
      ['leader-eligibility', 'SCHEMAPORT_LEADER_ELIGIBILITY'],
      ['advertised-url', 'SCHEMAPORT_ADVERTISED_URL'],
      ['group-session-timeout-ms', 'SCHEMAPORT_GROUP_SESSION_TIMEOUT_MS'],
      ['leader-timeout-ms', 'SCHEMAPORT_LEADER_TIMEOUT_MS'],
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
    SCHEMAPORT_BOOTSTRAP_SERVERS: 'kafka-1:9092,kafka-2:9092',
    SCHEMAPORT_KAFKA_TOPIC: '_schemas_v2',
    SCHEMAPORT_KAFKA_REPLICATION_FACTOR: '1',
    SCHEMAPORT_KAFKA_TIMEOUT_MS: '2000',
    SCHEMAPORT_KAFKA_INIT_TIMEOUT_MS: '120000',
    SCHEMAPORT_KAFKA_SASL_MECHANISM: 'scram-sha-512',
    SCHEMAPORT_KAFKA_SASL_USERNAME: 'registry',
    SCHEMAPORT_KAFKA_SASL_PASSWORD: 'secret',
    SCHEMAPORT_KAFKA_TLS: 'true',
    SCHEMAPORT_KAFKA_TLS_CA_FILE: '/etc/kafka/ca.pem',
    SCHEMAPORT_KAFKA_TLS_CERT_FILE: 'certs/registry.pem',
    SCHEMAPORT_KAFKA_TLS_KEY_FILE: 'certs/registry.key',
    SCHEMAPORT_GROUP_ID: 'registry-eu',
    SCHEMAPORT_LEADER_ELIGIBILITY: 'false',
    SCHEMAPORT_ADVERTISED_URL: 'https://registry-2.example.com:8443',
    SCHEMAPORT_GROUP_SESSION_TIMEOUT_MS: '6000',
    SCHEMAPORT_LEADER_TIMEOUT_MS: '3000',
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
    bootstrapServers: 'kafka-1:9092,kafka-2:9092',
    kafkaTopic: '_schemas_v2',
    kafkaReplicationFactor: 1,
    kafkaTimeoutMs: 2000,
    kafkaInitTimeoutMs: 120000,
    kafkaSaslMechanism: 'scram-sha-512',
    kafkaSaslUsername: 'registry',
    kafkaSaslPassword: 'secret',
    kafkaTls: true,
    kafkaTlsCaFile: '/etc/kafka/ca.pem',
    kafkaTlsCertFile: path.join(cwd, 'certs/registry.pem'),
    kafkaTlsKeyFile: path.join(cwd, 'certs/registry.key'),
    groupId: 'registry-eu',
    leaderEligibility: false,
    advertisedUrl: 'https://registry-2.example.com:8443',
    groupSessionTimeoutMs: 6000,
    leaderTimeoutMs: 3000,
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
  rejects({ flags: { store: 'zookeeper' } }, 'config: store: must be one of file, memory, kafka (from --store)')
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

test('selects the kafka store with its flags', () => {
  const flags = { store: 'kafka', 'bootstrap-servers': 'localhost:29092', 'kafka-topic': 'registry', 'kafka-timeout-ms': '1500' }
  const loaded = load({ flags })
  assert.deepEqual(
    [loaded.store, loaded.bootstrapServers, loaded.kafkaTopic, loaded.kafkaTimeoutMs, loaded.kafkaReplicationFactor],
    ['kafka', 'localhost:29092', 'registry', 1500, 3],
  )
})

test('rejects bootstrap servers that are not host:port and a topic name Kafka would refuse', () => {
  rejects({ flags: { 'bootstrap-servers': 'localhost' } }, /^config: bootstrapServers: must match pattern .* \(from --bootstrap-servers\)$/)
  rejects({ env: { SCHEMAPORT_KAFKA_TOPIC: 'my topic' } }, /^config: kafkaTopic: must match pattern .* \(from SCHEMAPORT_KAFKA_TOPIC\)$/)
})

test('rejects Kafka settings that only work together: SASL without credentials, TLS files without TLS, a certificate without its key', () => {
  rejects(
    { env: { SCHEMAPORT_KAFKA_SASL_MECHANISM: 'plain', SCHEMAPORT_KAFKA_SASL_USERNAME: 'registry' } },
    'config: kafkaSaslMechanism: plain needs kafkaSaslUsername and kafkaSaslPassword (from SCHEMAPORT_KAFKA_SASL_MECHANISM)',
  )
  rejects({ flags: { 'kafka-tls-ca-file': 'ca.pem' } }, 'config: kafkaTlsCaFile: needs kafkaTls set to true (from --kafka-tls-ca-file)')
  rejects(
    { flags: { 'kafka-tls': 'true', 'kafka-tls-cert-file': 'registry.pem' } },
    'config: kafkaTlsCertFile: kafkaTlsCertFile and kafkaTlsKeyFile go together (from --kafka-tls-cert-file)',
  )
})

test('rejects an advertisedUrl that is not scheme://host:port', () => {
  rejects({ env: { SCHEMAPORT_ADVERTISED_URL: 'registry-1:8081' } }, /^config: advertisedUrl: must match pattern .* \(from SCHEMAPORT_ADVERTISED_URL\)$/)
  // What the pattern lets through, a URL parser refuses: a port out of range.
  rejects(
    { flags: { 'advertised-url': 'http://registry-1:99999' } },
    'config: advertisedUrl must be an http or https URL such as http://registry-1:8081, got "http://registry-1:99999" (from --advertised-url)',
  )
})
