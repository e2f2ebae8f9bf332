// Parses .proto source (proto2 and proto3) into the Wire-like file model, keeping what Confluent's canonical
// text needs and protobufjs drops: statement order, type names as written, option values as written.
// Rejects with 42201 and the line: syntax errors, `edition` files and proto2 groups (not supported here).

import { MAX_TAG, formatMapType } from './model.ts'
import type {
  EnumConstantElement, EnumElement, ExtendElement, ExtensionsElement, FieldElement, Label, MessageElement, OneOfElement,
  OptionElement, OptionValue, ProtoFile, ReservedElement, RpcElement, ServiceElement, Syntax, TagRange, TypeElement,
} from './model.ts'
import { readBracketOptions, readOptionStatement } from './option-parser.ts'
import { TokenStream } from './token-stream.ts'
import { syntaxError } from './tokenizer.ts'

const LABELS: ReadonlySet<string> = new Set(['optional', 'required', 'repeated'])

/** Parses one .proto source; `maxDepth` bounds message and option-aggregate nesting. */
export function parseProto(source: string, maxDepth: number): ProtoFile {
  return new ProtoParser(new TokenStream(source, maxDepth)).file()
}

class ProtoParser {
  private syntax: Syntax | undefined

  constructor(private readonly ts: TokenStream) {}

  file(): ProtoFile {
    const { ts } = this
    let packageName: string | undefined
    const imports: string[] = []
    const publicImports: string[] = []
    const options: OptionElement[] = []
    const types: TypeElement[] = []
    const extendDeclarations: ExtendElement[] = []
    const services: ServiceElement[] = []
    let first = true
    while (!ts.atEnd()) {
      if (ts.accept(';')) continue
      const line = ts.line
      const keyword = ts.ident('a declaration')
      if (keyword === 'syntax') {
        if (!first) throw syntaxError(line, "'syntax' must be the first statement of the file")
        ts.expect('=')
        const syntax = ts.string('a syntax name')
        if (syntax !== 'proto2' && syntax !== 'proto3') throw syntaxError(line, `unsupported syntax "${syntax}" (expected "proto2" or "proto3")`)
        this.syntax = syntax
        ts.expect(';')
      } else if (keyword === 'edition') {
        throw syntaxError(line, 'protobuf editions are not supported; declare syntax = "proto2" or "proto3"')
      } else if (keyword === 'package') {
        if (packageName !== undefined) throw syntaxError(line, 'the package is declared twice')
        packageName = ts.fullIdent('a package name')
        ts.expect(';')
      } else if (keyword === 'import') {
        const isPublic = ts.accept('public')
        if (!isPublic) ts.accept('weak')
        ;(isPublic ? publicImports : imports).push(ts.string('an import path'))
        ts.expect(';')
      } else if (keyword === 'option') {
        options.push(readOptionStatement(ts))
      } else if (keyword === 'message') {
        types.push(this.message())
      } else if (keyword === 'enum') {
        types.push(this.enumeration())
      } else if (keyword === 'service') {
        services.push(this.service())
      } else if (keyword === 'extend') {
        extendDeclarations.push(this.extend())
      } else {
        throw this.unexpected(line, keyword, 'a top-level declaration')
      }
      first = false
    }
    return { syntax: this.syntax, packageName, imports, publicImports, options, types, extendDeclarations, services }
  }

  private message(): MessageElement {
    const { ts } = this
    const name = ts.ident('a message name')
    ts.expect('{')
    ts.enter()
    const options: OptionElement[] = []
    const reserveds: ReservedElement[] = []
    const fields: FieldElement[] = []
    const oneOfs: OneOfElement[] = []
    const extensions: ExtensionsElement[] = []
    const extendDeclarations: ExtendElement[] = []
    const nestedTypes: TypeElement[] = []
    while (!ts.closes()) {
      if (ts.accept(';')) continue
      if (this.declares('message')) nestedTypes.push(this.message())
      else if (this.declares('enum')) nestedTypes.push(this.enumeration())
      else if (this.declares('extend')) extendDeclarations.push(this.extend())
      else if (this.declares('oneof')) oneOfs.push(this.oneOf())
      else if (ts.accept('option')) options.push(readOptionStatement(ts))
      else if (ts.accept('reserved')) reserveds.push(this.reserved())
      else if (ts.accept('extensions')) extensions.push(this.extensions())
      else fields.push(this.field('message'))
    }
    ts.leave()
    return { kind: 'message', name, options, reserveds, fields, oneOfs, extensions, extendDeclarations, nestedTypes }
  }

