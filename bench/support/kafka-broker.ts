// A throwaway Kafka broker for one benchmark module, started as `npm run kafka` starts it (scripts/kafka/broker.ts)
// in its own temporary data directory; killed and deleted once the benchmark is done, whether or not it failed.

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startBroker } from '../../scripts/kafka/broker.ts'

export { KAFKA_VERSION } from '../../scripts/kafka/jars.ts'

/** Runs `use` with the broker's `host:port`. */
export async function withBroker<T>(use: (bootstrap: string) => Promise<T>): Promise<T> {
  const dataDir = await mkdtemp(join(tmpdir(), 'schemaport-bench-kafka-'))
  try {
    const broker = await startBroker({ dataDir })
    try {
      return await use(broker.bootstrap)
    } finally {
      // No controlled shutdown: the data is thrown away, and a SIGKILL takes no time.
      await broker.kill()
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}
