// Starts a throwaway Kafka broker for one integration test file, the way `npm run kafka` does
// (scripts/kafka/broker.ts): free ports, its own temporary data directory, jars from the shared cache
// (downloaded by Maven on the first run on a machine); and waitUntil, to wait on what the broker delivers.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before } from 'node:test'
import { startBroker } from '../../scripts/kafka/broker.ts'
import type { SecuredListeners } from '../../scripts/kafka/broker.ts'

export interface TestKafkaBroker {
  /** `127.0.0.1:<port>`. */
  readonly bootstrap: string
  /** The SASL_PLAINTEXT listener (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512); only when started `secured`. */
  readonly saslBootstrap?: string
  /** The SSL listener, with a self-signed certificate for 127.0.0.1; only when started `secured`. */
  readonly tlsBootstrap?: string
  /** PEM of that certificate, for clients to trust as their CA; only when started `secured`. */
  readonly tlsCaFile?: string
  /** Controlled shutdown; the data stays for restart(). */
  stop(): Promise<void>
  /** SIGKILL, as in a crash; the data stays for restart(). */
  kill(): Promise<void>
  /** Starts it again (stopping it first if it runs) on the same ports and data; resolves once it answers. */
  restart(): Promise<void>
  /** Kills it and deletes its data: call once, at the end of the test file. */
  close(): Promise<void>
}

/** `secured` adds the SASL_PLAINTEXT and SSL listeners of scripts/kafka/broker.ts, with these users. */
export async function startKafkaBroker(options: { readonly secured?: SecuredListeners } = {}): Promise<TestKafkaBroker> {
  const dataDir = await mkdtemp(join(tmpdir(), 'schemaport-kafka-'))
  const broker = await startBroker({ dataDir, secured: options.secured }).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true })
    throw error
  })
  return {
    bootstrap: broker.bootstrap,
    saslBootstrap: broker.saslBootstrap,
    tlsBootstrap: broker.tlsBootstrap,
    tlsCaFile: broker.tlsCaFile,
    stop: () => broker.stop(),
    kill: () => broker.kill(),
    restart: () => broker.restart(),
    async close() {
      await broker.kill()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** One broker for the whole test file: started before its first test, closed after its last. Call at the top
 * level of the file; the returned function gives the broker inside tests. */
export function brokerForFile(options: { readonly secured?: SecuredListeners } = {}): () => TestKafkaBroker {
  let broker: TestKafkaBroker | undefined
  before(async () => {
    broker = await startKafkaBroker(options)
  })
  after(() => broker?.close())
  return () => {
    if (broker === undefined) throw new Error('the test broker is not started: brokerForFile() runs it for the tests only')
    return broker
  }
}

/** Resolves once `condition()` holds, checked every 20 ms; rejects after `ms`, naming what it waited for. */
export async function waitUntil(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
