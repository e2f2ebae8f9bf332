// Reads option declarations and their values the way Wire's OptionReader does, because Confluent's canonical
// text prints Wire's reading of them: `(a).b.c = v` becomes nested option elements, text-format aggregates keep
// their key order, a key given twice is merged into one list, and scalars keep their spelling.

import { describe } from './token-stream.ts'
import type { TokenStream } from './token-stream.ts'
import { syntaxError } from './tokenizer.ts'
import type { OptionElement, OptionEntry, OptionValue } from './model.ts'

/** `option name = value;` after the `option` keyword. */
export function readOptionStatement(ts: TokenStream): OptionElement {
  const option = readOption(ts)
  ts.expect(';')
  return option
}

/** `[a = 1, (b).c = 2]`; empty when the next token is not `[`. */
export function readBracketOptions(ts: TokenStream): OptionElement[] {
  const options: OptionElement[] = []
  if (!ts.accept('[')) return options
  do options.push(readOption(ts))
  while (ts.accept(','))
  ts.expect(']')
  return options
}

function readOption(ts: TokenStream): OptionElement {
  const parenthesized = ts.accept('(')
  const name = parenthesized ? ts.typeName('an option name') : ts.fullIdent('an option name')
  if (parenthesized) ts.expect(')')
  const subNames: string[] = []
  while (ts.accept('.')) subNames.push(ts.ident('an option field name'))
  ts.expect('=')
  let value = readValue(ts)
  for (const subName of subNames.reverse()) value = { kind: 'option', option: { name: subName, parenthesized: false, value } }
  return { name, parenthesized, value }
}

function readValue(ts: TokenStream): OptionValue {
  const token = ts.peek()
  if (token === undefined) throw ts.error('expected an option value but reached the end of the schema')
  if (token.kind === 'string') return { kind: 'string', value: ts.string('a string') }
  if (token.kind === 'number') return { kind: 'number', value: ts.next('a number').text }
  if (ts.isNext('{')) return readAggregate(ts)
  if (ts.isNext('[')) return readList(ts)
  if (ts.accept('-')) {
    const operand = ts.next('a number')
    if (operand.kind !== 'number' && operand.kind !== 'ident') throw syntaxError(operand.line, `expected a number but found ${describe(operand)}`)
    return { kind: 'number', value: '-' + operand.text }
  }
  if (token.kind === 'ident') {
    const word = ts.fullIdent('an option value')
    return word === 'true' || word === 'false' ? { kind: 'boolean', value: word } : { kind: 'enum', value: word }
  }
  throw syntaxError(token.line, `expected an option value but found ${describe(token)}`)
}

function readList(ts: TokenStream): OptionValue {
  ts.expect('[')
  ts.enter()
  const items: OptionValue[] = []
  if (!ts.isNext(']')) {
    do items.push(readValue(ts))
    while (ts.accept(','))
  }
  ts.expect(']')
  ts.leave()
  return { kind: 'list', items }
}

/** A text-format message value `{ key: value ... }`; separators between entries are optional. */
function readAggregate(ts: TokenStream): OptionValue {
  ts.expect('{')
  ts.enter()
  const entries: OptionEntry[] = []
  while (!ts.closes()) {
    const key = ts.accept('[') ? `[${readExtensionName(ts)}]` : ts.fullIdent('a field name')
    // As in the text format, a message value may omit the colon.
    if (!ts.isNext('{') && !ts.isNext('[')) ts.expect(':')
    addEntry(entries, key, readValue(ts))
    if (!ts.accept(',')) ts.accept(';')
  }
  ts.leave()
  return { kind: 'map', entries }
}

function readExtensionName(ts: TokenStream): string {
  let name = ts.typeName('an extension name')
  while (ts.accept('/')) name += '/' + ts.fullIdent('a type name')
  ts.expect(']')
  return name
}

/** Wire merges a repeated key into one list, flattening list values. */
function addEntry(entries: OptionEntry[], key: string, value: OptionValue): void {
  const index = entries.findIndex((entry) => entry.key === key)
  if (index < 0) {
    entries.push({ key, value })
    return
  }
  const previous = entries[index].value
  const items = [...(previous.kind === 'list' ? previous.items : [previous]), ...(value.kind === 'list' ? value.items : [value])]
  entries[index] = { key, value: { kind: 'list', items } }
}
