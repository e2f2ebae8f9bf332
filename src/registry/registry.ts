// The running registry: state replayed from a SchemaLog, writes decided one at a time and answered only
// once the log has made them durable and applied them (read-your-writes).

import type { Logger } from 'pino'
import type { CompatibilityLevel } from './compatibility.ts'
import { SchemaParser } from './schemas.ts'
import type { Decision, Service } from './service.ts'
import { RegistryState } from './state.ts'
import type { LogStats, SchemaLog } from './store/schema-log.ts'

export interface RegistryOptions {
  readonly log: SchemaLog
  readonly logger?: Logger
  /** Server default level (Confluent's `schema.compatibility.level`). */
  readonly defaultCompatibility?: CompatibilityLevel
  /** Deepest schema document nesting accepted on registration (→ 42201). */
  readonly maxSchemaDepth?: number
  /** Confluent's `mode.mutability`. */
  readonly modeMutability?: boolean
}

export class Registry {
  readonly service: Service
  /** Settles when the log has been replayed to its end (rejects when it could not be opened). */
  opened: Promise<void> = Promise.resolve()
  private ready = false
  /** Serializes decide → append, so every decision sees the records of the one before it. */
  private writeQueue: Promise<unknown> = Promise.resolve()

  private constructor(
    private readonly log: SchemaLog,
    private readonly state: RegistryState,
    options: RegistryOptions,
  ) {
    this.service = {
      state,
      schemas: new SchemaParser(state, options.maxSchemaDepth ?? 128),
      defaults: {
        compatibility: options.defaultCompatibility ?? 'BACKWARD',
        modeMutability: options.modeMutability ?? true,
      },
    }
  }

  /** Opens the registry and resolves once its log has been replayed to the end. */
  static async open(options: RegistryOptions): Promise<Registry> {
    const registry = Registry.start(options)
    await registry.opened
    return registry
  }

  /** Starts replaying the log and returns at once, so a server can answer `/ready` (and refuse writes)
   * while a long log is read; `opened` settles when the replay is done. */
  static start(options: RegistryOptions): Registry {
    const state = new RegistryState()
    const registry = new Registry(options.log, state, options)
    let reported = 0
    registry.opened = options.log.open((record) => {
      state.apply(record)
      // Skipped records are logged as they happen, without keeping the log reader waiting.
      for (; reported < state.problems.length; reported++) {
        const problem = state.problems[reported]
        options.logger?.warn({ key: problem.key }, `log record skipped: ${problem.reason}`)
      }
    })
    registry.opened.then(
      () => (registry.ready = true),
      () => undefined,
    )
    return registry
  }

  /** True once the log has been replayed: reads are current and writes may be decided. */
  isReady(): boolean {
    return this.ready
  }

  /** Runs a write: decides against current state, appends the records, resolves with the answer once they
   * are applied. Decisions are taken strictly one after another. */
  write<T>(decide: (service: Service) => Decision<T>): Promise<T> {
    const run = this.writeQueue.then(async () => {
      const { records, result } = decide(this.service)
      if (records.length > 0) await this.log.append(records)
      return result
    })
    this.writeQueue = run.catch(() => undefined)
    return run
  }

  counts(): { schemas: number; subjects: number } {
    return this.state.counts()
  }

  logStats(): LogStats {
    return this.log.stats()
  }

  /** Waits for queued writes, then closes the log. */
  async close(): Promise<void> {
    await this.writeQueue
    await this.log.close()
  }
}
