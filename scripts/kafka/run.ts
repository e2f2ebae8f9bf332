// `npm run kafka`: a single-node Kafka broker on localhost for trying the kafka store, until Ctrl+C.
// Options: --port (9092), --controller-port (9093), --data-dir (~/.cache/schemaport/kafka-data, kept between runs).
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startBroker } from './broker.ts'
import { cacheDir } from './jars.ts'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9092' },
    'controller-port': { type: 'string', default: '9093' },
    'data-dir': { type: 'string', default: join(cacheDir(), 'kafka-data') },
  },
})

const started = Date.now()
try {
  const broker = await startBroker({
    dataDir: values['data-dir'],
    port: Number(values.port),
    controllerPort: Number(values['controller-port']),
    output: 'inherit',
  })
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  console.log(`Kafka ${broker.version} ready on ${broker.bootstrap} after ${seconds} s (data in ${broker.dataDir}).`)
  console.log(`Try: npm start -- --store kafka --bootstrap-servers ${broker.bootstrap}    Stop with Ctrl+C.`)
  let stopping = false
  const stop = async (): Promise<void> => {
    stopping = true
    console.log('Stopping the Kafka broker…')
    await broker.stop()
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  const code = await broker.exited
  // A broker stopped by a signal exits with 143; only an exit nobody asked for is a failure.
  process.exitCode = stopping ? 0 : (code ?? 1)
} catch (error) {
  console.error((error as Error).message)
  process.exitCode = 1
}
