// Sends one REST call to a schema registry: base URLs tried in turn when one cannot be reached, basic or
// bearer auth, a timeout per attempt, and retries with exponential backoff on 5xx answers and network errors
// (never on 4xx: the same request would get the same answer). Node's fetch keeps connections alive.

import { setTimeout as sleep } from 'node:timers/promises'
import { configError, networkError, registryError } from './errors.ts'

export interface TransportOptions {
  /** One registry URL or several: on a connection error or timeout the next one is tried. */
  readonly baseUrls: string | readonly string[]
  readonly basicAuth?: { readonly username: string; readonly password: string }
  /** A token, or a function called before every request (so a refreshed token is picked up). */
  readonly bearerToken?: string | (() => string | Promise<string>)
  /** Milliseconds one attempt may take before it counts as a network error. Default 10 000. */
  readonly timeoutMs?: number
  /** Retries after the first attempt, on 5xx answers and network errors. Default 2. */
  readonly maxRetries?: number
  /** Backoff before the first retry, doubled for each further one, with jitter. Default 100 ms. */
  readonly retryBackoffMs?: number
  /** Ceiling of the backoff. Default 2 000 ms. */
  readonly maxRetryBackoffMs?: number
  /** Extra headers sent with every request. */
  readonly headers?: Readonly<Record<string, string>>
  /** The fetch to use: Node's by default; tests pass a counting one, callers a custom dispatcher. */
  readonly fetch?: typeof fetch
}

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json'
const ACCEPT = 'application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5'

interface Attempt {
  readonly response?: Response
  /** The URL that answered (with `response`). */
  readonly url?: string
  readonly failures: string[]
  readonly cause?: unknown
}

export class Transport {
  private readonly urls: string[]
  private readonly fixedAuthorization: string | undefined
  private readonly timeoutMs: number
  private readonly maxRetries: number
  private readonly backoffMs: number
  private readonly maxBackoffMs: number
  private readonly fetch: typeof fetch
  /** The URL that answered last: later requests start there instead of re-trying a dead first URL. */
  private current = 0

  constructor(private readonly options: TransportOptions) {
    const urls = typeof options.baseUrls === 'string' ? [options.baseUrls] : [...options.baseUrls]
    if (urls.length === 0) throw configError('baseUrls: give at least one registry URL')
    let basic = options.basicAuth
    this.urls = urls.map((raw) => {
      let url: URL
      try {
        url = new URL(raw)
      } catch {
        throw configError(`baseUrls: '${raw}' is not a URL`)
      }
      // fetch refuses URLs with credentials; Confluent clients accept them as basic auth, so move them there.
      if (url.username !== '' && basic === undefined) {
        basic = { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }
      }
      url.username = ''
      url.password = ''
      return url.toString().replace(/\/+$/, '')
    })
    if (basic !== undefined && options.bearerToken !== undefined) throw configError('give basicAuth or bearerToken, not both')
    this.fixedAuthorization =
      basic === undefined ? undefined : `Basic ${Buffer.from(`${basic.username}:${basic.password}`).toString('base64')}`
    this.timeoutMs = positive('timeoutMs', options.timeoutMs, 10_000)
    this.maxRetries = atLeastZero('maxRetries', options.maxRetries, 2)
    this.backoffMs = atLeastZero('retryBackoffMs', options.retryBackoffMs, 100)
    this.maxBackoffMs = atLeastZero('maxRetryBackoffMs', options.maxRetryBackoffMs, 2_000)
    this.fetch = options.fetch ?? fetch
  }

  /** The parsed JSON body of a 2xx answer. Throws REGISTRY for an error answer, NETWORK when none came. */
  async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    for (let retry = 0; ; retry++) {
      const attempt = await this.tryEachUrl(method, path, payload)
      const last = retry >= this.maxRetries
      if (attempt.response === undefined) {
        if (last) throw networkError(method, path, retry + 1, attempt.failures, attempt.cause)
      } else if (attempt.response.ok) {
        return (await readBody(method, attempt.url + path, attempt.response)) as T
      } else if (attempt.response.status < 500 || last) {
        throw await toRegistryError(method, attempt.url + path, attempt.response)
      } else {
        await attempt.response.body?.cancel()
      }
      await sleep(this.backoff(retry))
    }
  }

  /** Tries the URLs from the last good one on; the first that answers at all (any status) wins. */
  private async tryEachUrl(method: string, path: string, payload: string | undefined): Promise<Attempt> {
    const headers: Record<string, string> = { accept: ACCEPT, ...this.options.headers }
    if (payload !== undefined) headers['content-type'] = CONTENT_TYPE
    const authorization = await this.authorization()
    if (authorization !== undefined) headers.authorization = authorization
    const failures: string[] = []
    let cause: unknown
    for (let i = 0; i < this.urls.length; i++) {
      const index = (this.current + i) % this.urls.length
      try {
        const response = await this.fetch(this.urls[index] + path, {
          method,
          headers,
          body: payload,
          signal: AbortSignal.timeout(this.timeoutMs),
        })
        this.current = index
        return { response, url: this.urls[index], failures }
      } catch (error) {
        cause = error
        failures.push(`${this.urls[index]}: ${describeFetchError(error, this.timeoutMs)}`)
      }
    }
    return { failures, cause }
  }

  private async authorization(): Promise<string | undefined> {
    if (this.fixedAuthorization !== undefined) return this.fixedAuthorization
    const token = this.options.bearerToken
    if (token === undefined) return undefined
    return `Bearer ${typeof token === 'string' ? token : await token()}`
  }

  /** Exponential backoff with "equal jitter", so clients that failed together do not retry together. */
  private backoff(retry: number): number {
    const ceiling = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** retry)
    return ceiling / 2 + Math.random() * (ceiling / 2)
  }
}

async function readBody(method: string, url: string, response: Response): Promise<unknown> {
  const text = await response.text()
  try {
    return JSON.parse(text)
  } catch {
    // Confluent's Java client reports an unreadable answer with its local code 50005; so do we.
    throw registryError(method, url, response.status, 50005, `the answer is not JSON: ${text.slice(0, 200)}`)
  }
}

async function toRegistryError(method: string, url: string, response: Response) {
  const text = await response.text()
  let errorCode = response.status
  let message = text
  try {
    const body = JSON.parse(text) as { error_code?: unknown; message?: unknown }
    if (typeof body.error_code === 'number') errorCode = body.error_code
    if (typeof body.message === 'string') message = body.message
  } catch {
    // Not JSON (a proxy's HTML page, say): the text itself is the best message, the status the best code.
  }
  return registryError(method, url, response.status, errorCode, message.trim() === '' ? response.statusText : message)
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined
  if (cause?.code !== undefined) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`
  return error instanceof Error ? error.message : String(error)
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback
  if (!(value > 0)) throw configError(`${name}: ${value} is not a positive number`)
  return value
}

function atLeastZero(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || value < 0) throw configError(`${name}: ${value} is not a non-negative integer`)
  return value
}
