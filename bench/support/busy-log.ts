// The records of a busy registry's log, in the exact JSON of Confluent's `_schemas` topic (spec section 5):
// mostly schemas over 20,000 subjects, a config record every tenth, one schema in seven soft-deleted.

import type { LogRecord } from '../../src/registry/store/schema-log.ts'
import { distinctSchema } from './schemas.ts'

const SUBJECTS = 20_000

/** The first `count` records, in log order; schema ids run from 1 and each names its own distinct schema. */
export function busyLogRecords(count: number): LogRecord[] {
  const records: LogRecord[] = []
  for (let i = 0; i < count; i++) {
    const subject = `subject-${i % SUBJECTS}`
    const version = Math.floor(i / SUBJECTS) + 1
    if (i % 10 === 9) {
      records.push({ key: JSON.stringify({ keytype: 'CONFIG', subject, magic: 0 }), value: JSON.stringify({ subject, compatibilityLevel: 'FULL' }) })
    } else {
      records.push({
        key: JSON.stringify({ keytype: 'SCHEMA', subject, version, magic: 1 }),
        value: JSON.stringify({ subject, version, id: i + 1, schema: distinctSchema(i), deleted: i % 7 === 0 }),
      })
    }
  }
  return records
}
