// Reads Kafka's error names (`NOT_LEADER_OR_FOLLOWER`, `PRODUCER_FENCED`…) out of a kafkajs error, which may
// wrap the broker's answer in retry or aggregate errors.

/** `error` and every error it wraps (`cause`, `errors`), outermost first. */
function chainOf(error: unknown): object[] {
  const chain: object[] = []
  const visit = (e: unknown): void => {
    if (typeof e !== 'object' || e === null || chain.includes(e)) return
    chain.push(e)
    const { cause, errors } = e as { cause?: unknown; errors?: unknown }
    visit(cause)
    if (Array.isArray(errors)) errors.forEach(visit)
  }
  visit(error)
  return chain
}

const stringsOf = (error: unknown, property: 'type' | 'name'): string[] =>
  chainOf(error).flatMap((e) => {
    const value = (e as Record<string, unknown>)[property]
    return typeof value === 'string' ? [value] : []
  })

/** The Kafka error types of `error` and of every error it wraps (`cause`, `errors`), outermost first. */
export const errorTypes = (error: unknown): string[] => stringsOf(error, 'type')

/**
 * A hint for a failure in which the broker closed the connection: one common cause is a listener that speaks
 * another security protocol than the client (SASL or TLS on one side only). Empty for other errors.
 */
export function listenerHint(error: unknown, security: { readonly sasl: boolean; readonly tls: boolean }): string {
  if (!stringsOf(error, 'name').includes('KafkaJSConnectionClosedError')) return ''
  const uses = `${security.sasl ? 'SASL' : 'no SASL'} and ${security.tls ? 'TLS' : 'no TLS'}`
  return ` (the broker closed the connection; if it does so at once, check that its listener expects what this client uses, ${uses}: see kafkaSaslMechanism and kafkaTls)`
}

/** The message of an error, or its text for anything thrown that is not an Error. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))
