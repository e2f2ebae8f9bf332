// `--format github`: GitHub Actions workflow commands, one `::error file=…,line=…,title=…::message` line per
// finding, so each shows as an annotation on the file (and line) of the pull request; the summary is a plain line.
// Escaping follows @actions/core: %, CR and LF in the message; also `:` and `,` in properties.

import type { Writer } from '../command.ts'
import type { Reporter } from './report.ts'

export function githubReporter(out: Writer): Reporter {
  return {
    finding(finding) {
      const properties = [`file=${property(finding.file)}`]
      if (finding.line !== undefined) properties.push(`line=${finding.line}`)
      const where = finding.index === undefined ? '' : ` (record ${finding.index})`
      properties.push(`title=${property(`${finding.title}${where}`)}`)
      out.write(`::error ${properties.join(',')}::${message(finding.message)}\n`)
    },
    caseDone() {},
    end(summary) {
      out.write(`${summary.ok ? 'ok' : 'failed'}: ${summary.text}\n`)
    },
  }
}

const message = (value: string): string => value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
const property = (value: string): string => message(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
