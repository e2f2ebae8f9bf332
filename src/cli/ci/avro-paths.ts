// The path of an Avro incompatibility in both schemas. Avro's path is a JSON Pointer built while walking the
// reader and the writer together (spec compatibility.md): field positions are the reader's, but a union index
// is the writer's branch. Replaying that walk over both parsed trees gives a pointer into each; the writer's
// ends early (undefined) where the reader has a field the writer lacks.

import type { AvroSchema } from '../../formats/avro/index.ts'
import type { AvroType, Field, RecordType } from '../../formats/avro/model.ts'

export interface BothPaths {
  readonly reader: string
  /** Undefined when the writer has no such place (a reader field the writer lacks). */
  readonly writer: string | undefined
}

/** The reader's and the writer's pointer for `path`, a pointer Avro's checker gave for this reader and writer. */
export function avroPaths(reader: AvroSchema, writer: AvroSchema, path: string): BothPaths {
  const tokens = path === '/' || path === '' ? [] : path.slice(1).split('/').map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
  const readerPath: string[] = []
  const writerPath: string[] = []
  let r: AvroType | undefined = reader.root
  let w: AvroType | undefined = writer.root
  let writerAbsent = false
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    if (token === 'fields' && r?.kind === 'record' && i + 1 < tokens.length) {
      const readerField: Field | undefined = r.fields[Number(tokens[i + 1])]
      const withType = tokens[i + 2] === 'type'
      readerPath.push('fields', tokens[i + 1])
      if (!writerAbsent) {
        const writerIndex: number = w?.kind === 'record' && readerField !== undefined ? writerFieldIndex(w, readerField) : -1
        if (writerIndex < 0 || w?.kind !== 'record') {
          writerAbsent = true
        } else {
          writerPath.push('fields', String(writerIndex))
          if (withType) w = w.fields[writerIndex].type
        }
      }
      if (withType) {
        readerPath.push('type')
        if (!writerAbsent) writerPath.push('type')
        r = readerField?.type
        i += 1
      }
      i += 1
    } else if (!writerAbsent && /^\d+$/.test(token) && w?.kind === 'union') {
      // A union index names the writer's branch; the reader stays where it is.
      writerPath.push(token)
      w = w.branches[Number(token)]
    } else {
      readerPath.push(token)
      if (!writerAbsent) writerPath.push(token)
      r = step(r, token)
      w = step(w, token)
    }
  }
  return { reader: pointer(readerPath), writer: writerAbsent ? undefined : pointer(writerPath) }
}

function step(type: AvroType | undefined, token: string): AvroType | undefined {
  if (type?.kind === 'array' && token === 'items') return type.items
  if (type?.kind === 'map' && token === 'values') return type.values
  return undefined
}

/** As the checker matches fields: by name, or by one of the reader field's aliases. */
function writerFieldIndex(writer: RecordType, readerField: Field): number {
  const names = [readerField.name, ...readerField.aliases]
  return writer.fields.findIndex((field) => names.includes(field.name))
}

const pointer = (tokens: readonly string[]): string => `/${tokens.map((token) => token.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`
