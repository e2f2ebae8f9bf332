// The one config loader of the registry: merges flags, SCHEMAPORT_* environment variables, a JSON or YAML
// config file and the defaults of schemas/registry-config.schema.json (in that order of precedence), then
// validates the result against that schema, naming the key, the problem and where the bad value came from.

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Ajv } from 'ajv'
import type { ErrorObject } from 'ajv'
import { parse as parseYaml } from 'yaml'
import type { SaslMechanism } from '../kafka/connection.ts'
import type { CompatibilityLevel } from '../registry/compatibility.ts'
import { identityFromUrl } from '../registry/cluster/identity.ts'
import { CliError, EXIT_USAGE } from './command.ts'
import type { OptionSpec } from './command.ts'

export interface RegistryConfig {
  readonly port: number
  readonly host: string
  /** Absolute path (resolved against the working directory). */
  readonly dataDir: string
  readonly store: 'file' | 'memory' | 'kafka'
  /** Comma-separated host:port list. */
  readonly bootstrapServers: string
  readonly kafkaTopic: string
  readonly kafkaReplicationFactor: number
  readonly kafkaTimeoutMs: number
  readonly kafkaInitTimeoutMs: number
  readonly kafkaSaslMechanism: 'none' | SaslMechanism
  readonly kafkaSaslUsername: string
  readonly kafkaSaslPassword: string
  readonly kafkaTls: boolean
  /** The three TLS files: absolute paths (resolved against the working directory), or '' for none. */
  readonly kafkaTlsCaFile: string
  readonly kafkaTlsCertFile: string
  readonly kafkaTlsKeyFile: string
  /** Leader election of the kafka store's instances (src/registry/cluster/). */
  readonly groupId: string
  readonly leaderEligibility: boolean
  /** `scheme://host:port`, or '' for the address the registry listens on. */
  readonly advertisedUrl: string
  readonly groupSessionTimeoutMs: number
  readonly leaderTimeoutMs: number
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  readonly bodyLimit: number
  readonly maxSchemaDepth: number
  readonly compatibilityLevel: CompatibilityLevel
  readonly modeMutability: boolean
}

export type ConfigKey = keyof RegistryConfig

/** An invalid configuration: start-up stops with this message (one line per problem). */
export class ConfigError extends CliError {
  constructor(message: string) {
    super(message, EXIT_USAGE)
    this.name = 'ConfigError'
  }
}

interface KeySchema {
  readonly type: 'integer' | 'string' | 'boolean'
  readonly enum?: readonly string[]
  readonly default: string | number | boolean
  readonly description: string
}

interface ConfigSchema {
  readonly properties: Readonly<Record<ConfigKey, KeySchema>>
}

const SCHEMA_URL = new URL('../../schemas/registry-config.schema.json', import.meta.url)
const schema = JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as ConfigSchema
const validate = new Ajv({ allErrors: true, useDefaults: true }).compile<RegistryConfig>(schema)

export const CONFIG_KEYS = Object.keys(schema.properties) as ConfigKey[]
export const CONFIG_FILE_FLAG = 'config'
export const CONFIG_FILE_ENV = 'SCHEMAPORT_CONFIG'

/** `dataDir` → `data-dir`. */
export const flagName = (key: ConfigKey): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)
/** `dataDir` → `SCHEMAPORT_DATA_DIR`. */
export const envName = (key: ConfigKey): string => `SCHEMAPORT_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`

/** One row of the configuration reference (the `--help` of the registry and the README table). */
export interface ConfigEntry {
  readonly key: ConfigKey
  readonly flag: string
  readonly env: string
  readonly default: string
  readonly description: string
}

export function configReference(): ConfigEntry[] {
  return CONFIG_KEYS.map((key) => ({
    key,
    flag: `--${flagName(key)}`,
    env: envName(key),
    default: shownDefault(key),
    description: schema.properties[key].description,
  }))
}

/** A key's default as help and the README show it; an empty default shows as "" (a Markdown code span can hold it). */
const shownDefault = (key: ConfigKey): string => (schema.properties[key].default === '' ? '""' : String(schema.properties[key].default))

/** The command-line options setting `keys` (every key by default), plus `--config FILE`, with their help. */
export function configOptions(keys: readonly ConfigKey[] = CONFIG_KEYS): Record<string, OptionSpec> {
  const options: Record<string, OptionSpec> = {}
  for (const key of keys) {
    const property = schema.properties[key]
    const values = property.enum === undefined ? '' : ` One of: ${property.enum.join(', ')}.`
    options[flagName(key)] = {
      type: 'string',
      value: property.type === 'boolean' ? 'true|false' : flagName(key).replace(/-/g, '_').toUpperCase(),
      description: `${property.description}${values}\n[env ${envName(key)}, default ${shownDefault(key)}]`,
    }
  }
  options[CONFIG_FILE_FLAG] = {
    type: 'string',
    value: 'FILE',
    description: `Read settings from a JSON or YAML file (flags and environment variables win).\n[env ${CONFIG_FILE_ENV}]`,
  }
  return options
}

export interface ConfigSources {
  /** Parsed command-line values by flag name (`data-dir`, `config`); names that are not config flags are ignored. */
  readonly flags: Readonly<Record<string, string | boolean | undefined>>
  readonly env: Readonly<Record<string, string | undefined>>
  /** Relative paths (the config file, `dataDir`) are resolved against it. */
  readonly cwd: string
}

