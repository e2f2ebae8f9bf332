// Parsing schemas against the registry: reference lookup from state, and caches so that neither a stored
// schema nor a repeatedly submitted one is parsed twice.

import { LRUCache } from 'lru-cache'
import { invalidSchema } from '../errors.ts'
import type { ParsedSchema, ReferenceLookup, SchemaFormat, SchemaReference, SchemaType } from '../formats/format.ts'
import { formatFor } from '../formats/index.ts'
import { qualifyInContext } from './model/subject.ts'
import type { RegistryState, SchemaContent } from './state.ts'

export interface SchemaRequest {
  readonly schemaType: SchemaType
  readonly schema: string
  readonly references: readonly SchemaReference[]
}

export class SchemaParser {
  /** (context, id, content hash) → parsed; the hash guards against an id forgotten and reassigned. */
  private readonly stored = new LRUCache<string, ParsedSchema>({ max: 10_000 })
  /** Submitted text → parsed, so serializers re-registering the same schema skip the parser. */
  private readonly submitted = new LRUCache<string, ParsedSchema>({ max: 2_000 })

  constructor(
    private readonly state: RegistryState,
    private readonly maxDepth: number,
  ) {}

  format(type: string): SchemaFormat {
    const format = formatFor(type)
    if (!format) throw invalidSchema(`unknown schema type '${type}'`)
    return format
  }

  /** Parses a schema sent by a client; references are resolved in `context`. Throws 42201. */
  parseRequest(request: SchemaRequest, context: string, normalize: boolean): ParsedSchema {
    const key = JSON.stringify([request.schemaType, context, normalize, request.references, request.schema])
    let parsed = this.submitted.get(key)
    if (!parsed) {
      parsed = this.format(request.schemaType).parse(request.schema, request.references, this.lookupIn(context), {
        normalize,
        maxDepth: this.maxDepth,
        submitted: true,
      })
      this.submitted.set(key, parsed)
    }
    return parsed
  }

  /** Parses stored content (already canonical). */
  parseStored(content: Pick<SchemaContent, 'id' | 'context' | 'hash' | 'schemaType' | 'schema' | 'references'>): ParsedSchema {
    const key = `${content.context}\u0000${content.id}\u0000${content.hash}`
    let parsed = this.stored.get(key)
    if (!parsed) {
      parsed = this.format(content.schemaType).parse(content.schema, content.references, this.lookupIn(content.context), {
        maxDepth: Number.MAX_SAFE_INTEGER,
      })
      this.stored.set(key, parsed)
    }
    return parsed
  }

  lookupIn(context: string): ReferenceLookup {
    return (ref) => {
      const v = this.state.getVersion(qualifyInContext(ref.subject, context), ref.version)
      return v && { schemaType: v.schemaType, schema: v.schema, references: v.references }
    }
  }
}
