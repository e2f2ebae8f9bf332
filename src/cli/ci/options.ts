// The options the CI commands share (declarations with their help text) and the readers of their values:
// where the schema comes from, the registry, the manifest, the level and the report format.

import { access } from 'node:fs/promises'
import path from 'node:path'
import type { CompatibilityLevel } from '../../registry/compatibility.ts'
import { COMPATIBILITY_LEVELS } from '../../registry/compatibility.ts'
import type { CommandIo, CommandLine, OptionSpec } from '../command.ts'
import { CliError, EXIT_USAGE } from '../command.ts'
import type { Manifest } from './manifest.ts'
import { DEFAULT_MANIFEST, loadManifest } from './manifest.ts'
import { RegistryHttp } from './registry-http.ts'
import { FORMAT_HELP } from './reporters.ts'
import { TYPE_HELP } from './schema-files.ts'

export const SHARED_OPTIONS = {
  registry: { type: 'string', value: 'URL', description: 'The registry, e.g. http://localhost:8081 (user:password@ in the URL for basic auth); overrides `registry` in the manifest.' },
  schema: { type: 'string', value: 'FILE', description: 'A local schema file (.avsc, .json, .proto).' },
  type: { type: 'string', value: 'TYPE', description: TYPE_HELP },
  manifest: {
    type: 'string',
    value: 'FILE',
    description: `The manifest listing subjects, schema files, references, levels and payloads (see schemas/manifest.schema.json). Used when neither --schema nor --subject is given; default ./${DEFAULT_MANIFEST}.`,
  },
  format: { type: 'string', value: 'FORMAT', description: FORMAT_HELP },
} as const satisfies Record<string, OptionSpec>

export const LEVEL_HELP = `One of ${COMPATIBILITY_LEVELS.join(', ')}.`

export function stringValue(values: CommandLine['values'], name: string): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value : undefined
}

export function levelOf(value: string | undefined): CompatibilityLevel | undefined {
  if (value === undefined) return undefined
  const upper = value.toUpperCase()
  if (!(COMPATIBILITY_LEVELS as readonly string[]).includes(upper)) throw new CliError(`--level: '${value}' is not a level; ${LEVEL_HELP}`, EXIT_USAGE)
  return upper as CompatibilityLevel
}

/** True when the command line names one schema (--schema or --subject) rather than asking for the manifest. */
export const namesOneSchema = (values: CommandLine['values']): boolean => values.schema !== undefined || values.subject !== undefined

/** The manifest named by --manifest, or ./schemaport.yaml. */
export async function manifestOf(values: CommandLine['values'], io: CommandIo): Promise<Manifest> {
  const named = stringValue(values, 'manifest')
  const file = path.resolve(io.cwd, named ?? DEFAULT_MANIFEST)
  if (named === undefined && !(await access(file).then(() => true, () => false))) {
    throw new CliError(`give --schema or --subject, or a manifest (--manifest FILE, or ${DEFAULT_MANIFEST} in ${io.cwd})`, EXIT_USAGE)
  }
  return loadManifest(file)
}

/** The registry from --registry, else from the manifest; undefined when neither names one. */
export function registryOf(values: CommandLine['values'], manifest?: Manifest): RegistryHttp | undefined {
  const url = stringValue(values, 'registry') ?? manifest?.registry
  return url === undefined ? undefined : new RegistryHttp(url)
}

export function requireRegistry(registry: RegistryHttp | undefined, why: string): RegistryHttp {
  if (registry === undefined) throw new CliError(`${why} needs a registry: give --registry URL (or \`registry\` in the manifest)`, EXIT_USAGE)
  return registry
}

/** A --version value: a positive integer or `latest`. */
export function versionOf(value: string | undefined): number | 'latest' {
  if (value === undefined || value === 'latest') return 'latest'
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new CliError(`--version: '${value}' is not a version number or latest`, EXIT_USAGE)
  return Number(value)
}
