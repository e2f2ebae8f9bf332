// Decides whether a reader schema can read data written with a writer schema, as Avro Java 1.12's
// SchemaCompatibility.checkReaderWriterCompatibility does (Confluent uses it unchanged; spec: compatibility.md §2).
// Faithful in the details that show in the registry's answers:
// - named types match on their short name, or on a reader alias equal to the writer's full name;
// - results are memoised per (reader node, writer node) identity pair; a pair met again while still being checked
//   counts as compatible (recursive types terminate), a finished pair is reused with the locations of its first
//   visit (so a named type used twice can report the same incompatibility twice);
// - a union branch is checked with a fresh location stack and only its verdict is used, while a writer union met
//   by a non-union reader reports each branch's own incompatibilities under the branch index (Avro 1.12);
// - a reader field missing from the writer, without a default but of an enum type with an enum default, is compared
//   with the whole writer record (Avro's quirk: it always yields TYPE_MISMATCH ENUM vs RECORD).

import type { Incompatibility } from '../format.ts'
import type { AvroType, EnumType, Field, FixedType, NamedType, RecordType } from './model.ts'
import { aliasNames } from './model.ts'

type Verdict = 'compatible' | 'incompatible' | 'in-progress'

interface Result {
  readonly verdict: Verdict
  readonly found: readonly Incompatibility[]
}

const COMPATIBLE: Result = { verdict: 'compatible', found: [] }
const IN_PROGRESS: Result = { verdict: 'in-progress', found: [] }

// What each reader type reads besides its own type: Avro's promotions, and nothing else.
const PROMOTIONS: Record<'long' | 'float' | 'double' | 'bytes' | 'string', readonly string[]> = {
  long: ['int'],
  float: ['int', 'long'],
  double: ['int', 'long', 'float'],
  bytes: ['string'],
  string: ['bytes'],
}

/** Our type for a failure of the checker itself (a reader field matching two writer fields); Confluent sends
 * only the message, which starts the same way. */
const UNEXPECTED_EXCEPTION = 'UNEXPECTED_EXCEPTION'

/** Every reason `reader` cannot read data written with `writer`, in Avro's order; empty when it can. */
export function checkReadable(reader: AvroType, writer: AvroType): Incompatibility[] {
  try {
    return [...new Checker().check(reader, writer).found]
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    return [{ type: UNEXPECTED_EXCEPTION, path: '/', message: `Unexpected exception during compatibility check: ${detail}` }]
  }
}

class Checker {
  private readonly memo = new Map<AvroType, Map<AvroType, Result>>()

  /** A check from a fresh location stack, as Avro's two-argument getCompatibility. */
  check(reader: AvroType, writer: AvroType): Result {
    return this.compat('', reader, writer, [])
  }

  private compat(token: string, reader: AvroType, writer: AvroType, location: string[]): Result {
    location.push(token)
    let byWriter = this.memo.get(reader)
    if (byWriter === undefined) this.memo.set(reader, (byWriter = new Map()))
    let result = byWriter.get(writer)
    if (result === undefined) {
      byWriter.set(writer, IN_PROGRESS)
      result = this.calculate(reader, writer, location)
      byWriter.set(writer, result)
    } else if (result.verdict === 'in-progress') {
      result = COMPATIBLE
    }
    location.pop()
    return result
  }

  private calculate(reader: AvroType, writer: AvroType, location: string[]): Result {
    if (reader.kind === writer.kind) return this.sameKind(reader, writer, location)
    if (writer.kind === 'union') {
      return writer.branches.reduce(
        (result, branch, index) => merge(result, this.compat(String(index), reader, branch, location)),
        COMPATIBLE,
      )
    }
    switch (reader.kind) {
      case 'long':
      case 'float':
      case 'double':
      case 'bytes':
      case 'string':
        return PROMOTIONS[reader.kind].includes(writer.kind) ? COMPATIBLE : typeMismatch(reader, writer, location)
      case 'union':
        if (reader.branches.some((branch) => this.check(branch, writer).verdict === 'compatible')) return COMPATIBLE
        return incompatible('MISSING_UNION_BRANCH', `reader union lacking writer type: ${typeName(writer)}`, location)
      default:
        return typeMismatch(reader, writer, location)
    }
  }

