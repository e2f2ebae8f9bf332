// The contract every SchemaLog (file, memory, kafka) must pass, registered by each log's own test file.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { LogRecord, SchemaLog } from '../../../src/registry/store/schema-log.ts'

/** One log over fresh storage. */
export interface LogUnderTest {
  /** A new, unopened log. */
  readonly log: SchemaLog
  /** A new, unopened log over the same storage; the test closes the previous log first. */
  reopen(): Promise<SchemaLog>
  cleanup(): Promise<void>
}

export type LogFactory = () => Promise<LogUnderTest>

export const schemaKey = (subject: string, version = 1): string =>
  `{"keytype":"SCHEMA","subject":${JSON.stringify(subject)},"version":${version},"magic":1}`

export const schemaRecord = (subject: string, version = 1, id = version): LogRecord => ({
  key: schemaKey(subject, version),
  value: JSON.stringify({ subject, version, id, schema: '"string"', deleted: false }),
})

/** Opens the log with a listener that collects what it delivers. */
export async function openCollecting(log: SchemaLog): Promise<LogRecord[]> {
  const delivered: LogRecord[] = []
  await log.open((record) => delivered.push(record))
  return delivered
}

const storeErrorCode = { errorCode: 50001, status: 500 }

/** Records whose strings are easy to mangle: unicode, escapes, `"subject":null` keys, odd spacing, size. */
export const trickyRecords: readonly LogRecord[] = [
  { key: '{"keytype":"CONFIG","subject":null,"magic":0}', value: '{"compatibilityLevel":"FULL"}' },
  { key: '{"keytype":"CONFIG","magic":0}', value: '{"compatibilityLevel":"NONE"}' },
  { key: '{ "magic" : 0 , "keytype" : "MODE" }', value: '{"mode":"READONLY"}' },
  { key: schemaKey('été-ünïcödé'), value: '{"schema":"{\\"doc\\":\\"日本語 עברית 𝄞 😀 e\\u0301\\"}"}' },
  { key: schemaKey('ctl\n\t\r"\\'), value: 'line1\nline2\r\n\u0000\u001f\u2028\u2029 "quoted" \\back\\' },
  { key: schemaKey('trailing-space '), value: ' {"padded": true} ' },
  { key: schemaKey('big'), value: JSON.stringify({ schema: 'x'.repeat(1024 * 1024) }) },
]

