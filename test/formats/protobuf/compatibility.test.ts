// Confluent's Protobuf diff, case by case: every case of the restated upstream vectors (both files) must give
// the same differences (as a multiset) and verdict; then the upstream file pair, Karapace's fixtures, and the
// edges the vectors do not cover (direction, messages, recursion).

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { diffProtobufSchemas, protobufFormat } from '../../../src/formats/protobuf/index.ts'
import type { ProtobufSchema } from '../../../src/formats/protobuf/index.ts'
import { confluentCases, karapace, lookupOf, referencesOf, schemaText } from './fixtures.ts'
import type { FixtureReference } from './fixtures.ts'

const parse = (text: string, references: readonly FixtureReference[] = []): ProtobufSchema =>
  protobufFormat.parse(text, referencesOf(references), lookupOf(references))
const changes = (original: ProtobufSchema, update: ProtobufSchema): string[] =>
  diffProtobufSchemas(original, update).map((d) => `${d.type} ${d.path}`).sort()

describe('Confluent diff vectors (update <- original)', () => {
  for (const c of confluentCases.cases) {
    const name = `${c.upstream}${c.unreleased === true ? ' (unreleased oneof rework)' : ''}: ${c.description}`
    test(name, () => {
      const original = parse(schemaText(c.original), c.originalReferences)
      const update = parse(schemaText(c.update), c.updateReferences)
      assert.deepEqual(changes(original, update), [...c.changes].sort())
      assert.equal(protobufFormat.checkReadable(update, original).length === 0, c.compatible)
    })
  }
})

test('TestProto.proto -> TestProto2.proto reports the renamed field whose scalar kind changed (upstream checks containment)', () => {
  const found = changes(parse(schemaText({ file: 'TestProto.proto' })), parse(schemaText({ file: 'TestProto2.proto' })))
  assert.ok(found.includes('FIELD_NAME_CHANGED #/TestMessage/2'), found.join(', '))
  assert.ok(found.includes('FIELD_SCALAR_KIND_CHANGED #/TestMessage/2'), found.join(', '))
})

describe('Karapace fixtures', () => {
  const references = [{ name: karapace.dependencyImportPath, subject: 'nested-value', version: 1, schema: karapace.files['dependency.proto'] }]
  for (const fact of karapace.facts) {
    test(`${fact.reader} <- ${fact.writer} is ${fact.compatible ? 'compatible' : 'incompatible'}`, () => {
      const reader = parse(karapace.files[fact.reader], references)
      const writer = parse(karapace.files[fact.writer], references)
      const found = protobufFormat.checkReadable(reader, writer)
      assert.deepEqual(found.map((i) => `${i.type} ${i.path}`), fact.changes)
      assert.equal(found.length === 0, fact.compatible)
    })
  }
})

test('checkReadable diffs with the writer as the original: a field added on either side is compatible', () => {
  const small = parse('syntax = "proto3";\nmessage M {\n  string a = 1;\n}\n')
  const large = parse('syntax = "proto3";\nmessage M {\n  string a = 1;\n  int32 b = 2;\n}\n')
  assert.deepEqual(protobufFormat.checkReadable(large, small), [])
  assert.deepEqual(protobufFormat.checkReadable(small, large), [])
})

test('an added message is incompatible when the old schema reads (FORWARD): reported as MESSAGE_REMOVED with a sentence', () => {
  const v1 = parse('syntax = "proto3";\nmessage A {\n  string a = 1;\n}\n')
  const v2 = parse('syntax = "proto3";\nmessage A {\n  string a = 1;\n}\nmessage B {\n  string b = 1;\n}\n')
  assert.deepEqual(protobufFormat.checkReadable(v1, v2), [
    { type: 'MESSAGE_REMOVED', path: '#/B', message: "A message type was removed at '#/B'" },
  ])
})

test('incompatibilities keep the order the walk finds them and only incompatible types', () => {
  const writer = parse('syntax = "proto2";\nmessage M {\n  required string a = 1;\n  optional int32 b = 2;\n}\n')
  const reader = parse('syntax = "proto2";\nmessage M {\n  optional bytes b = 2;\n  optional string c = 3;\n}\n')
  assert.deepEqual(protobufFormat.checkReadable(reader, writer).map((i) => `${i.type} ${i.path}`), [
    'REQUIRED_FIELD_REMOVED #/M/1',
    'FIELD_SCALAR_KIND_CHANGED #/M/2',
  ])
})

test('a recursive message read by itself terminates with no differences', () => {
  const tree = 'syntax = "proto3";\nmessage Node {\n  repeated Node children = 1;\n  Leaf leaf = 2;\n  message Leaf {\n    Node parent = 1;\n  }\n}\n'
  assert.deepEqual(diffProtobufSchemas(parse(tree), parse(tree)), [])
})

test('a recursive message from two versions of a reference terminates: its own fields are not compared again inside it', () => {
  const v1 = 'syntax = "proto3";\npackage lib;\nmessage Node {\n  repeated Node children = 1;\n  int32 weight = 2;\n}\n'
  const v2 = 'syntax = "proto3";\npackage lib;\nmessage Node {\n  repeated Node children = 1;\n  string weight = 2;\n}\n'
  const schema = 'syntax = "proto3";\nimport "lib.proto";\nmessage Tree {\n  lib.Node root = 1;\n}\n'
  const original = parse(schema, [{ name: 'lib.proto', subject: 'lib', version: 1, schema: v1 }])
  const update = parse(schema, [{ name: 'lib.proto', subject: 'lib', version: 2, schema: v2 }])
  assert.deepEqual(changes(original, update), ['FIELD_NAMED_TYPE_CHANGED #/Tree/1', 'FIELD_SCALAR_KIND_CHANGED #/Node/2'])
})

test('types from the same subject and version are not compared again', () => {
  const lib = 'syntax = "proto3";\npackage lib;\nmessage Money {\n  int64 cents = 1;\n}\n'
  const reference = [{ name: 'lib.proto', subject: 'lib', version: 1, schema: lib }]
  const v1 = parse('syntax = "proto3";\nimport "lib.proto";\nmessage Order {\n  lib.Money total = 1;\n}\n', reference)
  const v2 = parse('syntax = "proto3";\nimport "lib.proto";\nmessage Order {\n  .lib.Money total = 1;\n}\n', reference)
  assert.deepEqual(diffProtobufSchemas(v1, v2), [])
})

test('enum-typed fields are scalars of the varint group', () => {
  const withEnum = parse('syntax = "proto3";\nmessage M {\n  E e = 1;\n  enum E {\n    A = 0;\n  }\n}\n')
  const withInt = parse('syntax = "proto3";\nmessage M {\n  uint64 e = 1;\n}\n')
  const withString = parse('syntax = "proto3";\nmessage M {\n  string e = 1;\n}\n')
  assert.deepEqual(changes(withEnum, withInt), ['ENUM_REMOVED #/M/E'])
  assert.deepEqual(changes(withEnum, withString), ['ENUM_REMOVED #/M/E', 'FIELD_SCALAR_KIND_CHANGED #/M/1'])
})

test('well-known types are compared by name like any message type', () => {
  const v1 = parse('syntax = "proto3";\nimport "google/protobuf/timestamp.proto";\nmessage E {\n  google.protobuf.Timestamp at = 1;\n}\n')
  const v2 = parse('syntax = "proto3";\nimport "google/protobuf/duration.proto";\nmessage E {\n  google.protobuf.Duration at = 1;\n}\n')
  assert.deepEqual(changes(v1, v1), [])
  assert.deepEqual(changes(v1, v2), ['FIELD_NAMED_TYPE_CHANGED #/E/1'])
})
