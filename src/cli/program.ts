// The schemaport command line: picks the command named by the first word (registry when there is none),
// parses its options, prints help, runs it and turns its failure into a message and an exit code.

import type { Command, CommandIo } from './command.ts'
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, formatHelp, parseCommandLine } from './command.ts'
import { checkCommand } from './check.ts'
import { diffCommand } from './diff.ts'
import { exportCommand } from './export.ts'
import { importCommand } from './import.ts'
import { pullCommand } from './pull.ts'
import { registerCommand } from './register.ts'
import { registryCommand } from './registry.ts'
import { validateCommand } from './validate.ts'

export const COMMANDS: readonly Command[] = [
  registryCommand,
  exportCommand,
  importCommand,
  validateCommand,
  checkCommand,
  diffCommand,
  registerCommand,
  pullCommand,
]
const DEFAULT_COMMAND = registryCommand

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length))
  return [
    'schemaport: a drop-in replacement for the Confluent Schema Registry.',
    '',
    'Usage: schemaport [command] [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    `With no command, schemaport runs \`${DEFAULT_COMMAND.name}\`. Run \`schemaport <command> --help\` for its options.`,
    '',
    `Exit codes: ${EXIT_OK} success, ${EXIT_FAILURE} the command failed, ${EXIT_USAGE} bad command line or configuration.`,
    `  validate, check, diff, register: ${EXIT_FAILURE} means invalid payloads or an incompatible change; ${EXIT_USAGE} also a missing`,
    '  file, a bad schema or manifest, or an unreachable registry.',
    '',
  ].join('\n')
}

/** Runs one command line (the words after `schemaport`) and resolves with the process exit code. */
export async function runCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const [first, ...rest] = argv
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(mainHelp())
    return EXIT_OK
  }
  const named = first === undefined || first.startsWith('-') ? undefined : first
  const command = named === undefined ? DEFAULT_COMMAND : COMMANDS.find((candidate) => candidate.name === named)
  if (command === undefined) {
    io.stderr.write(
      `schemaport: unknown command '${named}'; the commands are ${COMMANDS.map((c) => c.name).join(', ')} (see schemaport --help)\n`,
    )
    return EXIT_USAGE
  }
  try {
    const commandLine = parseCommandLine(command, named === undefined ? argv : rest)
    if (commandLine === undefined) {
      io.stdout.write(formatHelp(command))
      return EXIT_OK
    }
    return await command.run(commandLine, io)
  } catch (error) {
    io.stderr.write(`schemaport ${command.name}: ${(error as Error).message}\n`)
    return error instanceof CliError ? error.exitCode : EXIT_FAILURE
  }
}
