// The JSON document model the formats share: what JSON.parse would lose is kept, because Confluent stores a
// re-rendering of what Jackson read. Objects are Maps in document order (a repeated key keeps its first position
// and its last value, as Jackson's ObjectNode does), and a number keeps its spelling, from which Avro tells an
// IntNode from a DoubleNode and JSON Schema writes `1.0` and `0.50` back unchanged.

/** A JSON number as written in the document. */
export class JsonNumber {
  constructor(readonly text: string) {}

  /** Written without fraction or exponent: Jackson reads it as an integer node (Int, Long or BigInteger). */
  isIntegerLiteral(): boolean {
    return INTEGER.test(this.text)
  }

  /** The value of an integer literal, however large; a RangeError for any other spelling. */
  bigintValue(): bigint {
    if (!this.isIntegerLiteral()) throw new RangeError(`${this.text} is not an integer literal`)
    return BigInt(this.text)
  }

  /** The nearest double, as Jackson's `doubleValue()` (and JSON.parse) give it. */
  doubleValue(): number {
    return Number(this.text)
  }
}

const INTEGER = /^-?[0-9]+$/

export type JsonObject = ReadonlyMap<string, Json>
export type Json = null | boolean | string | JsonNumber | readonly Json[] | JsonObject

export const isJsonObject = (value: Json | undefined): value is JsonObject => value instanceof Map
export const isJsonArray = (value: Json | undefined): value is readonly Json[] => Array.isArray(value)

/** Text of a JSON string value, undefined for anything else (Jackson's `textValue()`). */
export const textOf = (value: Json | undefined): string | undefined => (typeof value === 'string' ? value : undefined)

/** Value of an integer literal, undefined for anything else (Jackson's `isIntegralNumber()`, then `bigIntegerValue()`). */
export const integerOf = (value: Json | undefined): bigint | undefined =>
  value instanceof JsonNumber && value.isIntegerLiteral() ? value.bigintValue() : undefined
