// `--format json`: one JSON document, {"findings": [...], "cases": [...], "command", "ok", "summary"}.
// Findings are written as they are found, so a run with many invalid records does not hold them in memory.

import type { Writer } from '../command.ts'
import type { CaseResult, Reporter } from './report.ts'

export function jsonReporter(out: Writer): Reporter {
  let findings = 0
  const cases: CaseResult[] = []
  return {
    finding(finding) {
      const { data, ...fields } = finding
      out.write(`${findings === 0 ? '{"findings":[\n' : ',\n'}${JSON.stringify({ ...fields, ...data })}`)
      findings += 1
    },
    caseDone(result) {
      cases.push(result)
    },
    end(summary) {
      const cased = cases.map(({ data, ...fields }) => ({ ...fields, ...data }))
      out.write(`${findings === 0 ? '{"findings":[' : '\n'}],\n"cases":${JSON.stringify(cased)},\n`)
      out.write(`"command":${JSON.stringify(summary.command)},"ok":${summary.ok},"summary":${JSON.stringify({ text: summary.text, ...summary.counts })}}\n`)
    },
  }
}
