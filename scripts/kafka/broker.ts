// Runs one single-node Kafka broker in KRaft mode (broker and controller in one JVM) from the cached jars:
// writes its server.properties, formats the data directory the first time, starts the JVM and waits until the
// broker answers. Shared by `npm run kafka` (run.ts) and the integration tests (test/support/kafka-broker.ts).
import { spawn } from 'node:child_process'
import type { ChildProcess, StdioOptions } from 'node:child_process'
import { access, mkdir, open, readFile, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { waitForKafka } from '../../src/kafka/cluster-probe.ts'
import { ensureKafkaJars, KAFKA_VERSION } from './jars.ts'
import { findJava } from './java.ts'

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
}

export interface KafkaBroker {
  /** `127.0.0.1:<port>`, for bootstrap.servers. */
  readonly bootstrap: string
  readonly dataDir: string
  readonly version: string
  /** Whether the JVM runs. */
  readonly running: boolean
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

export async function startBroker(options: BrokerOptions): Promise<KafkaBroker> {
  const [java, libs] = await Promise.all([findJava(), ensureKafkaJars(options.log)])
  const port = options.port ?? (await freePort())
  const controllerPort = options.controllerPort ?? (await freePort(port))
  const broker = new BrokerProcess({ ...options, java, libs, port, controllerPort })
  await broker.prepare()
  await broker.start()
  return broker
}

interface Resolved extends BrokerOptions {
  readonly java: string
  readonly libs: string
  readonly port: number
  readonly controllerPort: number
}

/** Brokers started by this process, killed if it exits without stopping them (a crashed test run). */
const live = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL')
})

class BrokerProcess implements KafkaBroker {
  readonly bootstrap: string
  readonly dataDir: string
  readonly version = KAFKA_VERSION
  private child: ChildProcess | undefined
  private exit: Promise<number | null> | undefined
  private readonly properties: string
  private readonly logFile: string

  constructor(private readonly options: Resolved) {
    this.bootstrap = `${HOST}:${options.port}`
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

  /** Writes server.properties and, on a new data directory, formats the KRaft storage. */
  async prepare(): Promise<void> {
    await mkdir(this.dataDir, { recursive: true })
    await writeFile(this.properties, serverProperties(this.options))
    const formatted = await access(join(this.dataDir, 'kafka-logs', 'meta.properties')).then(
      () => true,
      () => false,
    )
    if (formatted) return
    const format = ['-cp', `${this.options.libs}/*`, 'kafka.tools.StorageTool', 'format']
    const { code, output } = await runJava(this.options.java, [...format, '-t', clusterId(), '-c', this.properties])
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

function serverProperties({ dataDir, port, controllerPort }: Resolved): string {
  return `# Written by scripts/kafka/broker.ts at every start: a single node that is broker and KRaft controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@${HOST}:${controllerPort}
listeners=PLAINTEXT://${HOST}:${port},CONTROLLER://${HOST}:${controllerPort}
advertised.listeners=PLAINTEXT://${HOST}:${port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
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
`
}

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

function runJava(java: string, args: readonly string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(java, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, output }))
  })
}

/** A port nobody listens on now (the broker binds it a moment later). */
function freePort(not?: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, HOST, () => {
      const { port } = server.address() as { port: number }
      server.close(() => (port === not ? freePort(not).then(resolve, reject) : resolve(port)))
    })
  })
}
