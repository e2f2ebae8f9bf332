// Picks the reporter for --format. Machine formats (json, junit) keep stdout for the document and print the
// one-line summary on stderr, so CI logs still show it.

import type { CommandIo } from '../command.ts'
import { CliError, EXIT_USAGE } from '../command.ts'
import { githubReporter } from './github-reporter.ts'
import { jsonReporter } from './json-reporter.ts'
import { junitReporter } from './junit-reporter.ts'
import type { ReportFormat, Reporter } from './report.ts'
import { REPORT_FORMATS } from './report.ts'
import { useColour } from './terminal.ts'
import { textReporter } from './text-reporter.ts'

export const FORMAT_HELP =
  'Report as text (the default: one line per problem, then a summary; coloured on a terminal unless NO_COLOR is set), ' +
  'json (one document), junit (JUnit XML for CI servers) or github (GitHub Actions annotations).'

export function reportFormatOf(value: string | undefined): ReportFormat {
  const format = value ?? 'text'
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new CliError(`--format: '${format}' is not one of ${REPORT_FORMATS.join(', ')}`, EXIT_USAGE)
  }
  return format as ReportFormat
}

export function createReporter(format: ReportFormat, io: CommandIo): Reporter {
  switch (format) {
    case 'text':
      return textReporter(io.stdout, useColour(io))
    case 'github':
      return githubReporter(io.stdout)
    case 'json':
      return withSummaryOnStderr(jsonReporter(io.stdout), io)
    case 'junit':
      return withSummaryOnStderr(junitReporter(io.stdout), io)
  }
}

function withSummaryOnStderr(reporter: Reporter, io: CommandIo): Reporter {
  return {
    finding: (finding) => reporter.finding(finding),
    caseDone: (result) => reporter.caseDone(result),
    end(summary) {
      reporter.end(summary)
      io.stderr.write(`${summary.ok ? 'ok' : 'failed'}: ${summary.text}\n`)
    },
  }
}
