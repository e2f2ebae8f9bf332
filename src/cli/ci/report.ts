// What the CI commands report, independent of how it is printed: findings (an invalid record, an
// incompatibility) as they are found, one case per unit checked (a payload file, a subject), and a summary.
// Reporters (text, json, junit, github) turn these into output; commands only call them.

import path from 'node:path'

export interface Finding {
  /** The group the case belongs to: a subject, or a schema file. */
  readonly suite: string
  /** The unit that failed: a payload file or a subject (matches CaseResult.name). */
  readonly case: string
  /** The file the finding points at, relative to the working directory. */
  readonly file: string
  readonly line?: number
  /** 1-based record number in a file without lines (length-prefixed binary). */
  readonly index?: number
  /** A short title: `invalid record`, or an incompatibility's errorType. */
  readonly title: string
  /** One line saying what is wrong and where. */
  readonly message: string
  /** The finding's fields for machine output (json). */
  readonly data: Readonly<Record<string, unknown>>
}

export interface CaseResult {
  readonly suite: string
  readonly name: string
  readonly file: string
  /** How many things were checked (records, or versions) and how many failed. */
  readonly checked: number
  readonly failed: number
  /** What passing or failing meant here, e.g. `compatible with version 3 at BACKWARD`. */
  readonly note: string
  readonly data: Readonly<Record<string, unknown>>
  /** Printed in the text report too (register and pull say what they wrote); other cases show only as findings. */
  readonly listed?: boolean
}

export interface Summary {
  readonly command: string
  readonly ok: boolean
  /** The one-line summary printed at the end. */
  readonly text: string
  readonly counts: Readonly<Record<string, number>>
}

export interface Reporter {
  finding(finding: Finding): void
  caseDone(result: CaseResult): void
  end(summary: Summary): void
}

/** A path as reports show it: relative to the working directory (GitHub annotations need repository paths). */
export const displayPath = (cwd: string, file: string): string => path.relative(cwd, file) || file

export const REPORT_FORMATS = ['text', 'json', 'junit', 'github'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

/** Where a finding is: `file:line`, `file#index` or `file`. */
export const locationOf = (finding: Pick<Finding, 'file' | 'line' | 'index'>): string =>
  finding.line !== undefined ? `${finding.file}:${finding.line}` : finding.index !== undefined ? `${finding.file}#${finding.index}` : finding.file
