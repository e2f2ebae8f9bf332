// Schema text in the output format a client asked for (`?format=`); the stored canonical text otherwise.

import type { Service } from '../service.ts'
import type { SchemaContent, StoredVersion } from '../state.ts'

export function renderSchema(svc: Service, stored: StoredVersion | SchemaContent, outputFormat: string | undefined): string {
  if (!outputFormat) return stored.schema
  const format = svc.schemas.format(stored.schemaType)
  if (!format.render) return stored.schema
  const content = svc.state.schemaById(stored.context, stored.id)
  if (!content) return stored.schema
  return format.render(svc.schemas.parseStored(content), outputFormat) ?? stored.schema
}
