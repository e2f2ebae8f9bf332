// Registration throughput through a follower, compared with through the leader, in a cluster of two real
// `schemaport registry --store kafka` processes on one topic and group: distinct Avro schemas at concurrency 16,
// in rounds alternating between the leader and the follower, which forwards each over HTTP (spec 5.5); the
// median round of each is printed, with the range, because on a shared machine single rounds vary by 2x (a
// fresh broker JVM warming up, transactions retried after CONCURRENT_TRANSACTIONS). The second instance starts
// with --leader-eligibility false, so which one leads is certain.
// Goal: the follower within 20% of the leader (the forwarding hop costs less than the Kafka write).

import { randomUUID } from 'node:crypto'
import { inParallel } from './support/in-parallel.ts'
import { KAFKA_VERSION, withBroker } from './support/kafka-broker.ts'
import { startRegistry } from './support/schemaport.ts'
import type { RegistryServer } from './support/schemaport.ts'
import { distinctSchema } from './support/schemas.ts'

const ROUND = 500
const ROUNDS = 6
const WARM_UP = 500
const CONCURRENCY = 16

async function register(url: string, subject: string, schema: string): Promise<Response> {
  return fetch(`${url}/subjects/${subject}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema }),
  })
}

/** Registers schemas `from` .. `from + count - 1`, each under its own subject; resolves with schemas/s. */
async function registerMany(server: RegistryServer, from: number, count: number): Promise<number> {
  const seconds = await inParallel(count, CONCURRENCY, async (i) => {
    const res = await register(server.url, `bench-${from + i}`, distinctSchema(from + i))
    if (res.status !== 200) throw new Error(`registration ${from + i} through ${server.url}: HTTP ${res.status} ${await res.text()}`)
    await res.arrayBuffer()
  })
  return count / seconds
}

/** Retries one registration until it succeeds: the follower forwards only once both are in the group and elected. */
async function firstWrite(server: RegistryServer, n: number, ms = 30_000): Promise<void> {
  const deadline = performance.now() + ms
  for (;;) {
    const res = await register(server.url, `bench-${n}`, distinctSchema(n))
    const body = await res.text()
    if (res.status === 200) return
    if (performance.now() > deadline) throw new Error(`no registration through ${server.url} within ${ms} ms: HTTP ${res.status} ${body}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** The median of the rounds' schemas/s, and how it reads with their range. */
function summary(rates: number[]): { median: number; text: string } {
  const sorted = [...rates].sort((a, b) => a - b)
  const middle = sorted.length / 2
  const median = sorted.length % 2 === 1 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2
  return { median, text: `${median.toFixed(0)} schemas/s (rounds ${sorted[0].toFixed(0)}–${sorted[sorted.length - 1].toFixed(0)})` }
}

export async function run(): Promise<string[]> {
  return withBroker(async (bootstrap) => {
    const suffix = randomUUID().slice(0, 8)
    const args = [
      '--store', 'kafka',
      '--bootstrap-servers', bootstrap,
      '--kafka-topic', `_schemas_${suffix}`,
      '--kafka-replication-factor', '1',
      '--kafka-timeout-ms', '5000',
      '--group-id', `bench-${suffix}`,
      '--group-session-timeout-ms', '6000',
    ]
    const servers: RegistryServer[] = []
    try {
      const leader = await startRegistry(args)
      servers.push(leader)
      const follower = await startRegistry([...args, '--leader-eligibility', 'false'])
      servers.push(follower)
      await Promise.all([leader.ready(), follower.ready()])
      await firstWrite(follower, 0)
      await firstWrite(leader, 1)
      // Warm-up: both processes' JIT, the HTTP keep-alive pools, the broker's JIT and the leader's transactions.
      let next = 2
      for (const server of [leader, follower]) {
        await registerMany(server, next, WARM_UP)
        next += WARM_UP
      }
      const rates = { leader: [] as number[], follower: [] as number[] }
      for (let round = 0; round < ROUNDS; round++) {
        // Alternating which goes first, so neither gets all the rounds of a warmer (or busier) moment.
        for (const role of round % 2 === 0 ? (['leader', 'follower'] as const) : (['follower', 'leader'] as const)) {
          rates[role].push(await registerMany(role === 'leader' ? leader : follower, next, ROUND))
          next += ROUND
        }
      }
      const subjects = (await (await fetch(`${leader.url}/subjects`)).json()) as string[]
      if (subjects.length !== next) throw new Error(`expected ${next} subjects on the leader, found ${subjects.length}`)
      const [throughLeader, throughFollower] = [summary(rates.leader), summary(rates.follower)]
      return [
        `register distinct Avro schemas, concurrency ${CONCURRENCY}, ${ROUNDS} rounds of ${ROUND} each way, two instances on one Kafka ${KAFKA_VERSION} broker: ` +
          `through the follower ${throughFollower.text}; through the leader ${throughLeader.text}; ` +
          `follower/leader ${(throughFollower.median / throughLeader.median).toFixed(2)}x (goal > 0.8x)`,
      ]
    } finally {
      await Promise.all(servers.map((server) => server.stop()))
    }
  })
}
