// Runs a command line in-process with the CI fixtures folder as the working directory, and the paths of the
// fixtures and temp folders the CI command tests share.

import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Writer } from '../../../src/cli/command.ts'
import { runCli } from '../../../src/cli/program.ts'
import { captureIo } from '../capture-io.ts'

export const FIXTURES = fileURLToPath(new URL('../../fixtures/ci/', import.meta.url))

export const tempDir = (): string => mkdtempSync(path.join(tmpdir(), 'schemaport-ci-'))

export interface Run {
  readonly code: number
  readonly out: string
  readonly err: string
}

export async function run(argv: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const io = captureIo({ cwd: options.cwd ?? FIXTURES, env: options.env })
  const code = await runCli(argv, io)
  return { code, out: io.out(), err: io.err() }
}

/** A writer that says it is a terminal, collecting what is written. */
export function terminal(): Writer & { isTTY: true; text(): string } {
  let text = ''
  return { isTTY: true, write: (chunk: string) => (text += chunk), text: () => text }
}

/** The schema file of each type's fixtures, by type. */
export const SCHEMAS = {
  AVRO: { dir: 'avro', extension: 'avsc' },
  JSON: { dir: 'json', extension: 'json' },
  PROTOBUF: { dir: 'protobuf', extension: 'proto' },
} as const

export const schemaFile = (type: keyof typeof SCHEMAS, variant: '' | '-compatible' | '-incompatible' = ''): string =>
  `${SCHEMAS[type].dir}/orders${variant}.${SCHEMAS[type].extension}`
