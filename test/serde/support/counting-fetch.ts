// A fetch that counts the requests it sends, for tests of the client's caching and retries.

export interface CountingFetch {
  readonly fetch: typeof fetch
  /** `METHOD path` of every request sent, in order. */
  readonly calls: string[]
}

/** Node's fetch, recording each request it sends. */
export function countingFetch(): CountingFetch {
  const calls: string[] = []
  const counting: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input.toString())
    calls.push(`${init?.method ?? 'GET'} ${url.pathname}${url.search}`)
    return fetch(input, init)
  }
  return { fetch: counting, calls }
}
