// An LRU cache (lru-cache) whose misses load once: concurrent misses for one key share one in-flight load,
// so a burst of messages with a new schema id makes one registry call, not one per message.
// A failed load is not cached: the next miss tries again.

import { LRUCache } from 'lru-cache'

export interface LoadingCacheOptions {
  readonly max: number
  /** Milliseconds an entry stays fresh; unset = until evicted. */
  readonly ttlMs?: number
}

export class LoadingCache<K extends string | number, V extends NonNullable<unknown>> {
  private readonly entries: LRUCache<K, V>
  private readonly inFlight = new Map<K, Promise<V>>()

  constructor(options: LoadingCacheOptions) {
    this.entries = new LRUCache<K, V>({ max: options.max, ttl: options.ttlMs })
  }

  /** The cached value, without loading; undefined on a miss or an expired entry. */
  get(key: K): V | undefined {
    return this.entries.get(key)
  }

  /**
   * The cached value, or the result of `load` (shared with every concurrent caller for the same key).
   * `ttlOf` gives a loaded value its own lifetime in milliseconds (undefined: the cache's).
   */
  load(key: K, load: () => Promise<V>, ttlOf?: (value: V) => number | undefined): Promise<V> {
    const hit = this.entries.get(key)
    if (hit !== undefined) return Promise.resolve(hit)
    let pending = this.inFlight.get(key)
    if (pending === undefined) {
      pending = load().then(
        (value) => {
          this.inFlight.delete(key)
          this.entries.set(key, value, { ttl: ttlOf?.(value) })
          return value
        },
        (error: unknown) => {
          this.inFlight.delete(key)
          throw error
        },
      )
      this.inFlight.set(key, pending)
    }
    return pending
  }

  /** Milliseconds before the entry expires (Infinity without a TTL), 0 when absent or stale. */
  remainingTtl(key: K): number {
    // lru-cache counts a stale entry's remaining time below zero.
    return Math.max(0, this.entries.getRemainingTTL(key))
  }
}
