// What a validator reports about one invalid record: where in the value (a JSON Pointer, '' for the whole
// record) and why.

export interface Problem {
  readonly path: string
  readonly reason: string
}

/** A JSON Pointer (RFC 6901) from path segments. */
export const pointer = (segments: readonly (string | number)[]): string =>
  segments.map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('')

/** A value as it appears in a reason: JSON, cut short. */
export function quote(value: unknown): string {
  const text = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value))
  return text.length > 60 ? `${text.slice(0, 57)}...` : text
}
