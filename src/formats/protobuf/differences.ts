// The differences Confluent's Protobuf diff reports (Difference.Type), which of them a reader tolerates
// (SchemaDiff.COMPATIBLE_CHANGES, compatibility.md 4.3), and a readable sentence for each.

export type DifferenceType =
  | 'PACKAGE_CHANGED'
  | 'MESSAGE_ADDED' | 'MESSAGE_REMOVED' | 'MESSAGE_MOVED'
  | 'ENUM_ADDED' | 'ENUM_REMOVED' | 'ENUM_CONST_ADDED' | 'ENUM_CONST_CHANGED' | 'ENUM_CONST_REMOVED'
  | 'FIELD_ADDED' | 'FIELD_REMOVED' | 'FIELD_NAME_CHANGED' | 'FIELD_KIND_CHANGED' | 'FIELD_SCALAR_KIND_CHANGED'
  | 'FIELD_NAMED_TYPE_CHANGED' | 'FIELD_NUMERIC_LABEL_CHANGED' | 'FIELD_STRING_OR_BYTES_LABEL_CHANGED'
  | 'REQUIRED_FIELD_ADDED' | 'REQUIRED_FIELD_REMOVED'
  | 'ONEOF_ADDED' | 'ONEOF_REMOVED' | 'ONEOF_FIELD_ADDED' | 'ONEOF_FIELD_REMOVED' | 'ONEOF_FIELD_MOVED_TO_TOP_LEVEL'
  | 'MULTIPLE_FIELDS_MOVED_TO_ONEOF' | 'FIELD_MOVED_TO_EXISTING_ONEOF'

/** One difference between the original (writer) and the update (reader); `path` like `#/Message/oneof/2`. */
export interface Difference {
  readonly type: DifferenceType
  readonly path: string
}

export const COMPATIBLE_CHANGES: ReadonlySet<DifferenceType> = new Set<DifferenceType>([
  'MESSAGE_ADDED', 'MESSAGE_MOVED', 'ENUM_ADDED', 'ENUM_REMOVED', 'ENUM_CONST_ADDED', 'ENUM_CONST_CHANGED', 'ENUM_CONST_REMOVED',
  'FIELD_ADDED', 'FIELD_REMOVED', 'FIELD_NAME_CHANGED', 'FIELD_STRING_OR_BYTES_LABEL_CHANGED',
  'ONEOF_ADDED', 'ONEOF_REMOVED', 'ONEOF_FIELD_ADDED', 'ONEOF_FIELD_MOVED_TO_TOP_LEVEL',
])

export const isCompatible = (difference: Difference): boolean => COMPATIBLE_CHANGES.has(difference.type)

const SENTENCES: Record<DifferenceType, string> = {
  PACKAGE_CHANGED: 'The package changed, so the full names of all types changed',
  MESSAGE_ADDED: 'A message type was added',
  MESSAGE_REMOVED: 'A message type was removed',
  MESSAGE_MOVED: 'A message type moved among its siblings (message indexes refer to the writer schema, so this is safe)',
  ENUM_ADDED: 'An enum type was added',
  ENUM_REMOVED: 'An enum type was removed',
  ENUM_CONST_ADDED: 'An enum constant was added',
  ENUM_CONST_CHANGED: 'An enum constant was renamed',
  ENUM_CONST_REMOVED: 'An enum constant was removed',
  FIELD_ADDED: 'A field was added',
  FIELD_REMOVED: 'A field was removed',
  FIELD_NAME_CHANGED: 'A field was renamed (the wire format only uses field numbers)',
  FIELD_KIND_CHANGED: 'A field changed kind (between scalar, message and map)',
  FIELD_SCALAR_KIND_CHANGED: 'A field changed to a scalar type with another wire encoding',
  FIELD_NAMED_TYPE_CHANGED: 'A field changed to a different or incompatible message type',
  FIELD_NUMERIC_LABEL_CHANGED: 'A numeric field changed its label (optional, required, repeated)',
  FIELD_STRING_OR_BYTES_LABEL_CHANGED: 'A string or bytes field changed its label (optional, required, repeated)',
  REQUIRED_FIELD_ADDED: 'A required field was added',
  REQUIRED_FIELD_REMOVED: 'A required field was removed',
  ONEOF_ADDED: 'A oneof was added',
  ONEOF_REMOVED: 'A oneof was removed',
  ONEOF_FIELD_ADDED: 'A field was added to a oneof',
  ONEOF_FIELD_REMOVED: 'A field was removed from a oneof',
  ONEOF_FIELD_MOVED_TO_TOP_LEVEL: 'A field moved out of its oneof to the top level',
  MULTIPLE_FIELDS_MOVED_TO_ONEOF: 'Several independent fields were moved into one oneof, making them mutually exclusive',
  FIELD_MOVED_TO_EXISTING_ONEOF: 'A field was moved into a oneof with fields it was independent of, making them mutually exclusive',
}

export const describeDifference = (difference: Difference): string => `${SENTENCES[difference.type]} at '${difference.path}'`
