// Makes sure a registry log topic is what the Confluent registry requires (spec 5.1): created when absent with
// one partition and cleanup.policy=compact; an existing topic with more partitions or another cleanup policy is
// refused with a message that says how to fix it (a registry on such a topic would lose or misorder records).
import kafkajs from 'kafkajs'
import type { Admin, Kafka } from 'kafkajs'
import type { KafkaLogger } from './connection.ts'

export interface LogTopicSpec {
  readonly topic: string
  /** Wanted replication factor; lowered to the number of brokers, with a warning, when creating. */
  readonly replicationFactor: number
  /** Further topic configs, set only when the topic is created. */
  readonly configs?: Readonly<Record<string, string>>
}

/** Creates the topic when absent and checks it; resolves with the Kafka cluster's id, which the registry reports
 * at `/v1/metadata/id`. */
export async function ensureLogTopic(kafka: Kafka, spec: LogTopicSpec, logger: KafkaLogger): Promise<string> {
  const admin = kafka.admin()
  await admin.connect()
  try {
    const cluster = await admin.describeCluster()
    if (!(await admin.listTopics()).includes(spec.topic)) await create(admin, spec, cluster.brokers.length, logger)
    await check(admin, spec.topic)
    return cluster.clusterId
  } finally {
    await admin.disconnect()
  }
}

async function create(admin: Admin, spec: LogTopicSpec, brokers: number, logger: KafkaLogger): Promise<void> {
  let replicationFactor = spec.replicationFactor
  if (replicationFactor > brokers) {
    // Confluent does the same with kafkastore.topic.replication.factor, so a one-broker dev cluster works.
    logger.warn(
      { topic: spec.topic, wanted: replicationFactor, brokers },
      `creating topic '${spec.topic}' with replication factor ${brokers} instead of ${replicationFactor}: ` +
        `the cluster has only ${brokers} broker(s)`,
    )
    replicationFactor = brokers
  }
  const configs = { ...spec.configs, 'cleanup.policy': 'compact' }
  // false: another instance created it between listTopics and here; check() looks at what it made.
  const created = await admin.createTopics({
    topics: [
      {
        topic: spec.topic,
        numPartitions: 1,
        replicationFactor,
        configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })),
      },
    ],
    waitForLeaders: true,
  })
  if (created) logger.info({ topic: spec.topic, replicationFactor, configs }, `created topic '${spec.topic}'`)
}

async function check(admin: Admin, topic: string): Promise<void> {
  const metadata = await admin.fetchTopicMetadata({ topics: [topic] })
  const partitions = metadata.topics[0]?.partitions.length ?? 0
  if (partitions !== 1) {
    throw new Error(
      `Kafka topic '${topic}' has ${partitions} partitions; the registry log needs exactly 1, so that every ` +
        'record is read in the order it was written. Use a topic with one partition (or let schemaport create it).',
    )
  }
  const described = await admin.describeConfigs({
    resources: [{ type: kafkajs.ConfigResourceTypes.TOPIC, name: topic, configNames: ['cleanup.policy'] }],
    includeSynonyms: false,
  })
  const policy = described.resources[0]?.configEntries.find((e) => e.configName === 'cleanup.policy')?.configValue
  if (policy !== 'compact') {
    throw new Error(
      `Kafka topic '${topic}' has cleanup.policy=${policy ?? '(unknown)'}; the registry log needs ` +
        'cleanup.policy=compact, or Kafka would delete old schemas. Fix it with: kafka-configs.sh ' +
        `--bootstrap-server HOST:PORT --alter --entity-type topics --entity-name ${topic} --add-config cleanup.policy=compact`,
    )
  }
}