/** Builds the registry configuration; throws ConfigError naming every bad key. */
export function loadRegistryConfig(sources: ConfigSources): RegistryConfig {
  // No prototype: a `__proto__` key in a file stays a key (and is reported as unknown).
  const merged: Record<string, unknown> = Object.create(null)
  const origin = new Map<string, string>()
  const file = readConfigFile(sources)
  if (file !== undefined) {
    for (const [key, value] of Object.entries(file.settings)) {
      merged[key] = value
      origin.set(key, file.path)
    }
  }
  for (const key of CONFIG_KEYS) {
    const env = sources.env[envName(key)]
    if (env !== undefined && env !== '') {
      merged[key] = fromText(key, env)
      origin.set(key, envName(key))
    }
    const flag = sources.flags[flagName(key)]
    if (typeof flag === 'string') {
      merged[key] = fromText(key, flag)
      origin.set(key, `--${flagName(key)}`)
    }
  }
  if (!validate(merged)) {
    throw new ConfigError(validate.errors!.map((error) => describe(error, origin)).join('\n'))
  }
  const problems = settingProblems(merged, origin)
  if (problems.length > 0) throw new ConfigError(problems.join('\n'))
  const resolve = (file: string) => (file === '' ? '' : path.resolve(sources.cwd, file))
  return Object.freeze({
    ...merged,
    dataDir: path.resolve(sources.cwd, merged.dataDir),
    kafkaTlsCaFile: resolve(merged.kafkaTlsCaFile),
    kafkaTlsCertFile: resolve(merged.kafkaTlsCertFile),
    kafkaTlsKeyFile: resolve(merged.kafkaTlsKeyFile),
  })
}

/** The Kafka and cluster settings the schema cannot check alone. */
function settingProblems(config: RegistryConfig, origin: ReadonlyMap<string, string>): string[] {
  const from = (key: ConfigKey) => `(from ${origin.get(key) ?? 'the default'})`
  const problems: string[] = []
  if (config.kafkaSaslMechanism !== 'none' && (config.kafkaSaslUsername === '' || config.kafkaSaslPassword === '')) {
    problems.push(
      `config: kafkaSaslMechanism: ${config.kafkaSaslMechanism} needs kafkaSaslUsername and kafkaSaslPassword ` +
        from('kafkaSaslMechanism'),
    )
  }
  for (const key of ['kafkaTlsCaFile', 'kafkaTlsCertFile', 'kafkaTlsKeyFile'] as const) {
    if (config[key] !== '' && !config.kafkaTls) problems.push(`config: ${key}: needs kafkaTls set to true ${from(key)}`)
  }
  if ((config.kafkaTlsCertFile === '') !== (config.kafkaTlsKeyFile === '')) {
    const set = config.kafkaTlsCertFile === '' ? 'kafkaTlsKeyFile' : 'kafkaTlsCertFile'
    problems.push(`config: ${set}: kafkaTlsCertFile and kafkaTlsKeyFile go together ${from(set)}`)
  }
  // The schema's pattern lets through what only a URL parser refuses (a port over 65535, an empty host).
  if (config.advertisedUrl !== '') {
    try {
      identityFromUrl(config.advertisedUrl, config.leaderEligibility)
    } catch (error) {
      problems.push(`config: ${(error as Error).message} ${from('advertisedUrl')}`)
    }
  }
  return problems
}

function readConfigFile(sources: ConfigSources): { path: string; settings: Record<string, unknown> } | undefined {
  const flag = sources.flags[CONFIG_FILE_FLAG]
  const name = typeof flag === 'string' ? flag : sources.env[CONFIG_FILE_ENV]
  if (name === undefined || name === '') return undefined
  const file = path.resolve(sources.cwd, name)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new ConfigError(`config: cannot read the config file ${file}: ${(error as Error).message}`)
  }
  const json = path.extname(file).toLowerCase() === '.json'
  let settings: unknown
  try {
    settings = json ? JSON.parse(text) : parseYaml(text)
  } catch (error) {
    throw new ConfigError(`config: ${file} is not valid ${json ? 'JSON' : 'YAML'}: ${(error as Error).message}`)
  }
  if (settings === null || settings === undefined) return { path: file, settings: {} }
  if (typeof settings !== 'object' || Array.isArray(settings)) {
    throw new ConfigError(`config: ${file} must hold a mapping of keys to values`)
  }
  return { path: file, settings: settings as Record<string, unknown> }
}

/** Flags and environment variables are text: turn them into the key's type when they spell one, and leave
 * them as text otherwise, so validation reports "must be integer" rather than a silent NaN. */
function fromText(key: ConfigKey, text: string): unknown {
  switch (schema.properties[key].type) {
    case 'integer':
      return /^[+-]?\d+$/.test(text.trim()) ? Number(text) : text
    case 'boolean':
      return /^(true|false)$/i.test(text.trim()) ? text.trim().toLowerCase() === 'true' : text
    case 'string':
      return text
  }
}

function describe(error: ErrorObject, origin: ReadonlyMap<string, string>): string {
  if (error.keyword === 'additionalProperties') {
    const key = String(error.params.additionalProperty)
    return `config: ${key}: unknown key; known keys are ${CONFIG_KEYS.join(', ')} (from ${origin.get(key)})`
  }
  const key = error.instancePath.split('/')[1] ?? ''
  const problem =
    error.keyword === 'enum' ? `must be one of ${(error.params.allowedValues as string[]).join(', ')}` : error.message
  return `config: ${key}: ${problem} (from ${origin.get(key)})`
}
