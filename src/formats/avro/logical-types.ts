// Which logical-type annotations Avro Java 1.12 accepts (LogicalTypes.fromSchemaIgnoreInvalid).
// Only normalization cares: Confluent writes a valid logical type's attributes first and the rest sorted, while an
// invalid annotation is just another prop. The compatibility check ignores logical types entirely.

import { integerOf, textOf } from '../json-document/value.ts'
import type { Json } from '../json-document/value.ts'
import type { FixedType, PrimitiveType } from './model.ts'

export interface LogicalType {
  readonly name: string
  /** Decimal only. */
  readonly precision?: number
  /** Decimal only; 0 when absent. */
  readonly scale?: number
}

// Props that Avro Java's LogicalType.validate refuses next to a logical type (Java-specific string/class hints).
const INCOMPATIBLE_PROPS = ['avro.java.string', 'java-class', 'java-key-class', 'java-element-class']

const UNDERLYING: Record<string, (type: PrimitiveType | FixedType) => boolean> = {
  'big-decimal': (type) => type.kind === 'bytes',
  uuid: (type) => type.kind === 'string' || (type.kind === 'fixed' && type.size === 16),
  duration: (type) => type.kind === 'fixed' && type.size === 12,
  date: (type) => type.kind === 'int',
  'time-millis': (type) => type.kind === 'int',
  'time-micros': (type) => type.kind === 'long',
  'timestamp-millis': (type) => type.kind === 'long',
  'timestamp-micros': (type) => type.kind === 'long',
  'timestamp-nanos': (type) => type.kind === 'long',
  'local-timestamp-millis': (type) => type.kind === 'long',
  'local-timestamp-micros': (type) => type.kind === 'long',
  'local-timestamp-nanos': (type) => type.kind === 'long',
}

/** The valid logical type of a primitive or fixed type, or undefined when it has none or Avro Java would ignore it. */
export function logicalTypeOf(type: PrimitiveType | FixedType): LogicalType | undefined {
  const name = textOf(type.props.get('logicalType'))
  if (name === undefined || INCOMPATIBLE_PROPS.some((prop) => textOf(type.props.get(prop)) !== undefined)) return undefined
  if (name === 'decimal') return decimal(type)
  return UNDERLYING[name]?.(type) ? { name } : undefined
}

function decimal(type: PrimitiveType | FixedType): LogicalType | undefined {
  if (type.kind !== 'bytes' && type.kind !== 'fixed') return undefined
  const precision = javaInt(type.props.get('precision'))
  const scale = type.props.has('scale') ? javaInt(type.props.get('scale')) : 0
  if (precision === undefined || scale === undefined || precision <= 0 || scale < 0 || scale > precision) return undefined
  // The most decimal digits a fixed of `size` bytes holds in two's complement, computed as Avro Java does.
  if (type.kind === 'fixed' && precision > Math.round(Math.floor(Math.log10(2) * (8 * type.size - 1)))) return undefined
  return { name: 'decimal', precision, scale }
}

/** The value of a prop Java reads as an Integer: an integer literal within the int range. */
function javaInt(value: Json | undefined): number | undefined {
  const integer = integerOf(value)
  return integer !== undefined && integer >= -(2n ** 31n) && integer < 2n ** 31n ? Number(integer) : undefined
}
