// Builds the registry's REST API on the shared server plumbing; only src/cli/ calls listen().

import type { FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { installMetrics, type Metrics } from '../../http/metrics.ts'
import { answerOtherMethodsWith405, createServer } from '../../http/server.ts'
import { installForwarding, type ForwardingOptions } from '../cluster/forwarding.ts'
import { paginate } from '../queries.ts'
import type { Registry } from '../registry.ts'
import { page, text, type Query } from './params.ts'
import { installReadiness } from './readiness.ts'
import { STATELESS } from './route-flags.ts'
import { schemasRoutes } from './schemas-routes.ts'
import { settingsRoutes } from './settings-routes.ts'
import { subjectsRoutes } from './subjects-routes.ts'

export interface RegistryAppOptions {
  readonly registry: Registry
  readonly logger?: Logger | false
  readonly bodyLimit?: number
  readonly metrics?: Metrics
  /** Reported by /v1/metadata/id as the schema-registry cluster (Confluent's `schema.registry.group.id`). */
  readonly groupId?: string
  /** Reported by /v1/metadata/id as the Kafka cluster, once known; the embedded log has none of its own. */
  readonly kafkaClusterId?: () => string | undefined
  /** How long a read waits for the log to be caught up before answering 503 (default 30 s). */
  readonly readWaitMs?: number
  /** One of several instances: writes are forwarded to the leader unless this instance leads. */
  readonly cluster?: ForwardingOptions
}

export const SCHEMAPORT_VERSION = '0.1.0'

export async function buildRegistryApp(options: RegistryAppOptions): Promise<FastifyInstance> {
  const app = createServer({ logger: options.logger, bodyLimit: options.bodyLimit })
  const { registry, metrics } = options
  if (metrics) {
    installMetrics(app, metrics)
    metrics.gauge('schemaport_schemas', 'Schemas (distinct ids) stored', () => registry.counts().schemas)
    metrics.gauge('schemaport_subjects', 'Subjects with at least one live version', () => registry.counts().subjects)
    metrics.gauge('schemaport_log_records', 'Records in the registry log', () => registry.logStats().records)
    metrics.gauge('schemaport_log_bytes', 'Bytes in the registry log', () => registry.logStats().bytes)
  }

  installReadiness(app, registry, options.readWaitMs ?? 30_000)
  if (options.cluster) installForwarding(app, options.cluster)
  app.get('/', STATELESS, async () => ({}))
  app.post('/', STATELESS, async () => ({}))
  // Not stateless: with the Kafka store, the cluster id is known once the log is open.
  app.get('/v1/metadata/id', async () => ({
    scope: {
      path: [],
      clusters: {
        'kafka-cluster': options.kafkaClusterId?.() ?? 'schemaport-embedded',
        'schema-registry-cluster': options.groupId ?? 'schema-registry',
      },
    },
  }))
  app.get('/v1/metadata/version', STATELESS, async () => ({ version: SCHEMAPORT_VERSION, commitId: 'schemaport' }))
  app.get<{ Querystring: Query }>('/contexts', async (req) => {
    const prefix = text(req.query, 'contextPrefix') ?? ''
    return paginate(registry.service.state.contextNames().filter((c) => c.startsWith(prefix)), page(req.query))
  })

  subjectsRoutes(app, registry)
  schemasRoutes(app, registry)
  settingsRoutes(app, registry)
  answerOtherMethodsWith405(app)
  await app.ready()
  return app
}
