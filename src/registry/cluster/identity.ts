// A registry instance's identity in the leader-election group: the JSON member metadata the Confluent
// registry and Karapace exchange (spec 5.5), and the URL followers forward writes to.

export interface Identity {
  readonly host: string
  readonly port: number
  readonly scheme: 'http' | 'https'
  /** Confluent's `master_eligibility` (`leader.eligibility`): false keeps the instance a follower. */
  readonly eligible: boolean
}

/** The identity JSON exactly as Confluent writes it: `{"version":1,"host":…,"port":…,"master_eligibility":…,"scheme":…}`. */
export function identityJson(identity: Identity): Record<string, unknown> {
  return {
    version: 1,
    host: identity.host,
    port: identity.port,
    master_eligibility: identity.eligible,
    scheme: identity.scheme,
  }
}

/** Reads an identity from its JSON (as a member's metadata or inside an assignment); throws a TypeError naming
 * the bad field. Fields this version does not know (8.x's `leader`) are ignored. */
export function parseIdentity(json: unknown): Identity {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new TypeError(`identity: expected a JSON object, got ${JSON.stringify(json)}`)
  }
  const { host, port, scheme, master_eligibility: eligible } = json as Record<string, unknown>
  if (typeof host !== 'string' || host === '') throw new TypeError(`identity: host must be a non-empty string, got ${JSON.stringify(host)}`)
  if (!Number.isInteger(port) || (port as number) < 0 || (port as number) > 65535) {
    throw new TypeError(`identity: port must be an integer from 0 to 65535, got ${JSON.stringify(port)}`)
  }
  // Confluent 5.x and earlier members have no scheme: they speak http.
  const schemeOrDefault = scheme ?? 'http'
  if (schemeOrDefault !== 'http' && schemeOrDefault !== 'https') {
    throw new TypeError(`identity: scheme must be http or https, got ${JSON.stringify(scheme)}`)
  }
  if (typeof eligible !== 'boolean') {
    throw new TypeError(`identity: master_eligibility must be a boolean, got ${JSON.stringify(eligible)}`)
  }
  return { host, port: port as number, scheme: schemeOrDefault, eligible }
}

/** `scheme://host:port`: what leaders are chosen by and what followers forward to. */
export function urlOf(identity: Identity): string {
  const host = identity.host.includes(':') && !identity.host.startsWith('[') ? `[${identity.host}]` : identity.host
  return `${identity.scheme}://${host}:${identity.port}`
}

/** The identity an instance advertises from its `advertisedUrl` (`http://host:port`); throws a TypeError
 * naming the URL when it is not one. */
export function identityFromUrl(advertisedUrl: string, eligible: boolean): Identity {
  let url: URL
  try {
    url = new URL(advertisedUrl)
  } catch {
    throw new TypeError(`advertisedUrl must be an http or https URL such as http://registry-1:8081, got ${JSON.stringify(advertisedUrl)}`)
  }
  const scheme = url.protocol.slice(0, -1)
  if ((scheme !== 'http' && scheme !== 'https') || url.hostname === '' || (url.pathname !== '/' && url.pathname !== '')) {
    throw new TypeError(`advertisedUrl must be scheme://host:port with scheme http or https and no path, got ${JSON.stringify(advertisedUrl)}`)
  }
  const port = url.port === '' ? (scheme === 'https' ? 443 : 80) : Number(url.port)
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname
  return { host, port, scheme, eligible }
}
