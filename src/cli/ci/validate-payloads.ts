// The validation loop: reads every record of every payload file of every target, in order, and reports each
// invalid one (file, line or index, field path, reason) as it is found. Nothing stops at the first failure.

import { stat } from 'node:fs/promises'
import type { ParsedSchema } from '../../formats/format.ts'
import type { CommandIo } from '../command.ts'
import { expandPayloads } from './payload-files.ts'
import type { PayloadEncoding } from './payload-readers.ts'
import { readRecords } from './payload-readers.ts'
import { progressBar } from './progress.ts'
import { recordValidator } from './record-validator.ts'
import type { Reporter } from './report.ts'

export interface ValidationTarget {
  /** How reports name the schema: the subject, or the schema file. */
  readonly suite: string
  readonly schema: ParsedSchema
  /** Absolute files, folders or globs. */
  readonly payloads: readonly string[]
  readonly encoding: PayloadEncoding
  readonly message?: string
}

export interface ValidationCounts {
  readonly files: number
  readonly records: number
  readonly invalid: number
}

/** Validates every record; `display` turns an absolute path into the one reports show. Throws CliError (exit
 * 2) before reporting anything when a payload input matches no file or a Protobuf message is unknown. */
export async function validatePayloads(
  targets: readonly ValidationTarget[],
  reporter: Reporter,
  io: CommandIo,
  display: (file: string) => string,
): Promise<ValidationCounts> {
  const plans = []
  for (const target of targets) {
    const validate = recordValidator(target.schema, { encoding: target.encoding, message: target.message })
    plans.push({ target, validate, files: await expandPayloads(target.payloads, target.encoding) })
  }
  let totalBytes = 0
  for (const plan of plans) for (const file of plan.files) totalBytes += (await stat(file)).size
  const progress = progressBar(io, totalBytes)
  let files = 0
  let records = 0
  let invalid = 0
  for (const { target, validate, files: payloadFiles } of plans) {
    for (const file of payloadFiles) {
      const shown = display(file)
      let fileRecords = 0
      let fileInvalid = 0
      for await (const record of readRecords(file, target.encoding, (bytes) => progress.bytes(bytes))) {
        fileRecords += 1
        progress.record()
        const problems = validate(record)
        if (problems.length === 0) continue
        fileInvalid += 1
        progress.clear()
        const line = record.kind === 'text' ? record.line : undefined
        const index = record.kind === 'bytes' ? record.index : undefined
        for (const { path, reason } of problems) {
          reporter.finding({
            suite: target.suite,
            case: shown,
            file: shown,
            line,
            index,
            title: 'invalid record',
            message: path === '' ? reason : `${path}: ${reason}`,
            data: { schema: target.suite, path, reason },
          })
        }
      }
      files += 1
      records += fileRecords
      invalid += fileInvalid
      reporter.caseDone({
        suite: target.suite,
        name: shown,
        file: shown,
        checked: fileRecords,
        failed: fileInvalid,
        note: `${fileInvalid} of ${fileRecords} records invalid`,
        data: { schema: target.suite, records: fileRecords, invalid: fileInvalid },
      })
    }
  }
  progress.clear()
  return { files, records, invalid }
}
