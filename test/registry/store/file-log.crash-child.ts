// Child process of file-log.integration.test.ts: appends to a FileLog until it is killed, printing
// "acked N" once append N has resolved. Append N holds a unique record N and rewrites every hot key to N,
// so compactions run often and a torn append would show as hot keys that disagree with the last record.
import { FileLog } from '../../../src/registry/store/file/file-log.ts'
import type { LogRecord } from '../../../src/registry/store/schema-log.ts'

export const HOT_KEYS = ['hot-a', 'hot-b', 'hot-c', 'hot-d', 'hot-e', 'hot-f']
export const uniqueKey = (n: number): string => `{"keytype":"SCHEMA","subject":"crash","version":${n + 1},"magic":1}`
const IN_FLIGHT = 8

export function appendNumber(n: number): LogRecord[] {
  return [{ key: uniqueKey(n), value: `{"n":${n}}` }, ...HOT_KEYS.map((key) => ({ key, value: String(n) }))]
}

if (import.meta.filename === process.argv[1]) {
  const log = new FileLog({ dir: process.argv[2], compactionMinRecords: 50 })
  await log.open(() => {})
  let next = 0
  const appendNext = (): void => {
    const n = next++
    void log.append(appendNumber(n)).then(() => {
      process.stdout.write(`acked ${n}\n`)
      appendNext()
    })
  }
  for (let i = 0; i < IN_FLIGHT; i++) appendNext()
}