  /** A keyword starting a declaration, not a field whose type happens to have that name (`message m = 1;`). */
  private declares(keyword: string): boolean {
    if (!this.ts.isNext(keyword) || this.ts.isNext('=', 2)) return false
    this.ts.next(keyword)
    return true
  }

  private oneOf(): OneOfElement {
    const { ts } = this
    const name = ts.ident('a oneof name')
    ts.expect('{')
    const fields: FieldElement[] = []
    const options: OptionElement[] = []
    while (!ts.closes()) {
      if (ts.accept(';')) continue
      if (ts.accept('option')) options.push(readOptionStatement(ts))
      else fields.push(this.field('oneof'))
    }
    return { name, fields, options }
  }

  private field(context: 'message' | 'oneof' | 'extend'): FieldElement {
    const { ts } = this
    const line = ts.line
    const first = ts.peek()
    // A label keyword, unless it is the type of a field (`optional x = 1;` declares a field of type optional).
    const label = first?.kind === 'ident' && LABELS.has(first.text) && !ts.isNext('=', 2) ? (ts.ident('a label') as Label) : undefined
    if (ts.isNext('group') && ts.peek(1)?.kind === 'ident' && ts.isNext('=', 2)) throw syntaxError(line, 'proto2 groups are not supported')
    let type: string
    if (ts.isNext('map') && ts.isNext('<', 1)) {
      ts.next('map')
      ts.expect('<')
      const keyType = ts.typeName('a map key type')
      ts.expect(',')
      const valueType = ts.typeName('a map value type')
      ts.expect('>')
      if (label !== undefined) throw syntaxError(line, 'a map field cannot have a label')
      type = formatMapType(keyType, valueType)
    } else {
      type = ts.typeName('a field type')
    }
    const name = ts.ident('a field name')
    ts.expect('=')
    const tag = ts.integer('a field number')
    if (tag < 1 || tag > MAX_TAG) throw syntaxError(line, `field number ${tag} of '${name}' is outside 1 to ${MAX_TAG}`)
    const options = readBracketOptions(ts)
    ts.expect(';')
    if (context === 'oneof' && label !== undefined) throw syntaxError(line, `oneof field '${name}' cannot have a label`)
    if (label === 'required' && this.syntax === 'proto3') throw syntaxError(line, `required field '${name}' is not allowed in proto3`)
    if (label === undefined && context !== 'oneof' && !type.startsWith('map<') && this.syntax !== 'proto3') {
      throw syntaxError(line, `field '${name}' needs a label (optional, required or repeated) in proto2`)
    }
    return { label, type, name, tag, ...takeSpecialOptions(options, line), options: options.filter(isOrdinary) }
  }

  private enumeration(): EnumElement {
    const { ts } = this
    const name = ts.ident('an enum name')
    ts.expect('{')
    const options: OptionElement[] = []
    const reserveds: ReservedElement[] = []
    const constants: EnumConstantElement[] = []
    while (!ts.closes()) {
      if (ts.accept(';')) continue
      if (ts.isNext('option') && !ts.isNext('=', 1)) {
        ts.next('option')
        options.push(readOptionStatement(ts))
      } else if (ts.isNext('reserved') && !ts.isNext('=', 1)) {
        ts.next('reserved')
        reserveds.push(this.reserved())
      } else {
        const constant = ts.ident('an enum constant')
        ts.expect('=')
        const tag = ts.integer('an enum number')
        const constantOptions = readBracketOptions(ts)
        ts.expect(';')
        constants.push({ name: constant, tag, options: constantOptions })
      }
    }
    return { kind: 'enum', name, options, reserveds, constants }
  }

