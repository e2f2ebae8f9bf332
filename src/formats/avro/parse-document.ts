// Builds the Avro type tree from one parsed JSON document, accepting and rejecting what Avro Java 1.12's parser does.
// Rules followed (Schema.java / ParseContext.java): names use Avro Java's Unicode validator; a name is looked up
// qualified by the current namespace, then as a short name in the null namespace; a type may be used before the
// document defines it; a named type may be defined twice only identically; unknown attributes become props;
// non-text `doc`/`namespace` are ignored; a float/double field's textual default is read as a number; defaults are
// validated only when asked (Confluent validates them for new registrations only).

import { invalidSchema } from '../../errors.ts'
import { integerOf, isJsonArray, isJsonObject, JsonNumber, textOf } from '../json-document/value.ts'
import type { Json, JsonObject } from '../json-document/value.ts'
import { isValidDefault } from './defaults.ts'
import { typesEqual } from './equality.ts'
import { writeJackson } from './json-write.ts'
import type { AvroType, EnumType, Field, FieldOrder, FixedType, NamedType, Props, RecordType, UnionType } from './model.ts'
import { isNamed } from './model.ts'
import { fullNameProblem, isPrimitiveTypeName, makeName, nameProblem } from './names.ts'
import type { Name } from './names.ts'

/** Named types known while parsing: shared by a schema and its references, which are read first. */
export interface TypeContext {
  readonly types: Map<string, NamedType>
  readonly submitted: boolean
}

const SCHEMA_RESERVED = new Set(['doc', 'fields', 'items', 'name', 'namespace', 'size', 'symbols', 'values', 'type', 'aliases'])
const ENUM_RESERVED = new Set([...SCHEMA_RESERVED, 'default'])
const FIELD_RESERVED = new Set(['default', 'doc', 'name', 'order', 'type', 'aliases'])
// Avro Java's SystemLimitException caps byte lengths (so fixed sizes) at the largest safe array size.
const MAX_FIXED_SIZE = 2 ** 31 - 1 - 8
const JAVA_DOUBLE = /^[+-]?(?:NaN|Infinity|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)[fFdD]?$/

/** Where in the document a type sits, for error messages: the dotted field path plus steps inside its type. */
interface Where {
  readonly fieldPath: string | undefined
  readonly steps: readonly string[]
}

/** A name used before its definition; replaced by the named type once the whole document is read. */
class Pending {
  constructor(
    readonly written: string,
    readonly full: string,
    readonly where: Where,
  ) {}
}

type Parsed = AvroType | Pending
type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/**
 * Reads one document into the context and returns its root type. `label` prefixes every error message (it names
 * the reference being read). Throws 42201 for anything Avro Java rejects.
 */
export function readDocument(json: Json, context: TypeContext, label?: string): AvroType {
  return new DocumentReader(context, label).read(json)
}

class DocumentReader {
  private readonly pending: Pending[] = []
  private readonly redefinitions: { readonly first: NamedType; readonly again: NamedType; readonly where: Where }[] = []
  private readonly defaults: { readonly field: Field; readonly where: Where }[] = []

  constructor(
    private readonly context: TypeContext,
    private readonly label: string | undefined,
  ) {}

  read(json: Json): AvroType {
    const root = this.type(json, undefined, { fieldPath: undefined, steps: [] })
    const resolved = root instanceof Pending ? this.resolve(root) : root
    if (this.pending.length > 0) this.patch(resolved, new Set())
    for (const { first, again, where } of this.redefinitions) {
      if (!typesEqual(first, again)) this.fail(where, `type '${first.name.full}' is defined twice, differently`)
    }
    for (const { field, where } of this.defaults) {
      if (!isValidDefault(field.type, field.default)) {
        this.fail(where, `default ${writeJackson(field.default ?? null)} is not a valid ${describe(field.type)} value`)
      }
    }
    return resolved
  }

