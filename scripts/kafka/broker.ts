// Runs one single-node Kafka broker in KRaft mode (broker and controller in one JVM) from the cached jars:
// writes its server.properties, formats the data directory the first time, starts the JVM and waits until the
// broker answers. Shared by `npm run kafka` (run.ts) and the integration tests (test/support/kafka-broker.ts).
import { spawn } from 'node:child_process'
import type { ChildProcess, StdioOptions } from 'node:child_process'
import { access, mkdir, open, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { randomBytes } from 'node:crypto'
import { dirname, join, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { waitForKafka } from '../../src/kafka/cluster-probe.ts'
import { ensureKafkaJars, KAFKA_VERSION } from './jars.ts'
import { findJava } from './java.ts'
import { runCommand } from './run-command.ts'

export interface BrokerOptions {
  /** Holds the broker's data, server.properties and broker.log; created if missing, kept across restarts. */
  readonly dataDir: string
  /** Port of the client listener; a free one when absent. */
  readonly port?: number
  /** Port of the KRaft controller listener; a free one when absent. */
  readonly controllerPort?: number
  /** Where the JVM's output goes: `<dataDir>/broker.log` (default) or this process's stdout and stderr. */
  readonly output?: 'file' | 'inherit'
  /** Progress lines (the one-time jar download). Default: stderr. */
  readonly log?: (line: string) => void
  /** Default 60 s. */
  readonly readyTimeoutMs?: number
  /** Two more client listeners, on free ports, for testing clients' SASL and TLS settings. Absent: PLAINTEXT only. */
  readonly secured?: SecuredListeners
}

/**
 * A SASL_PLAINTEXT listener and an SSL listener beside the PLAINTEXT one, which stays the default and the
 * inter-broker listener. The SSL listener presents a self-signed certificate for 127.0.0.1, made with the JDK's
 * keytool once per data directory; clients trust it through `tlsCaFile`.
 */
export interface SecuredListeners {
  /**
   * Name → password of the SASL_PLAINTEXT listener's users. PLAIN reads them at every start; their SCRAM-SHA-256
   * and SCRAM-SHA-512 credentials go into the KRaft metadata when the data directory is formatted, so only
   * the users of the first start know SCRAM. Names are letters, digits, `.`, `_` and `-`; passwords have no
   * spaces nor any of `" \ , = [ ]` (they are written into JAAS and `--add-scram` syntax).
   */
  readonly users: Readonly<Record<string, string>>
}

export interface KafkaBroker {
  /** `127.0.0.1:<port>`, for bootstrap.servers. */
  readonly bootstrap: string
  readonly dataDir: string
  readonly version: string
  /** Whether the JVM runs. */
  readonly running: boolean
  /** `127.0.0.1:<port>` of the SASL_PLAINTEXT listener (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512); only when secured. */
  readonly saslBootstrap?: string
  /** `127.0.0.1:<port>` of the SSL listener; only when secured. */
  readonly tlsBootstrap?: string
  /** PEM of the SSL listener's self-signed certificate, for clients to trust as their CA; only when secured. */
  readonly tlsCaFile?: string
  /** Resolves with the JVM's exit code (null when a signal ended it) once it exits; undefined if not running. */
  readonly exited: Promise<number | null> | undefined
  /** Controlled shutdown (SIGTERM), then SIGKILL if it takes over 30 s. */
  stop(): Promise<void>
  /** SIGKILL: the broker dies as in a crash (no controlled shutdown). */
  kill(): Promise<void>
  /** Stops the broker if it runs, then starts it again on the same ports and data; resolves once it answers. */
  restart(): Promise<void>
}

const HOST = '127.0.0.1'
const LOG4J = fileURLToPath(new URL('./log4j.properties', import.meta.url))
const STOP_GRACE_MS = 30_000
/** The keystore holds a throwaway key for 127.0.0.1, and its password is in server.properties anyway. */
const KEYSTORE_PASSWORD = 'schemaport-test'
const SCRAM_MECHANISMS = ['SCRAM-SHA-256', 'SCRAM-SHA-512']

export async function startBroker(options: BrokerOptions): Promise<KafkaBroker> {
  if (options.secured !== undefined) checkUsers(options.secured.users)
  const [java, libs] = await Promise.all([findJava(), ensureKafkaJars(options.log)])
  const port = options.port ?? (await freePort([]))
  const controllerPort = options.controllerPort ?? (await freePort([port]))
  let securedPorts: Resolved['securedPorts']
  if (options.secured !== undefined) {
    const sasl = await freePort([port, controllerPort])
    securedPorts = { sasl, ssl: await freePort([port, controllerPort, sasl]) }
  }
  const broker = new BrokerProcess({ ...options, java, libs, port, controllerPort, securedPorts })
  await broker.prepare()
  await broker.start()
  return broker
}

interface Resolved extends BrokerOptions {
  readonly java: string
  readonly libs: string
  readonly port: number
  readonly controllerPort: number
  /** The SASL_PLAINTEXT and SSL listeners' ports, when `secured`. */
  readonly securedPorts: { readonly sasl: number; readonly ssl: number } | undefined
}

/** Where the SSL listener's keystore and the PEM of its certificate live, in the data directory. */
const tlsFiles = (dataDir: string) => ({ keystore: join(dataDir, 'broker.p12'), ca: join(dataDir, 'broker-ca.pem') })

/** Brokers started by this process, killed if it exits without stopping them (a crashed test run). */
const live = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL')
})

