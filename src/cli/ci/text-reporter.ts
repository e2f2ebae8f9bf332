// The default report: one line per finding (`file:line: message`), then the one-line summary; coloured only
// when asked (on a terminal).

import type { Writer } from '../command.ts'
import type { Reporter } from './report.ts'
import { locationOf } from './report.ts'

const paint = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`
const PLAIN = { red: (text: string) => text, green: (text: string) => text, bold: (text: string) => text }
const COLOURED = { red: paint(31), green: paint(32), bold: paint(1) }

export function textReporter(out: Writer, colour: boolean): Reporter {
  const style = colour ? COLOURED : PLAIN
  return {
    finding(finding) {
      out.write(`${style.bold(locationOf(finding))}: ${style.red(finding.title)}: ${finding.message}\n`)
    },
    caseDone(result) {
      if (result.listed === true) out.write(`${style.bold(result.name)}: ${result.note}\n`)
    },
    end(summary) {
      out.write(`${summary.ok ? style.green(`ok: ${summary.text}`) : style.red(`failed: ${summary.text}`)}\n`)
    },
  }
}
