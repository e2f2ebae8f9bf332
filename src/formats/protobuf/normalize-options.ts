// Normalizes option lists as Confluent's normalizing printer does (FormatContext.filterOptions and the
// normalizing branches of its option formatting): custom option names resolved to the full name of their
// extension field and `(a).b = 1` turned into `(pkg.a) = { b: 1 }`; options sorted by name; the options of one
// non-repeated extension merged into one aggregate; aggregate keys sorted, empty lists dropped, one-item lists
// unwrapped below the top level; numbers re-spelled as Java's DecimalFormat prints them (`1.0f` -> `1`).

import type { OptionElement, OptionEntry, OptionValue } from './model.ts'
import type { Scope, SymbolTable } from './symbols.ts'

export function normalizeOptions(options: readonly OptionElement[], scope: Scope, table: SymbolTable): OptionElement[] {
  const qualified = options.map((option) => {
    const resolved = option.parenthesized ? table.resolveExtendField(option.name, scope) : undefined
    return resolved === undefined ? option : asAggregate({ ...option, name: resolved })
  })
  const sorted = [...qualified].sort((a, b) => compareStrings(a.name, b.name))
  const groups = new Map<string, OptionElement[]>()
  for (const option of sorted) groups.set(option.name, [...(groups.get(option.name) ?? []), option])
  const merged = [...groups].flatMap(([name, group]) => {
    const extension = table.extendField(name)
    return extension !== undefined && extension.field.label !== 'repeated' ? [group.reduce(merge)] : group
  })
  return merged.map((option) => normalizeOption(option, scope, table))
}

/** `(a).b.c = v` as the aggregate `(a) = { b: { c: v } }` (Confluent's transform). */
function asAggregate(option: OptionElement): OptionElement {
  if (option.value.kind !== 'option') return option
  const entry = (nested: OptionElement): OptionEntry => ({
    key: nested.name,
    value: nested.value.kind === 'option' ? { kind: 'map', entries: [entry(nested.value.option)] } : nested.value,
  })
  return { ...option, value: { kind: 'map', entries: [entry(option.value.option)] } }
}

/** Two settings of one extension: aggregates are merged key by key (values of a key given twice are
 * collected into a list without duplicates); otherwise the later one wins. */
function merge(existing: OptionElement, next: OptionElement): OptionElement {
  const replacement = asAggregate(next)
  if (existing.value.kind !== 'map' || replacement.value.kind !== 'map') return replacement
  const entries = [...existing.value.entries]
  for (const { key, value } of replacement.value.entries) {
    const index = entries.findIndex((e) => e.key === key)
    if (index < 0) {
      entries.push({ key, value })
      continue
    }
    const items: OptionValue[] = []
    for (const item of [...listItems(entries[index].value), ...listItems(value)]) if (!items.some((i) => sameValue(i, item))) items.push(item)
    entries[index] = { key, value: { kind: 'list', items } }
  }
  return { ...replacement, value: { kind: 'map', entries } }
}

const listItems = (value: OptionValue): readonly OptionValue[] => (value.kind === 'list' ? value.items : [value])

function sameValue(a: OptionValue, b: OptionValue): boolean {
  if (a.kind !== b.kind) return false
  if (a.kind === 'map' && b.kind === 'map') {
    return a.entries.length === b.entries.length && a.entries.every((e) => b.entries.some((f) => f.key === e.key && sameValue(e.value, f.value)))
  }
  if (a.kind === 'list' && b.kind === 'list') return a.items.length === b.items.length && a.items.every((item, i) => sameValue(item, b.items[i]))
  if (a.kind === 'option' && b.kind === 'option') return a.option.name === b.option.name && sameValue(a.option.value, b.option.value)
  return (a as { value: string }).value === (b as { value: string }).value
}

function normalizeOption(option: OptionElement, scope: Scope, table: SymbolTable): OptionElement {
  const { value } = option
  if (value.kind === 'list') return { ...option, value: { kind: 'list', items: value.items.map((item) => normalizeNested(item, scope, table)) } }
  return { ...option, value: normalizeNested(value, scope, table, false) }
}

