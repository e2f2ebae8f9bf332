// `--format junit`: JUnit XML as CI servers read it. One testsuite per suite (subject or schema), one
// testcase per case (payload file or subject), and for a failed case one <failure> listing its findings.

import type { Writer } from '../command.ts'
import type { CaseResult, Finding, Reporter } from './report.ts'
import { locationOf } from './report.ts'

export function junitReporter(out: Writer): Reporter {
  const findings = new Map<string, Finding[]>()
  const suites = new Map<string, CaseResult[]>()
  return {
    finding(finding) {
      const key = `${finding.suite}\u0000${finding.case}`
      const list = findings.get(key)
      if (list === undefined) findings.set(key, [finding])
      else list.push(finding)
    },
    caseDone(result) {
      const list = suites.get(result.suite)
      if (list === undefined) suites.set(result.suite, [result])
      else list.push(result)
    },
    end(summary) {
      const all = [...suites.values()].flat()
      const failures = all.filter((result) => result.failed > 0).length
      out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
      out.write(`<testsuites name="${attr(`schemaport ${summary.command}`)}" tests="${all.length}" failures="${failures}">\n`)
      for (const [suite, results] of suites) {
        const failed = results.filter((result) => result.failed > 0).length
        out.write(`  <testsuite name="${attr(suite)}" tests="${results.length}" failures="${failed}" errors="0" skipped="0">\n`)
        for (const result of results) {
          out.write(`    <testcase name="${attr(result.name)}" classname="${attr(suite)}" file="${attr(result.file)}">`)
          const found = findings.get(`${suite}\u0000${result.name}`) ?? []
          if (result.failed === 0) {
            out.write('</testcase>\n')
            continue
          }
          const body = found.map((finding) => `${locationOf(finding)}: ${finding.title}: ${finding.message}`).join('\n')
          out.write(`\n      <failure message="${attr(result.note)}" type="${attr(found[0]?.title ?? 'failure')}">${text(body)}</failure>\n    </testcase>\n`)
        }
        out.write('  </testsuite>\n')
      }
      out.write('</testsuites>\n')
    },
  }
}

// XML 1.0 allows tab, newline, carriage return and the code points from U+0020 up, minus surrogates and U+FFFE/F.
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu

const text = (value: string): string => value.replace(NOT_XML, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const attr = (value: string): string => text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')