  private reserved(): ReservedElement {
    const { ts } = this
    const values: (number | TagRange | string)[] = []
    do values.push(ts.peek()?.kind === 'string' ? ts.string('a reserved name') : this.range())
    while (ts.accept(','))
    ts.expect(';')
    return { values }
  }

  private extensions(): ExtensionsElement {
    const { ts } = this
    const values: (number | TagRange)[] = []
    do values.push(this.range())
    while (ts.accept(','))
    // Extension-range options (declarations) are accepted and dropped: Confluent's text does not print them.
    readBracketOptions(ts)
    ts.expect(';')
    return { values }
  }

  private range(): number | TagRange {
    const { ts } = this
    const start = ts.integer('a field number')
    if (!ts.accept('to')) return start
    const end = ts.accept('max') ? MAX_TAG : ts.integer('a field number or max')
    return { start, end }
  }

  private extend(): ExtendElement {
    const { ts } = this
    const name = ts.typeName('the name of the extended message')
    ts.expect('{')
    const fields: FieldElement[] = []
    while (!ts.closes()) {
      if (!ts.accept(';')) fields.push(this.field('extend'))
    }
    return { name, fields }
  }

  private service(): ServiceElement {
    const { ts } = this
    const name = ts.ident('a service name')
    ts.expect('{')
    const options: OptionElement[] = []
    const rpcs: RpcElement[] = []
    while (!ts.closes()) {
      if (ts.accept(';')) continue
      const line = ts.line
      const keyword = ts.ident("'rpc' or 'option'")
      if (keyword === 'option') options.push(readOptionStatement(ts))
      else if (keyword === 'rpc') rpcs.push(this.rpc())
      else throw this.unexpected(line, keyword, "'rpc' or 'option'")
    }
    return { name, options, rpcs }
  }

  private rpc(): RpcElement {
    const { ts } = this
    const name = ts.ident('an rpc name')
    const [requestStreaming, requestType] = this.rpcType()
    ts.expect('returns')
    const [responseStreaming, responseType] = this.rpcType()
    const options: OptionElement[] = []
    if (ts.accept('{')) {
      while (!ts.closes()) {
        if (ts.accept(';')) continue
        ts.expect('option')
        options.push(readOptionStatement(ts))
      }
    } else {
      ts.expect(';')
    }
    return { name, requestType, responseType, requestStreaming, responseStreaming, options }
  }

  private rpcType(): [boolean, string] {
    const { ts } = this
    ts.expect('(')
    const streaming = ts.isNext('stream') && !ts.isNext(')', 1) && ts.accept('stream')
    const type = ts.typeName('a message type')
    ts.expect(')')
    return [streaming, type]
  }

  private unexpected(line: number, word: string, what: string): Error {
    return syntaxError(line, `expected ${what} but found '${word}'`)
  }
}

const isSpecial = (option: OptionElement): boolean => !option.parenthesized && (option.name === 'default' || option.name === 'json_name')
const isOrdinary = (option: OptionElement): boolean => !isSpecial(option)

/** Wire takes `default` and `json_name` out of a field's options; Confluent prints them after the others. */
function takeSpecialOptions(
  options: readonly OptionElement[],
  line: number,
): { defaultValue: string | undefined; jsonName: string | undefined } {
  const scalar = (option: OptionElement | undefined): string | undefined => {
    if (option === undefined) return undefined
    const value: OptionValue = option.value
    if (value.kind === 'map' || value.kind === 'list' || value.kind === 'option') {
      throw syntaxError(line, `option '${option.name}' needs a single value`)
    }
    return value.value
  }
  return {
    defaultValue: scalar(options.find((o) => isSpecial(o) && o.name === 'default')),
    jsonName: scalar(options.find((o) => isSpecial(o) && o.name === 'json_name')),
  }
}
