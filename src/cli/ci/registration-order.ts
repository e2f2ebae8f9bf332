// The order in which to register a manifest's subjects: a subject after the manifest subjects it references
// without a version (those references mean "the manifest's file", which must be registered first).

import { CliError, EXIT_USAGE } from '../command.ts'
import type { ManifestSubject } from './manifest.ts'

export function registrationOrder(subjects: readonly ManifestSubject[]): ManifestSubject[] {
  const bySubject = new Map(subjects.map((entry) => [entry.subject, entry]))
  const ordered: ManifestSubject[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (entry: ManifestSubject, chain: readonly string[]): void => {
    const seen = state.get(entry.subject)
    if (seen === 'done') return
    if (seen === 'visiting') throw new CliError(`the manifest's references form a cycle: ${[...chain, entry.subject].join(' -> ')}`, EXIT_USAGE)
    state.set(entry.subject, 'visiting')
    for (const reference of entry.references) {
      const target = reference.version === undefined ? bySubject.get(reference.subject) : undefined
      if (target !== undefined) visit(target, [...chain, entry.subject])
    }
    state.set(entry.subject, 'done')
    ordered.push(entry)
  }
  for (const entry of subjects) visit(entry, [])
  return ordered
}