  private sameKind(reader: AvroType, writer: AvroType, location: string[]): Result {
    switch (reader.kind) {
      case 'array':
        return this.compat('items', reader.items, (writer as typeof reader).items, location)
      case 'map':
        return this.compat('values', reader.values, (writer as typeof reader).values, location)
      case 'fixed':
        return merge(names(reader, writer as FixedType, location), fixedSize(reader, writer as FixedType, location))
      case 'enum':
        return merge(names(reader, writer as EnumType, location), enumSymbols(reader, writer as EnumType, location))
      case 'record':
        return merge(names(reader, writer as RecordType, location), this.fields(reader, writer as RecordType, location))
      case 'union': {
        let result = COMPATIBLE
        ;(writer as typeof reader).branches.forEach((branch, index) => {
          location.push(String(index))
          if (this.check(reader, branch).verdict === 'incompatible') {
            const message = `reader union lacking writer type: ${typeName(branch)}`
            result = merge(result, incompatible('MISSING_UNION_BRANCH', message, location))
          }
          location.pop()
        })
        return result
      }
      default:
        return COMPATIBLE
    }
  }

  private fields(reader: RecordType, writer: RecordType, location: string[]): Result {
    let result = COMPATIBLE
    location.push('fields')
    reader.fields.forEach((readerField, position) => {
      location.push(String(position))
      const writerField = lookupWriterField(writer, readerField)
      if (writerField !== undefined) {
        result = merge(result, this.compat('type', readerField.type, writerField.type, location))
      } else if (readerField.default === undefined) {
        result =
          readerField.type.kind === 'enum' && readerField.type.default !== undefined
            ? merge(result, this.compat('type', readerField.type, writer, location))
            : merge(result, incompatible('READER_FIELD_MISSING_DEFAULT_VALUE', readerField.name, location))
      }
      location.pop()
    })
    location.pop()
    return result
  }
}

// Field lookup by name per writer record, built once: a record is checked against many readers and versions.
const fieldIndexes = new WeakMap<RecordType, ReadonlyMap<string, Field>>()

/** The writer field a reader field reads: same name, or named like one of the reader field's aliases. */
function lookupWriterField(writer: RecordType, readerField: Field): Field | undefined {
  let index = fieldIndexes.get(writer)
  if (index === undefined) fieldIndexes.set(writer, (index = new Map(writer.fields.map((field) => [field.name, field]))))
  const matches = [readerField.name, ...readerField.aliases].flatMap((name) => index.get(name) ?? [])
  if (matches.length > 1) {
    throw new Error(`reader field '${readerField.name}' matches ${matches.length} fields of writer record '${writer.name.full}'`)
  }
  return matches[0]
}

function names(reader: NamedType, writer: NamedType, location: string[]): Result {
  if (reader.name.name === writer.name.name || aliasNames(reader).includes(writer.name.full)) return COMPATIBLE
  return incompatible('NAME_MISMATCH', `expected: ${writer.name.full}`, [...location, 'name'])
}

function fixedSize(reader: FixedType, writer: FixedType, location: string[]): Result {
  if (reader.size === writer.size) return COMPATIBLE
  return incompatible('FIXED_SIZE_MISMATCH', `expected: ${writer.size}, found: ${reader.size}`, [...location, 'size'])
}

function enumSymbols(reader: EnumType, writer: EnumType, location: string[]): Result {
  const missing = [...new Set(writer.symbols)].filter((symbol) => !reader.symbols.includes(symbol)).sort()
  // An enum default that is one of the reader's symbols absorbs every unknown writer symbol.
  if (missing.length === 0 || (reader.default !== undefined && reader.symbols.includes(reader.default))) return COMPATIBLE
  return incompatible('MISSING_ENUM_SYMBOLS', `[${missing.join(', ')}]`, [...location, 'symbols'])
}

const typeMismatch = (reader: AvroType, writer: AvroType, location: readonly string[]): Result =>
  incompatible('TYPE_MISMATCH', `reader type: ${typeName(reader)} not compatible with writer type: ${typeName(writer)}`, location)

const typeName = (type: AvroType): string => type.kind.toUpperCase()

function incompatible(type: string, message: string, location: readonly string[]): Result {
  return { verdict: 'incompatible', found: [{ type, path: pointer(location), message }] }
}

/** Avro's location: a JSON Pointer into the reader, without the root token, escaped as RFC 6901 says. */
function pointer(location: readonly string[]): string {
  return `/${location
    .slice(1)
    .map((token) => token.replaceAll('~', '~0').replaceAll('/', '~1'))
    .join('/')}`
}

function merge(a: Result, b: Result): Result {
  const verdict = a.verdict === 'compatible' ? b.verdict : 'incompatible'
  if (b.found.length === 0) return a.verdict === verdict ? a : { verdict, found: a.found }
  return { verdict, found: [...a.found, ...b.found] }
}
