// What every command file declares (arguments and options with help text, one example, a run function),
// and how a command line is parsed against that declaration and printed as help.

import { parseArgs } from 'node:util'

export const EXIT_OK = 0
/** The command ran and failed: store locked, file unreadable, import refused. */
export const EXIT_FAILURE = 1
/** The command line or the configuration is wrong; nothing was started. */
export const EXIT_USAGE = 2

export interface OptionSpec {
  readonly type: 'string' | 'boolean'
  readonly short?: string
  /** How the value is shown in the help (`FILE`, `PORT`); string options only. */
  readonly value?: string
  /** Wrapped to the terminal width in the help; a newline starts a new line. */
  readonly description: string
}

export interface ArgumentSpec {
  readonly name: string
  readonly description: string
}

export interface Writer {
  write(text: string): unknown
}

/** Everything a command gets from the process, passed in so tests can run commands in-process. */
export interface CommandIo {
  readonly stdout: Writer
  readonly stderr: Writer
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
}

export interface CommandLine {
  /** Option values by long option name (`data-dir`); absent options are undefined. */
  readonly values: Readonly<Record<string, string | boolean | undefined>>
  /** The positional arguments, exactly as many as the command declares. */
  readonly positionals: readonly string[]
}

export interface Command {
  readonly name: string
  /** One sentence, shown in `schemaport --help` and at the top of the command's help. */
  readonly summary: string
  readonly arguments: readonly ArgumentSpec[]
  readonly options: Readonly<Record<string, OptionSpec>>
  /** One complete invocation, shown in the help and listed in the README. */
  readonly example: string
  /** Runs the command and resolves with the exit code; throws CliError for the failures it expects. */
  run(commandLine: CommandLine, io: CommandIo): Promise<number>
}

/** A failure the user can act on: printed as one message, without a stack trace, and exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILURE,
  ) {
    super(message)
    this.name = 'CliError'
  }
}

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', description: 'Show this help.' }

/** Parses `argv` (the words after the command name); undefined means `--help` was asked for. */
export function parseCommandLine(command: Command, argv: readonly string[]): CommandLine | undefined {
  const options = Object.fromEntries(
    Object.entries({ ...command.options, help: HELP_OPTION }).map(([name, spec]) => [
      name,
      spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short },
    ]),
  )
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true })
  } catch (error) {
    throw new CliError(`${(error as Error).message} (see schemaport ${command.name} --help)`, EXIT_USAGE)
  }
  if (parsed.values.help === true) return undefined
  if (parsed.positionals.length !== command.arguments.length) {
    const expected = command.arguments.map((argument) => argument.name).join(' ') || 'no arguments'
    throw new CliError(
      `expected ${expected}, got ${parsed.positionals.length === 0 ? 'none' : parsed.positionals.join(' ')}` +
        ` (see schemaport ${command.name} --help)`,
      EXIT_USAGE,
    )
  }
  // No option is declared `multiple`, so every value is a string or a boolean.
  return { values: parsed.values as CommandLine['values'], positionals: parsed.positionals }
}

/** The text of `schemaport <command> --help`. */
export function formatHelp(command: Command): string {
  const argumentNames = command.arguments.map((argument) => ` ${argument.name}`).join('')
  const lines = [`Usage: schemaport ${command.name}${argumentNames} [options]`, '', ...wrap(command.summary, 0), '']
  if (command.arguments.length > 0) {
    lines.push('Arguments:')
    for (const argument of command.arguments) lines.push(`  ${argument.name}`, ...wrap(argument.description, 6))
    lines.push('')
  }
  lines.push('Options:')
  for (const [name, spec] of Object.entries({ ...command.options, help: HELP_OPTION })) {
    const short = spec.short === undefined ? '' : `-${spec.short}, `
    const value = spec.value === undefined ? '' : ` ${spec.value}`
    lines.push(`  ${short}--${name}${value}`, ...wrap(spec.description, 6))
  }
  lines.push('', 'Example:', `  ${command.example}`, '')
  return lines.join('\n')
}

const WIDTH = 100

/** `text` broken into lines of at most WIDTH characters (a longer word gets a line of its own), indented;
 * a newline in `text` always starts a new line. */
function wrap(text: string, indent: number): string[] {
  if (text.includes('\n')) return text.split('\n').flatMap((paragraph) => wrap(paragraph, indent))
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && indent + line.length + 1 + word.length > WIDTH) {
      lines.push(line)
      line = word
    } else {
      line = line === '' ? word : `${line} ${word}`
    }
  }
  lines.push(line)
  return lines.map((l) => `${' '.repeat(indent)}${l}`)
}
