// Opens a Kafka `_schemas` topic in a fresh process and prints `READY <seconds> <rss bytes> <records> <skipped>`:
// either the whole registry (`registry`) or only the Kafka log's catch-up with a no-op listener (`log`, the
// baseline). Arguments: bootstrap server, topic, mode.

import { Registry } from '../../src/registry/registry.ts'
import { KafkaLog } from '../../src/registry/store/kafka/kafka-log.ts'

const [bootstrap, topic, mode] = process.argv.slice(2)
const start = performance.now()
const log = new KafkaLog({ connection: { bootstrapServers: [bootstrap] }, topic, replicationFactor: 1 })
let skipped = 0
if (mode === 'registry') skipped = (await Registry.open({ log })).service.state.problems.length
else await log.open(() => {})
const seconds = (performance.now() - start) / 1000
global.gc?.()
process.stdout.write(`READY ${seconds} ${process.memoryUsage().rss} ${log.stats().records} ${skipped}\n`)
process.on('SIGTERM', () => void log.close().then(() => process.exit(0)))
