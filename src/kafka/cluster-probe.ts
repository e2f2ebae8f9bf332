// Asks a Kafka cluster to describe itself, trying again until it answers or time runs out: how the broker
// scripts and the tests know that a broker they started is ready.
import type { KafkaConnectionConfig } from './connection.ts'
import { createKafka } from './connection.ts'
import { messageOf } from './errors.ts'

export interface ClusterDescription {
  readonly clusterId: string
  readonly brokers: number
}

export interface WaitOptions {
  readonly timeoutMs: number
  /** Checked between attempts: a reason to give up at once (for example, the broker process exited). */
  readonly giveUp?: () => string | undefined
}

export async function waitForKafka(config: KafkaConnectionConfig, options: WaitOptions): Promise<ClusterDescription> {
  const deadline = Date.now() + options.timeoutMs
  const kafka = createKafka({ connectionTimeoutMs: 1000, requestTimeoutMs: 5000, ...config }, undefined, 0)
  let lastError: string
  for (;;) {
    const reason = options.giveUp?.()
    if (reason !== undefined) throw new Error(reason)
    const admin = kafka.admin()
    try {
      await admin.connect()
      const { clusterId, brokers } = await admin.describeCluster()
      return { clusterId, brokers: brokers.length }
    } catch (error) {
      lastError = messageOf(error)
    } finally {
      await admin.disconnect().catch(() => undefined)
    }
    if (Date.now() >= deadline) {
      throw new Error(`Kafka at ${config.bootstrapServers.join(',')} did not answer within ${options.timeoutMs} ms: ${lastError}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
