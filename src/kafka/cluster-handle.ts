// kafkajs's low-level cluster client (connections, metadata, coordinator lookup, raw requests), which its
// public API hands only to partition assigners: creating a consumer that is never started gives its cluster,
// set up with our connection settings. The partition reader and the group membership both talk through it.

import kafkajs from 'kafkajs'
import type { Cluster, ConsumerConfig, Kafka } from 'kafkajs'

export function clusterHandle(kafka: Kafka, config: Omit<ConsumerConfig, 'partitionAssigners'>): Cluster {
  let cluster: Cluster | undefined
  kafka.consumer({
    ...config,
    partitionAssigners: [
      (assignerConfig) => {
        cluster = assignerConfig.cluster
        return kafkajs.PartitionAssigners.roundRobin(assignerConfig)
      },
    ],
  })
  if (cluster === undefined) throw new Error('kafkajs did not hand its cluster to the partition assigner')
  return cluster
}