/** A value inside an option; `unwrap` turns a one-item list into its item (not done for a top-level list). */
function normalizeNested(value: OptionValue, scope: Scope, table: SymbolTable, unwrap = true): OptionValue {
  switch (value.kind) {
    case 'number':
      return { kind: 'number', value: formatNumber(value.value) }
    case 'option':
      return { kind: 'option', option: normalizeOption(value.option, scope, table) }
    case 'list':
      if (unwrap && value.items.length === 1) return normalizeNested(value.items[0], scope, table)
      return { kind: 'list', items: value.items.map((item) => normalizeNested(item, scope, table)) }
    case 'map': {
      const entries = new Map<string, OptionValue>()
      for (const { key, value: entryValue } of value.entries) {
        if (entryValue.kind === 'list' && entryValue.items.length === 0) continue
        const extension = key.startsWith('[') && key.endsWith(']') ? table.resolveExtendField(key.slice(1, -1), scope) : undefined
        const name = extension === undefined ? key : `[${extension}]`
        if (!entries.has(name)) entries.set(name, normalizeNested(entryValue, scope, table))
      }
      const sorted = [...entries].sort(([a], [b]) => compareStrings(a, b))
      return { kind: 'map', entries: sorted.map(([key, entryValue]) => ({ key, value: entryValue })) }
    }
    default:
      return value
  }
}

/** Java's String order (UTF-16 code units), which JavaScript's relational operators share. */
const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * A number spelled as Confluent normalizes it: read as commons-lang NumberUtils.createNumber reads it (hex and
 * octal integers, `f`/`d`/`l` suffixes, decimals as float when a float shows the same digits), then printed by
 * a default java.text.DecimalFormat without grouping: no exponent, at most three decimals, half-even rounding.
 * Words such as `inf` and `nan` stay as written.
 */
function formatNumber(text: string): string {
  const integer = /^([+-]?)(0[xX][0-9a-fA-F]+|#[0-9a-fA-F]+|0[0-7]+|\d+)[lL]?$/.exec(text)
  if (integer !== null) {
    const digits = integer[2]
    const magnitude = /^0[xX]/.test(digits) ? BigInt(digits) : digits.startsWith('#') ? BigInt('0x' + digits.slice(1)) : /^0[0-7]+$/.test(digits) ? BigInt('0o' + digits.slice(1)) : BigInt(digits)
    return (integer[1] === '-' ? -magnitude : magnitude).toString()
  }
  const decimal = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)([fFdD]?)$/.exec(text)
  if (decimal === null) return text
  const double = Number(decimal[1])
  if (!Number.isFinite(double)) return text
  const suffix = decimal[2].toLowerCase()
  const asFloat = suffix === 'f' || (suffix === '' && Number(shortestFloat(double)) === double)
  return formatDecimal(asFloat ? Math.fround(double) : double)
}

/** The shortest decimal that reads back as the same float (what Java's Float.toString shows). */
function shortestFloat(value: number): string {
  const float = Math.fround(value)
  for (let precision = 1; precision < 10; precision++) {
    const candidate = float.toPrecision(precision)
    if (Math.fround(Number(candidate)) === float) return candidate
  }
  return String(float)
}

/** Exact half-even rounding of a double to three decimals, trailing zeros dropped. */
function formatDecimal(value: number): string {
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, value)
  const bits = view.getBigUint64(0)
  const negative = bits >> 63n === 1n
  const exponentBits = Number((bits >> 52n) & 0x7ffn)
  const fraction = bits & 0xfffffffffffffn
  const mantissa = exponentBits === 0 ? fraction : fraction | (1n << 52n)
  const exponent = (exponentBits === 0 ? 1 : exponentBits) - 1075
  let thousandths: bigint
  if (exponent >= 0) {
    thousandths = (mantissa << BigInt(exponent)) * 1000n
  } else {
    const denominator = 1n << BigInt(-exponent)
    const numerator = mantissa * 1000n
    thousandths = numerator / denominator
    const twice = (numerator % denominator) * 2n
    if (twice > denominator || (twice === denominator && thousandths % 2n === 1n)) thousandths += 1n
  }
  const whole = (thousandths / 1000n).toString()
  const decimals = (thousandths % 1000n).toString().padStart(3, '0').replace(/0+$/, '')
  return `${negative ? '-' : ''}${whole}${decimals === '' ? '' : '.' + decimals}`
}