  private type(json: Json, space: string | undefined, where: Where): Parsed {
    if (typeof json === 'string') return this.named(json, space, where)
    if (isJsonArray(json)) return this.union(json, space, where)
    if (!isJsonObject(json)) {
      return this.fail(where, `a type must be a name, an object or an array, not ${writeJackson(json)}`)
    }
    const type = textOf(json.get('type'))
    if (type === undefined) return this.fail(where, "missing 'type'")
    if (isPrimitiveTypeName(type)) return { kind: type, props: props(json, SCHEMA_RESERVED) }
    switch (type) {
      case 'record':
      case 'error':
        return this.record(json, space, where, type === 'error')
      case 'enum':
        return this.enumeration(json, space, where)
      case 'fixed':
        return this.fixed(json, space, where)
      case 'array': {
        const items = this.type(this.required(json, 'items', where, 'array'), space, step(where, 'array items'))
        return { kind: 'array', items: items as AvroType, props: props(json, SCHEMA_RESERVED) }
      }
      case 'map': {
        const values = this.type(this.required(json, 'values', where, 'map'), space, step(where, 'map values'))
        return { kind: 'map', values: values as AvroType, props: props(json, SCHEMA_RESERVED) }
      }
      default:
        // Avro Java reads {"type": "SomeName"} as a use of that name (its attributes are ignored).
        return this.named(type, space, where)
    }
  }

  private named(written: string, space: string | undefined, where: Where): Parsed {
    if (isPrimitiveTypeName(written)) return { kind: written, props: new Map() }
    const full = written.includes('.') || space === undefined ? written : `${space}.${written}`
    const found = this.lookup(full)
    if (found !== undefined) return found
    const pending = new Pending(written, full, where)
    this.pending.push(pending)
    return pending
  }

  private lookup(full: string): NamedType | undefined {
    return this.context.types.get(full) ?? this.context.types.get(full.slice(full.lastIndexOf('.') + 1))
  }

  private record(json: JsonObject, space: string | undefined, where: Where, isError: boolean): RecordType {
    const name = this.name(json, space, where, 'record')
    const fieldsJson = json.get('fields')
    if (!isJsonArray(fieldsJson)) return this.fail(where, `record '${name.full}' has no 'fields' array`)
    const record: Mutable<RecordType> = {
      kind: 'record',
      name,
      doc: textOf(json.get('doc')),
      isError,
      fields: [],
      aliases: this.aliases(json, name, where),
      props: props(json, SCHEMA_RESERVED),
    }
    this.register(record, where)
    const seen = new Set<string>()
    record.fields = fieldsJson.map((fieldJson, index) => {
      const field = this.field(fieldJson, index, name, where)
      if (seen.has(field.name)) this.fail(where, `record '${name.full}' has two fields named '${field.name}'`)
      seen.add(field.name)
      return field
    })
    return record
  }

  private field(json: Json, index: number, record: Name, recordWhere: Where): Field {
    const fieldName = isJsonObject(json) ? textOf(json.get('name')) : undefined
    if (!isJsonObject(json) || fieldName === undefined) {
      return this.fail(recordWhere, `field ${index} of record '${record.full}' has no 'name'`)
    }
    const where: Where = {
      fieldPath: recordWhere.fieldPath === undefined ? fieldName : `${recordWhere.fieldPath}.${fieldName}`,
      steps: [],
    }
    const problem = nameProblem(fieldName, 'field name')
    if (problem !== undefined) this.fail(where, problem)
    const typeJson = json.get('type')
    if (typeJson === undefined) this.fail(where, "missing 'type'")
    const type = this.type(typeJson, record.space, where) as AvroType
    const field: Field = {
      name: fieldName,
      type,
      doc: textOf(json.get('doc')),
      default: this.fieldDefault(json.get('default'), type, where),
      order: this.order(json.get('order'), where),
      aliases: this.fieldAliases(json, where),
      props: props(json, FIELD_RESERVED),
    }
    if (field.default !== undefined && this.context.submitted) this.defaults.push({ field, where })
    return field
  }

