// Reads Kafka's error names (`NOT_LEADER_OR_FOLLOWER`, `PRODUCER_FENCED`…) out of a kafkajs error, which may
// wrap the broker's answer in retry or aggregate errors.

/** The Kafka error types of `error` and of every error it wraps (`cause`, `errors`), outermost first. */
export function errorTypes(error: unknown): string[] {
  const types: string[] = []
  const seen = new Set<unknown>()
  const visit = (e: unknown): void => {
    if (typeof e !== 'object' || e === null || seen.has(e)) return
    seen.add(e)
    const { type, cause, errors } = e as { type?: unknown; cause?: unknown; errors?: unknown }
    if (typeof type === 'string') types.push(type)
    visit(cause)
    if (Array.isArray(errors)) errors.forEach(visit)
  }
  visit(error)
  return types
}

/** The message of an error, or its text for anything thrown that is not an Error. */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))
