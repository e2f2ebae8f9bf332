// Builds kafkajs clients from schemaport's Kafka connection settings (bootstrap servers, client id, SASL, TLS),
// checking them once and reading the TLS files once, with kafkajs's own log lines sent to our logger.
import { readFileSync } from 'node:fs'
import kafkajs from 'kafkajs'
import type { Kafka, KafkaConfig, LogEntry, SASLOptions } from 'kafkajs'

export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const
export type SaslMechanism = (typeof SASL_MECHANISMS)[number]

export interface KafkaTlsFiles {
  /** PEM file of the CA(s) that signed the brokers' certificates; the system CAs when absent. */
  readonly caFile?: string
  /** PEM client certificate and key, for brokers that authenticate clients by TLS (mTLS). */
  readonly certFile?: string
  readonly keyFile?: string
}

export interface KafkaConnectionConfig {
  /** One or more `host:port` of the cluster's brokers. */
  readonly bootstrapServers: readonly string[]
  readonly clientId?: string
  readonly sasl?: { readonly mechanism: SaslMechanism; readonly username: string; readonly password: string }
  /** TLS to the brokers: `true` trusts the system CAs; an object names PEM files. Plaintext when absent. */
  readonly tls?: boolean | KafkaTlsFiles
  /** Time allowed to open a TCP connection (kafkajs `connectionTimeout`). Default 3000. */
  readonly connectionTimeoutMs?: number
  /** Time allowed for one request (kafkajs `requestTimeout`). Default 30000. */
  readonly requestTimeoutMs?: number
}

/** A pino-like logger; pino's Logger fits. */
export interface KafkaLogger {
  error(obj: object, msg?: string): void
  warn(obj: object, msg?: string): void
  info(obj: object, msg?: string): void
  debug(obj: object, msg?: string): void
}

const noop = (): void => {}
export const silentLogger: KafkaLogger = { error: noop, warn: noop, info: noop, debug: noop }

/**
 * Checks the settings and builds the client; throws a TypeError naming the bad setting. kafkajs retries each
 * failed request `retries` times (default 5), at most a second apart: the callers bound their own waits, so a
 * client must never sleep for long once the broker is back.
 */
export function createKafka(config: KafkaConnectionConfig, logger: KafkaLogger = silentLogger, retries = 5): Kafka {
  const options: KafkaConfig = {
    brokers: checkBootstrapServers(config.bootstrapServers),
    clientId: config.clientId ?? 'schemaport',
    connectionTimeout: positive('connectionTimeoutMs', config.connectionTimeoutMs ?? 3000),
    requestTimeout: positive('requestTimeoutMs', config.requestTimeoutMs ?? 30_000),
    retry: { retries, initialRetryTime: 100, maxRetryTime: 1000 },
    logLevel: kafkajs.logLevel.INFO,
    logCreator: () => (entry) => forward(logger, entry),
  }
  if (config.sasl !== undefined) options.sasl = saslOptions(config.sasl)
  if (config.tls !== undefined && config.tls !== false) options.ssl = tlsOptions(config.tls)
  return new kafkajs.Kafka(options)
}

/** kafkajs logs every failed attempt of a request it retries, at ERROR: expected while a broker restarts. The
 * callers report what finally fails, so kafkajs's own lines go to debug. */
function forward(logger: KafkaLogger, { namespace, label, log }: LogEntry): void {
  const { message, timestamp: _timestamp, logger: _logger, ...fields } = log
  logger.debug({ ...fields, kafkajs: namespace, kafkajsLevel: label }, String(message))
}

function checkBootstrapServers(servers: readonly string[]): string[] {
  if (!Array.isArray(servers) || servers.length === 0) {
    throw new TypeError(`Kafka: bootstrapServers must list at least one host:port, got ${JSON.stringify(servers)}`)
  }
  for (const server of servers) {
    const match = /^(.+):(\d{1,5})$/.exec(typeof server === 'string' ? server.trim() : '')
    if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535) {
      throw new TypeError(`Kafka: bootstrap server ${JSON.stringify(server)} is not host:port`)
    }
  }
  return servers.map((server) => server.trim())
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new TypeError(`Kafka: ${name} must be a positive integer, got ${String(value)}`)
  }
  return value
}

function saslOptions(sasl: NonNullable<KafkaConnectionConfig['sasl']>): SASLOptions {
  if (!SASL_MECHANISMS.includes(sasl.mechanism)) {
    throw new TypeError(`Kafka: SASL mechanism must be one of ${SASL_MECHANISMS.join(', ')}, got ${String(sasl.mechanism)}`)
  }
  if (!sasl.username || !sasl.password) {
    throw new TypeError(`Kafka: SASL ${sasl.mechanism} needs a username and a password`)
  }
  return { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password } as SASLOptions
}

function tlsOptions(tls: true | KafkaTlsFiles): KafkaConfig['ssl'] {
  if (tls === true) return true
  if ((tls.certFile === undefined) !== (tls.keyFile === undefined)) {
    throw new TypeError('Kafka: a TLS client certificate needs its key, and a key its certificate (certFile and keyFile)')
  }
  return {
    ...(tls.caFile !== undefined && { ca: [readPem('CA', tls.caFile)] }),
    ...(tls.certFile !== undefined && { cert: readPem('client certificate', tls.certFile) }),
    ...(tls.keyFile !== undefined && { key: readPem('client key', tls.keyFile) }),
  }
}

function readPem(what: string, file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    throw new TypeError(`Kafka: cannot read the TLS ${what} file ${file}: ${(error as Error).message}`, { cause: error })
  }
}