  private fieldDefault(json: Json | undefined, type: Parsed, where: Where): Json | undefined {
    // Avro Java reads a textual default of a float/double field as a Java double literal ("NaN", "1.5").
    if (typeof json !== 'string' || type instanceof Pending || (type.kind !== 'float' && type.kind !== 'double')) {
      return json
    }
    const text = json.trim()
    if (!JAVA_DOUBLE.test(text)) return this.fail(where, `default '${json}' is not a number`)
    return doubleNumber(Number(text.replace(/[fFdD]$/, '')))
  }

  private order(json: Json | undefined, where: Where): FieldOrder {
    if (json === undefined) return 'ascending'
    const order = textOf(json)?.toLowerCase()
    if (order === 'ascending' || order === 'descending' || order === 'ignore') return order
    return this.fail(where, `order must be ascending, descending or ignore, not ${writeJackson(json)}`)
  }

  private fieldAliases(json: JsonObject, where: Where): string[] {
    return [...new Set(this.aliasTexts(json, where))]
  }

  private aliases(json: JsonObject, name: Name, where: Where): Name[] {
    const byFull = new Map<string, Name>()
    for (const alias of this.aliasTexts(json, where)) {
      const aliasName = makeName(alias, name.space)
      const problem = nameProblem(aliasName.name, 'alias')
      if (problem !== undefined) this.fail(where, `'${name.full}' has an ${problem}`)
      if (!byFull.has(aliasName.full)) byFull.set(aliasName.full, aliasName)
    }
    return [...byFull.values()]
  }

  private aliasTexts(json: JsonObject, where: Where): string[] {
    const aliases = json.get('aliases')
    if (aliases === undefined) return []
    if (!isJsonArray(aliases)) return this.fail(where, "'aliases' must be an array")
    return aliases.map((alias) => textOf(alias) ?? this.fail(where, `alias ${writeJackson(alias)} is not a string`))
  }

  private enumeration(json: JsonObject, space: string | undefined, where: Where): EnumType {
    const name = this.name(json, space, where, 'enum')
    const symbolsJson = json.get('symbols')
    if (!isJsonArray(symbolsJson)) return this.fail(where, `enum '${name.full}' has no 'symbols' array`)
    const symbols = symbolsJson.map((symbol) => {
      const text = textOf(symbol)
      if (text === undefined) return this.fail(where, `enum '${name.full}' has a symbol that is not a string: ${writeJackson(symbol)}`)
      const problem = nameProblem(text, 'symbol')
      return problem === undefined ? text : this.fail(where, `enum '${name.full}' has an ${problem}`)
    })
    const seen = new Set<string>()
    for (const symbol of symbols) {
      if (seen.has(symbol)) this.fail(where, `enum '${name.full}' lists symbol '${symbol}' twice`)
      seen.add(symbol)
    }
    const enumDefault = textOf(json.get('default'))
    if (enumDefault !== undefined && !symbols.includes(enumDefault)) {
      this.fail(where, `enum '${name.full}': default '${enumDefault}' is not one of its symbols`)
    }
    const type: EnumType = {
      kind: 'enum',
      name,
      doc: textOf(json.get('doc')),
      symbols,
      default: enumDefault,
      aliases: this.aliases(json, name, where),
      props: props(json, ENUM_RESERVED),
    }
    this.register(type, where)
    return type
  }

  private fixed(json: JsonObject, space: string | undefined, where: Where): FixedType {
    const name = this.name(json, space, where, 'fixed')
    const size = integerOf(json.get('size'))
    if (size === undefined || size < 0n || size > BigInt(MAX_FIXED_SIZE)) {
      return this.fail(where, `fixed '${name.full}' needs a 'size' between 0 and ${MAX_FIXED_SIZE}`)
    }
    const type: FixedType = {
      kind: 'fixed',
      name,
      doc: textOf(json.get('doc')),
      size: Number(size),
      aliases: this.aliases(json, name, where),
      props: props(json, SCHEMA_RESERVED),
    }
    this.register(type, where)
    return type
  }