class BrokerProcess implements KafkaBroker {
  readonly bootstrap: string
  readonly saslBootstrap?: string
  readonly tlsBootstrap?: string
  readonly tlsCaFile?: string
  readonly dataDir: string
  readonly version = KAFKA_VERSION
  private child: ChildProcess | undefined
  private exit: Promise<number | null> | undefined
  private readonly properties: string
  private readonly logFile: string

  constructor(private readonly options: Resolved) {
    this.bootstrap = `${HOST}:${options.port}`
    if (options.securedPorts !== undefined) {
      this.saslBootstrap = `${HOST}:${options.securedPorts.sasl}`
      this.tlsBootstrap = `${HOST}:${options.securedPorts.ssl}`
      this.tlsCaFile = tlsFiles(options.dataDir).ca
    }
    this.dataDir = options.dataDir
    this.properties = join(options.dataDir, 'server.properties')
    this.logFile = join(options.dataDir, 'broker.log')
  }

  get running(): boolean {
    return this.child !== undefined
  }

  get exited(): Promise<number | null> | undefined {
    return this.exit
  }

  /** Writes server.properties and, on a new data directory, formats the KRaft storage (with the SCRAM users of
   * `secured`); when secured, makes the SSL listener's certificate unless the data directory has one. */
  async prepare(): Promise<void> {
    await mkdir(this.dataDir, { recursive: true })
    await writeFile(this.properties, serverProperties(this.options))
    if (this.options.secured !== undefined) await ensureCertificate(this.options.java, this.dataDir)
    if (await exists(join(this.dataDir, 'kafka-logs', 'meta.properties'))) return
    const format = ['-cp', `${this.options.libs}/*`, 'kafka.tools.StorageTool', 'format', '-t', clusterId(), '-c', this.properties]
    const scram = Object.entries(this.options.secured?.users ?? {}).flatMap(([name, password]) =>
      SCRAM_MECHANISMS.flatMap((mechanism) => ['--add-scram', `${mechanism}=[name=${name},password=${password}]`]),
    )
    const { code, output } = await runCommand(this.options.java, [...format, ...scram])
    if (code !== 0) throw new Error(`formatting the Kafka storage in ${this.dataDir} failed (exit code ${code}):\n${output}`)
  }

  async start(): Promise<void> {
    if (this.child !== undefined) return
    const out = this.options.output === 'inherit' ? 'inherit' : await open(this.logFile, 'a')
    const stdio: StdioOptions = out === 'inherit' ? 'inherit' : ['ignore', out.fd, out.fd]
    const child = spawn(this.options.java, jvmArgs(this.options, this.properties), { stdio })
    if (out !== 'inherit') await out.close()
    live.add(child)
    this.child = child
    this.exit = new Promise((resolve) => {
      const ended = (code: number | null): void => {
        live.delete(child)
        if (this.child === child) this.child = undefined
        resolve(code)
      }
      child.once('error', () => ended(null))
      child.once('exit', ended)
    })
    let exitCode: number | null | undefined
    void this.exit.then((code) => (exitCode = code))
    try {
      await waitForKafka(
        { bootstrapServers: [this.bootstrap] },
        {
          timeoutMs: this.options.readyTimeoutMs ?? 60_000,
          giveUp: () => (exitCode === undefined ? undefined : `the Kafka broker exited with code ${exitCode}`),
        },
      )
    } catch (error) {
      await this.kill()
      throw new Error(`${(error as Error).message}${await this.logTail()}`, { cause: error })
    }
  }

  async stop(): Promise<void> {
    const child = this.child
    if (child === undefined) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
    await this.exit
    clearTimeout(timer)
  }

  async kill(): Promise<void> {
    this.child?.kill('SIGKILL')
    await this.exit
  }

  async restart(): Promise<void> {
    await this.stop()
    await this.start()
  }

  private async logTail(): Promise<string> {
    if (this.options.output === 'inherit') return ''
    const text = await readFile(this.logFile, 'utf8').catch(() => '')
    const tail = text.trim().split('\n').slice(-30).join('\n')
    return tail === '' ? '' : `\nlast lines of ${this.logFile}:\n${tail}`
  }
}