export function schemaLogContract(name: string, factory: LogFactory): void {
  describe(`${name} (SchemaLog contract)`, () => {
    /** Runs body against a fresh log and always cleans up. */
    const withLog = (body: (under: LogUnderTest) => Promise<void>) => async () => {
      const under = await factory()
      try {
        await body(under)
      } finally {
        await under.cleanup()
      }
    }

    test(
      'an empty log opens, replays nothing and counts no records',
      withLog(async ({ log }) => {
        const delivered = await openCollecting(log)
        assert.deepEqual([delivered, log.stats().records], [[], 0])
        await log.close()
      }),
    )

    test(
      'delivers appended records in order before append resolves (read-your-writes)',
      withLog(async ({ log }) => {
        const delivered = await openCollecting(log)
        const a = schemaRecord('a'), b = schemaRecord('b'), c = schemaRecord('c')
        await log.append([a, b])
        assert.deepEqual(delivered, [a, b])
        await log.append([c])
        assert.deepEqual(delivered, [a, b, c])
        await log.close()
      }),
    )

    test(
      'concurrent appends are stored and delivered in call order, each resolving after its own records',
      withLog(async ({ log }) => {
        const delivered = await openCollecting(log)
        const batches = Array.from({ length: 60 }, (_, i) =>
          Array.from({ length: (i % 3) + 1 }, (_, j) => schemaRecord(`s${i}`, j + 1)),
        )
        const seenAtResolve: number[] = []
        await Promise.all(batches.map((batch) => log.append(batch).then(() => seenAtResolve.push(delivered.length))))
        const expected = batches.flat()
        assert.deepEqual(delivered, expected)
        let upTo = 0
        batches.forEach((batch, i) => {
          upTo += batch.length
          assert.ok(seenAtResolve[i] >= upTo, `append ${i} resolved before its records were delivered`)
        })
        assert.equal(log.stats().records, expected.length)
        await log.close()
      }),
    )

    test(
      'delivers each record exactly once, and replays each exactly once after reopening',
      withLog(async ({ log, reopen }) => {
        const delivered = await openCollecting(log)
        const records = Array.from({ length: 20 }, (_, i) => schemaRecord(`once-${i}`))
        for (const r of records) await log.append([r])
        await new Promise((resolve) => setImmediate(resolve))
        assert.deepEqual(delivered, records)
        await log.close()
        const again = await reopen()
        const replayed = await openCollecting(again)
        await new Promise((resolve) => setImmediate(resolve))
        assert.deepEqual(replayed, records)
        await again.close()
      }),
    )

    test(
      'replays every record in order after reopening, then appends after them',
      withLog(async ({ log, reopen }) => {
        await openCollecting(log)
        const first = [schemaRecord('r', 1), schemaRecord('r', 2), schemaRecord('q', 1)]
        await log.append(first.slice(0, 2))
        await log.append(first.slice(2))
        await log.close()
        const second = await reopen()
        const replayed = await openCollecting(second)
        assert.deepEqual(replayed, first)
        const more = schemaRecord('r', 3)
        await second.append([more])
        assert.deepEqual(replayed, [...first, more])
        await second.close()
        const third = await reopen()
        assert.deepEqual(await openCollecting(third), [...first, more])
        await third.close()
      }),
    )

    test(
      'keeps a tombstone as null and an empty value as an empty string',
      withLog(async ({ log, reopen }) => {
        const delivered = await openCollecting(log)
        const records: LogRecord[] = [
          schemaRecord('t'),
          { key: schemaKey('t'), value: null },
          { key: '{"keytype":"NOOP","magic":0}', value: null },
          { key: schemaKey('empty'), value: '' },
        ]
        await log.append(records)
        assert.deepEqual(delivered, records)
        await log.close()
        const again = await reopen()
        const replayed = await openCollecting(again)
        assert.deepEqual(replayed, records)
        assert.equal(replayed[1].value, null)
        assert.equal(replayed[3].value, '')
        await again.close()
      }),
    )

    test(
      'keeps keys and values as exact strings: unicode, escapes, "subject":null keys, odd spacing, 1 MiB values',
      withLog(async ({ log, reopen }) => {
        const delivered = await openCollecting(log)
        await log.append(trickyRecords)
        assert.deepEqual(delivered, trickyRecords)
        await log.close()
        const again = await reopen()
        assert.deepEqual(await openCollecting(again), trickyRecords)
        await again.close()
      }),
    )

    test(
      'an empty append resolves and stores nothing',
      withLog(async ({ log }) => {
        const delivered = await openCollecting(log)
        await log.append([])
        assert.deepEqual([delivered, log.stats().records], [[], 0])
        await log.close()
      }),
    )

    test(
      'does not see a record mutated after append was called',
      withLog(async ({ log }) => {
        const delivered = await openCollecting(log)
        const record = { key: schemaKey('m'), value: 'before' }
        const appended = log.append([record])
        record.value = 'after'
        await appended
        assert.deepEqual(delivered, [{ key: schemaKey('m'), value: 'before' }])
        await log.close()
      }),
    )

    test(
      'rejects an append before open and after close with 50001; close is idempotent',
      withLog(async ({ log }) => {
        await assert.rejects(log.append([schemaRecord('early')]), storeErrorCode)
        await openCollecting(log)
        await log.close()
        await log.close()
        await assert.rejects(log.append([schemaRecord('late')]), storeErrorCode)
      }),
    )

    test(
      'close waits for appends in flight',
      withLog(async ({ log, reopen }) => {
        await openCollecting(log)
        const records = Array.from({ length: 10 }, (_, i) => schemaRecord(`flight-${i}`))
        const appends = records.map((r) => log.append([r]))
        await log.close()
        await Promise.all(appends)
        const again = await reopen()
        assert.deepEqual(await openCollecting(again), records)
        await again.close()
      }),
    )
  })
}