  private union(json: readonly Json[], space: string | undefined, where: Where): UnionType {
    const seen = new Set<string>()
    const branches = json.map((branchJson, index) => {
      const branchWhere = step(where, `union branch ${index}`)
      const branch = this.type(branchJson, space, branchWhere)
      if (!(branch instanceof Pending) && branch.kind === 'union') this.fail(branchWhere, 'a union cannot contain a union')
      // Avro Java keys union branches by full name (the type name for unnamed types): one branch per name.
      const key = branch instanceof Pending ? branch.full : isNamed(branch) ? branch.name.full : branch.kind
      if (seen.has(key)) this.fail(branchWhere, `the union already has a branch of type '${key}'`)
      seen.add(key)
      return branch as AvroType
    })
    return { kind: 'union', branches }
  }

  private name(json: JsonObject, space: string | undefined, where: Where, kind: string): Name {
    const written = textOf(json.get('name'))
    if (written === undefined) return this.fail(where, `${kind} has no 'name'`)
    const name = makeName(written, textOf(json.get('namespace')) ?? space)
    const problem = nameProblem(name.name, 'name') ?? fullNameProblem(name.full)
    if (problem !== undefined) this.fail(where, `${kind} has an ${problem}`)
    if (isPrimitiveTypeName(name.full)) this.fail(where, `the ${kind} name '${name.full}' is a primitive type name`)
    return name
  }

  private register(type: NamedType, where: Where): void {
    const first = this.context.types.get(type.name.full)
    if (first === undefined) this.context.types.set(type.name.full, type)
    else this.redefinitions.push({ first, again: type, where })
  }

  private required(json: JsonObject, key: string, where: Where, kind: string): Json {
    return json.get(key) ?? this.fail(where, `${kind} has no '${key}'`)
  }

  private resolve(pending: Pending): AvroType {
    return this.lookup(pending.full) ?? this.fail(pending.where, `unknown type '${pending.written}'`)
  }

  /** Replaces the Pending placeholders left in the tree by names used before their definition. */
  private patch(type: AvroType, visited: Set<AvroType>): void {
    if (visited.has(type)) return
    visited.add(type)
    const fix = (child: AvroType): AvroType => {
      const resolved = child instanceof Pending ? this.resolve(child) : child
      this.patch(resolved, visited)
      return resolved
    }
    switch (type.kind) {
      case 'record':
        for (const field of type.fields) (field as Mutable<Field>).type = fix(field.type)
        break
      case 'array':
        ;(type as Mutable<typeof type>).items = fix(type.items)
        break
      case 'map':
        ;(type as Mutable<typeof type>).values = fix(type.values)
        break
      case 'union':
        ;(type as Mutable<typeof type>).branches = type.branches.map(fix)
        break
    }
  }

  private fail(where: Where, what: string): never {
    const place = where.fieldPath === undefined ? 'schema root' : `field '${where.fieldPath}'`
    const inside = where.steps.length > 0 ? ` (${where.steps.join(', ')})` : ''
    throw invalidSchema(`${this.label === undefined ? '' : `${this.label}, `}${place}${inside}: ${what}`)
  }
}

const step = (where: Where, next: string): Where => ({ fieldPath: where.fieldPath, steps: [...where.steps, next] })

function props(json: JsonObject, reserved: ReadonlySet<string>): Props {
  const result = new Map<string, Json>()
  for (const [key, value] of json) if (!reserved.has(key)) result.set(key, value)
  return result
}

function describe(type: AvroType): string {
  return isNamed(type) ? `${type.kind} '${type.name.full}'` : type.kind
}

/**
 * The DoubleNode Avro Java makes of a textual default, as a number spelled with a fraction so that it stays a
 * double. NaN and the infinities keep JavaScript's spelling: never written as JSON numbers, Jackson quotes them.
 */
function doubleNumber(x: number): JsonNumber {
  const number = new JsonNumber(Object.is(x, -0) ? '-0.0' : String(x))
  return number.isIntegerLiteral() ? new JsonNumber(`${number.text}.0`) : number
}
