import assert from 'node:assert/strict'
import { test } from 'node:test'
import { MemoryLog } from '../../../src/registry/store/memory/memory-log.ts'
import { openCollecting, schemaLogContract, schemaRecord } from './schema-log.contract.ts'

schemaLogContract('MemoryLog', async () => {
  let current = new MemoryLog()
  return {
    log: current,
    reopen: async () => (current = new MemoryLog(current.records())),
    cleanup: async () => {},
  }
})

test('replays its initial records at open and lists every stored record', async () => {
  const initial = [schemaRecord('a'), schemaRecord('b')]
  const log = new MemoryLog(initial)
  assert.deepEqual(await openCollecting(log), initial)
  const c = schemaRecord('c')
  await log.append([c])
  assert.deepEqual(log.records(), [...initial, c])
})

test('rejects a record whose value is neither a string nor null with 50001, storing nothing', async () => {
  const log = new MemoryLog()
  await openCollecting(log)
  const bad = [schemaRecord('ok'), { key: 'k', value: 42 }] as never
  await assert.rejects(log.append(bad), { errorCode: 50001 })
  assert.deepEqual(log.records(), [])
})
