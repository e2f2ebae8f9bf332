// What every format does with its reference list when asked to normalize (compatibility spec 6.2).

import type { SchemaReference } from './format.ts'

/** Confluent's normalized reference list: sorted by subject then version (stable), exact duplicates dropped. */
export function normalizeReferences(references: readonly SchemaReference[]): SchemaReference[] {
  const sorted = [...references].sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : a.version - b.version))
  const same = (a: SchemaReference, b: SchemaReference) => a.name === b.name && a.subject === b.subject && a.version === b.version
  return sorted.filter((reference, index) => sorted.findIndex((other) => same(other, reference)) === index)
}
