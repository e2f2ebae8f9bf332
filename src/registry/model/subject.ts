// Subject names and schema contexts (spec 1.3 and 3.18): `:.ctx:name` puts a subject in context `.ctx`;
// plain names and `:.:name` are in the default context `.`.

export const DEFAULT_CONTEXT = '.'

export interface QualifiedSubject {
  /** The context, `.` for the default one, otherwise `.name`. */
  readonly context: string
  /** The subject name inside its context (empty for a context-level subject like `:.ctx:`). */
  readonly name: string
  /** How the subject is stored and listed: `name` in the default context, `:.ctx:name` elsewhere. */
  readonly qualified: string
}

const CONTEXT_PREFIX = /^:(\.[^:]*):(.*)$/s

export function qualifySubject(subject: string): QualifiedSubject {
  const m = CONTEXT_PREFIX.exec(subject)
  if (!m || m[1] === DEFAULT_CONTEXT) {
    const name = m ? m[2] : subject
    return { context: DEFAULT_CONTEXT, name, qualified: name }
  }
  return { context: m[1], name: m[2], qualified: subject }
}

/** A reference's subject is relative to the context of the schema that holds the reference. */
export function qualifyInContext(subject: string, context: string): string {
  if (subject.startsWith(':.')) return qualifySubject(subject).qualified
  return context === DEFAULT_CONTEXT ? subject : `:${context}:${subject}`
}

/** Confluent refuses ISO control characters and its two reserved names (42208). */
export function isValidSubject(subject: string): boolean {
  if (subject.length === 0 || subject === '__GLOBAL' || subject === '__EMPTY') return false
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u001f\u007f-\u009f]/.test(subject)
}

/** `:.:` (the default context) and `:.ctx:` address the global, respectively context-level, config and mode. */
export function isContextScope(subject: string): boolean {
  return qualifySubject(subject).name === '' && subject.startsWith(':.')
}
