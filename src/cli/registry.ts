// `schemaport registry`: wires the logger, the log, the registry, metrics and the REST app together, listens,
// and on SIGTERM/SIGINT finishes in-flight requests and closes the log before exiting.

import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { pino } from 'pino'
import type { Logger } from 'pino'
import { createMetrics } from '../http/metrics.ts'
import { buildRegistryApp } from '../registry/http/app.ts'
import { Registry } from '../registry/registry.ts'
import type { KafkaConnectionConfig } from '../kafka/connection.ts'
import { FileLog } from '../registry/store/file/file-log.ts'
import { KafkaLog } from '../registry/store/kafka/kafka-log.ts'
import { MemoryLog } from '../registry/store/memory/memory-log.ts'
import type { SchemaLog } from '../registry/store/schema-log.ts'
import type { Command, CommandIo } from './command.ts'
import { EXIT_OK } from './command.ts'
import { configOptions, loadRegistryConfig } from './config.ts'
import type { RegistryConfig } from './config.ts'
import { RegistryCluster } from './registry-cluster.ts'

export const registryCommand: Command = {
  name: 'registry',
  summary: 'Serves the schema registry REST API until SIGTERM or SIGINT (the default command).',
  arguments: [],
  options: configOptions(),
  example: 'schemaport registry --port 8081 --data-dir ./data',
  async run({ values }, io) {
    return serveRegistry(loadRegistryConfig({ flags: values, env: io.env, cwd: io.cwd }), io)
  },
}

async function serveRegistry(config: RegistryConfig, io: CommandIo): Promise<number> {
  const logger = pino({ level: config.logLevel, redact: ['config.kafkaSaslPassword'] })
  logger.info({ config }, 'starting the registry')
  // Listen for the signals from the start, so that a stop requested while the log replays is not missed.
  const stop = stopSignal()
  // With the kafka store, instances elect a leader and followers forward writes (src/registry/cluster/).
  const cluster = config.store === 'kafka' ? new RegistryCluster(config, kafkaConnection(config), logger) : undefined
  const { log, kafkaLog } = openLog(config, logger, cluster)
  const registry = Registry.start({
    log,
    logger,
    defaultCompatibility: config.compatibilityLevel,
    maxSchemaDepth: config.maxSchemaDepth,
    modeMutability: config.modeMutability,
  })
  // The file and memory stores replay in moments, and a locked data directory must fail before anything
  // listens. A Kafka topic may take a while: the API listens at once and `/ready` answers 503, writes 50002,
  // until the log is read to its end. Confluent does not listen before (spec 5.4); a load balancer's health
  // check on /ready keeps traffic away just the same, and the instance says why it is not serving yet.
  if (config.store !== 'kafka') {
    try {
      await registry.opened
    } catch (error) {
      stop.cancel()
      throw error
    }
  }
  let app: FastifyInstance | undefined
  try {
    app = await buildRegistryApp({
      registry,
      logger,
      bodyLimit: config.bodyLimit,
      metrics: createMetrics(),
      groupId: config.groupId,
      kafkaClusterId: () => kafkaLog?.status().clusterId,
      cluster: cluster?.forwarding,
    })
    await app.listen({ port: config.port, host: config.host })
  } catch (error) {
    stop.cancel()
    await app?.close()
    await registry.close()
    throw error
  }
  const address = app.server.address() as AddressInfo
  io.stdout.write(`schemaport registry listening on ${urlOf(address)}\n`)

  // An instance joins the election only once it has read the log: until then it could not lead anyway.
  let stopping = false
  const joined = registry.opened.then(() => {
    if (!stopping) cluster?.join(address)
  })
  const outcome = await Promise.race([stop.received.then((signal) => ({ signal })), failureOf(joined)])
  stopping = true
  if ('error' in outcome) {
    stop.cancel()
    logger.error('the registry could not read its log or join its group; stopping (the reason follows on stderr)')
    await app.close()
    await registry.close()
    throw outcome.error
  }
  const { signal } = outcome
  logger.info({ signal }, 'stopping: finishing in-flight requests, then closing the log')
  await app.close()
  await cluster?.leave()
  await registry.close()
  logger.info('stopped')
  return EXIT_OK
}

/** The log the registry runs on; with the kafka store also the Kafka log itself, for its status. */
function openLog(config: RegistryConfig, logger: Logger, cluster?: RegistryCluster): { log: SchemaLog; kafkaLog?: KafkaLog } {
  if (cluster === undefined) return { log: config.store === 'memory' ? new MemoryLog() : new FileLog({ dir: config.dataDir, logger }) }
  const kafkaLog = new KafkaLog({
    connection: cluster.connection,
    topic: config.kafkaTopic,
    replicationFactor: config.kafkaReplicationFactor,
    timeoutMs: config.kafkaTimeoutMs,
    initTimeoutMs: config.kafkaInitTimeoutMs,
    logger,
    onWriterLost: cluster.writerLost,
  })
  return { log: cluster.lead(kafkaLog), kafkaLog }
}

function kafkaConnection(config: RegistryConfig): KafkaConnectionConfig {
  const file = (name: string) => (name === '' ? undefined : name)
  return {
    bootstrapServers: config.bootstrapServers.split(',').map((server) => server.trim()),
    clientId: 'schemaport-registry',
    ...(config.kafkaSaslMechanism !== 'none' && {
      sasl: { mechanism: config.kafkaSaslMechanism, username: config.kafkaSaslUsername, password: config.kafkaSaslPassword },
    }),
    ...(config.kafkaTls && {
      tls: { caFile: file(config.kafkaTlsCaFile), certFile: file(config.kafkaTlsCertFile), keyFile: file(config.kafkaTlsKeyFile) },
    }),
  }
}

/** Resolves with the first SIGTERM or SIGINT; a second one gets Node's default handling (exit at once). */
function stopSignal(): { received: Promise<NodeJS.Signals>; cancel(): void } {
  const signals = ['SIGTERM', 'SIGINT'] as const
  let handler: (signal: NodeJS.Signals) => void = () => {}
  const cancel = () => {
    for (const signal of signals) process.off(signal, handler)
  }
  const received = new Promise<NodeJS.Signals>((resolve) => {
    handler = (signal) => {
      cancel()
      resolve(signal)
    }
  })
  for (const signal of signals) process.on(signal, handler)
  return { received, cancel }
}

/** Settles only if `started` rejects, with its error. */
function failureOf(started: Promise<void>): Promise<{ error: unknown }> {
  return started.then(
    () => new Promise<never>(() => {}),
    (error: unknown) => ({ error }),
  )
}

function urlOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return `http://${host}:${address.port}`
}