function serverProperties(options: Resolved): string {
  const { dataDir, port, controllerPort, securedPorts } = options
  // Each listener is named after its security protocol.
  const clients = [`PLAINTEXT://${HOST}:${port}`]
  if (securedPorts !== undefined) clients.push(`SASL_PLAINTEXT://${HOST}:${securedPorts.sasl}`, `SSL://${HOST}:${securedPorts.ssl}`)
  const protocols = clients.map((listener) => listener.slice(0, listener.indexOf(':')))
  return `# Written by scripts/kafka/broker.ts at every start: a single node that is broker and KRaft controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@${HOST}:${controllerPort}
listeners=${clients.join(',')},CONTROLLER://${HOST}:${controllerPort}
advertised.listeners=${clients.join(',')}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,${protocols.map((p) => `${p}:${p}`).join(',')}
log.dirs=${join(dataDir, 'kafka-logs')}
num.partitions=1
# Clients create their topics themselves, as they must on most production clusters.
auto.create.topics.enable=false
# One node: internal topics with one replica; one partition each, so groups and transactions start fast.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
group.initial.rebalance.delay.ms=0
# A broker restarted after a crash registers again only once its old session expired (default 9 s).
broker.heartbeat.interval.ms=500
broker.session.timeout.ms=2000
num.network.threads=2
num.io.threads=2
${options.secured === undefined ? '' : securedProperties(options.secured, dataDir)}`
}

/** The settings of the SASL_PLAINTEXT and SSL listeners (`listener.name.<name>.` scopes a setting to one). */
function securedProperties({ users }: SecuredListeners, dataDir: string): string {
  const plainUsers = Object.entries(users)
    .map(([name, password]) => ` user_${name}="${password}"`)
    .join('')
  const { keystore } = tlsFiles(dataDir)
  return `# SASL_PLAINTEXT: PLAIN users in its JAAS config; SCRAM credentials in the KRaft metadata (added by the format).
listener.name.sasl_plaintext.sasl.enabled.mechanisms=PLAIN,${SCRAM_MECHANISMS.join(',')}
listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required${plainUsers};
listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
# SSL: a self-signed certificate for ${HOST}; clients do not authenticate.
listener.name.ssl.ssl.keystore.type=PKCS12
listener.name.ssl.ssl.keystore.location=${keystore}
listener.name.ssl.ssl.keystore.password=${KEYSTORE_PASSWORD}
listener.name.ssl.ssl.key.password=${KEYSTORE_PASSWORD}
`
}

/** Names and passwords go into JAAS, `.properties` and `--add-scram` syntax unescaped: refuse what would break them. */
function checkUsers(users: Readonly<Record<string, string>>): void {
  const entries = Object.entries(users)
  if (entries.length === 0) throw new TypeError('startBroker: secured.users must name at least one user')
  for (const [name, password] of entries) {
    if (!/^[A-Za-z0-9._-]+$/.test(name)) {
      throw new TypeError(`startBroker: secured.users: user name ${JSON.stringify(name)} may hold only letters, digits, '.', '_' and '-'`)
    }
    if (typeof password !== 'string' || !/^[^\s"\\,=[\]]+$/.test(password)) {
      throw new TypeError(`startBroker: secured.users: the password of ${name} must be non-empty, without spaces or any of " \\ , = [ ]`)
    }
  }
}

/**
 * Makes the SSL listener's key and self-signed certificate for 127.0.0.1 (SAN IP:127.0.0.1) with the JDK's
 * keytool, and exports the certificate as PEM for clients to trust. Once per data directory: the PEM is written
 * last, so its presence means both files are complete.
 */
async function ensureCertificate(java: string, dataDir: string): Promise<void> {
  const { keystore, ca } = tlsFiles(dataDir)
  if (await exists(ca)) return
  await rm(keystore, { force: true })
  // `java` is a path (from JAVA_HOME) or the bare name found on PATH, where keytool then is too.
  const keytool = java.includes(sep) ? join(dirname(java), 'keytool') : 'keytool'
  const store = ['-alias', 'broker', '-keystore', keystore, '-storetype', 'PKCS12', '-storepass', KEYSTORE_PASSWORD]
  const steps = [
    ['-genkeypair', ...store, '-keypass', KEYSTORE_PASSWORD, '-keyalg', 'EC', '-groupname', 'secp256r1', '-validity', '3650',
      '-dname', `CN=${HOST}`, '-ext', `SAN=IP:${HOST}`, '-noprompt'],
    ['-exportcert', ...store, '-rfc', '-file', ca],
  ]
  for (const args of steps) {
    const { code, output } = await runCommand(keytool, args).catch((error: Error) => ({ code: null, output: error.message }))
    if (code !== 0) {
      await rm(ca, { force: true })
      throw new Error(`making the broker's TLS certificate in ${dataDir} failed: ${keytool} ${args[0]} (exit code ${code}):\n${output}`)
    }
  }
}

const exists = (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  )

function jvmArgs({ libs }: Resolved, properties: string): string[] {
  return [
    '-Xms256m',
    '-Xmx512m',
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-Djava.awt.headless=true',
    `-Dlog4j.configuration=file:${LOG4J}`,
    '-cp',
    `${libs}/*`,
    'kafka.Kafka',
    properties,
  ]
}

/** A KRaft cluster id: a Kafka Uuid, 16 random bytes in URL-safe base64 without padding. */
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url')
    if (!id.startsWith('-')) return id
  }
}

/** A port nobody listens on now (the broker binds it a moment later), other than those `taken`. */
function freePort(taken: readonly number[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, HOST, () => {
      const { port } = server.address() as { port: number }
      server.close(() => (taken.includes(port) ? freePort(taken).then(resolve, reject) : resolve(port)))
    })
  })
}
