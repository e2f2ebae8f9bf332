// The registry's Kafka SASL and TLS settings reach kafkajs: real `schemaport registry --store kafka` processes on
// a broker with SASL_PLAINTEXT and SSL listeners register and serve schemas with the right credentials or CA
// (PLAIN across a restart, SCRAM-SHA-256 and -512), and exit with code 1 naming the reason with a wrong
// password or an untrusted certificate.
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { finished } from 'node:stream/promises'
import { after, before, test } from 'node:test'
import { startKafkaBroker } from '../support/kafka-broker.ts'
import type { TestKafkaBroker } from '../support/kafka-broker.ts'
import { startRegistryProcess } from '../support/registry-process.ts'
import type { RegistryProcess } from '../support/registry-process.ts'
import { avro, call, newGroup, startInstance } from '../support/registry-instances.ts'

const PASSWORD = 'alice-secret'
/** `--kafka-init-timeout-ms` of the registries that must fail: they exit within it, or the test fails. */
const INIT_TIMEOUT_MS = 8000

let broker: TestKafkaBroker
let listeners: { readonly sasl: string; readonly tls: string; readonly caFile: string }
before(async () => {
  broker = await startKafkaBroker({ secured: { users: { alice: PASSWORD } } })
  const { saslBootstrap: sasl, tlsBootstrap: tls, tlsCaFile: caFile } = broker
  assert.ok(sasl !== undefined && tls !== undefined && caFile !== undefined, 'a secured broker names its listeners')
  listeners = { sasl, tls, caFile }
})
after(() => broker?.close())

const sasl = (mechanism: string, password = PASSWORD) =>
  ['--kafka-sasl-mechanism', mechanism, '--kafka-sasl-username', 'alice', '--kafka-sasl-password', password]

/** Registers `avro(name)` under `subject` and returns its id. */
async function register(instance: RegistryProcess, subject: string, name: string): Promise<number> {
  const answer = await call('POST', `${instance.url}/subjects/${subject}/versions`, { schema: avro(name) })
  assert.equal(answer.status, 200, JSON.stringify(answer.body))
  return answer.body.id
}

/** Asserts that `instance` serves `avro(name)` as version 1 of `subject`, and by `id`. */
async function assertServes(instance: RegistryProcess, subject: string, name: string, id: number): Promise<void> {
  const [byId, version] = await Promise.all([
    call('GET', `${instance.url}/schemas/ids/${id}`),
    call('GET', `${instance.url}/subjects/${subject}/versions/1`),
  ])
  assert.deepEqual(
    [byId.status, JSON.parse(byId.body.schema), version.status, version.body.id],
    [200, JSON.parse(avro(name)), 200, id],
  )
}

/**
 * Starts a registry that cannot open its log and returns its exit code and output. The kafka store listens
 * before it reads the log (src/cli/registry.ts), so the process prints its URL, then exits once the log fails,
 * which must happen within the init timeout.
 */
async function startFailing(bootstrap: string, args: readonly string[]): Promise<{ code: number | null; output: string }> {
  const { topic } = newGroup(bootstrap)
  const kafka = ['--store', 'kafka', '--bootstrap-servers', bootstrap, '--kafka-topic', topic, '--kafka-replication-factor', '1']
  const instance = await startRegistryProcess({
    dataDir: tmpdir(),
    args: [...kafka, '--kafka-init-timeout-ms', String(INIT_TIMEOUT_MS), ...args],
  })
  const { child } = instance
  try {
    const signal = AbortSignal.timeout(INIT_TIMEOUT_MS)
    // The exit code, and everything it wrote (its pipes may close after the exit event).
    const exited = child.exitCode !== null || child.signalCode !== null
    await Promise.all([exited || once(child, 'exit', { signal }), finished(child.stdout!, { signal }), finished(child.stderr!, { signal })])
  } catch (error) {
    throw new Error(`the registry did not exit within ${INIT_TIMEOUT_MS} ms of listening; output:\n${instance.output()}`, {
      cause: error,
    })
  } finally {
    await instance.stop('SIGKILL')
  }
  return { code: child.exitCode, output: instance.output() }
}

test('with SASL PLAIN the registry registers a schema, and a restarted instance serves it with the same id', async (t) => {
  const group = newGroup(listeners.sasl)
  const first = await startInstance(group, sasl('plain'))
  t.after(() => first.stop())
  const id = await register(first, 'plain-value', 'Plain')
  await assertServes(first, 'plain-value', 'Plain', id)
  assert.equal(await first.stop(), 0, first.output())

  const second = await startInstance(group, sasl('plain'))
  t.after(() => second.stop())
  await assertServes(second, 'plain-value', 'Plain', id)
})

for (const mechanism of ['scram-sha-256', 'scram-sha-512']) {
  test(`with SASL ${mechanism} the registry registers and serves a schema`, async (t) => {
    const instance = await startInstance(newGroup(listeners.sasl), sasl(mechanism))
    t.after(() => instance.stop())
    const id = await register(instance, `${mechanism}-value`, 'Scram')
    await assertServes(instance, `${mechanism}-value`, 'Scram', id)
  })
}

test('a wrong SASL password makes the registry exit with code 1 naming the authentication failure', async () => {
  const { code, output } = await startFailing(listeners.sasl, sasl('plain', 'not-the-password'))
  assert.equal(code, 1, output)
  assert.match(output, /cannot open the registry log .*: SASL PLAIN authentication failed/)
})

test("with TLS and the broker's certificate as CA file the registry registers and serves a schema", async (t) => {
  const instance = await startInstance(newGroup(listeners.tls), ['--kafka-tls', 'true', '--kafka-tls-ca-file', listeners.caFile])
  t.after(() => instance.stop())
  const id = await register(instance, 'tls-value', 'Tls')
  await assertServes(instance, 'tls-value', 'Tls', id)
})

test("TLS without a CA file rejects the broker's self-signed certificate: the registry exits with code 1 naming it", async () => {
  const { code, output } = await startFailing(listeners.tls, ['--kafka-tls', 'true'])
  assert.equal(code, 1, output)
  assert.match(output, /cannot open the registry log .*: Connection error: self-signed certificate/)
})

test("without SASL on a SASL listener the registry exits with code 1, hinting at the listener's security settings", async () => {
  const { code, output } = await startFailing(listeners.sasl, [])
  assert.equal(code, 1, output)
  assert.match(output, /cannot open the registry log .*: Closed connection .*check that its listener expects what this client uses, no SASL and no TLS/)
})
