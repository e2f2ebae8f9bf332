// Message indexes (the Protobuf part of Confluent's wire format) and the message types serializers use.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { messageIndexes, messageNameAt, messageType, protobufFormat } from '../../../src/formats/protobuf/index.ts'

const schema = protobufFormat.parse(
  `syntax = "proto3";
  package shop;
  enum Kind { A = 0; }
  message First { string a = 1; }
  message Second {
    enum Inner { X = 0; }
    message Alpha { string a = 1; }
    message Beta {
      message Deep { int32 d = 1; }
    }
  }`,
  [],
  () => undefined,
)

const table: [name: string, indexes: number[]][] = [
  ['shop.First', [0]],
  ['shop.Second', [1]],
  ['shop.Second.Alpha', [1, 0]],
  ['shop.Second.Beta', [1, 1]],
  ['shop.Second.Beta.Deep', [1, 1, 0]],
]

for (const [name, indexes] of table) {
  test(`${name} is at [${indexes.join(', ')}] (enums are not counted) and back`, () => {
    assert.deepEqual(messageIndexes(schema, name), indexes)
    assert.equal(messageNameAt(schema, indexes), name)
  })
}

test('names are accepted with a leading dot or without the package', () => {
  assert.deepEqual(messageIndexes(schema, '.shop.Second.Beta'), [1, 1])
  assert.deepEqual(messageIndexes(schema, 'Second.Beta'), [1, 1])
})

test('a name the schema does not declare throws a clear error', () => {
  assert.throws(() => messageIndexes(schema, 'shop.Kind'), /message 'shop\.Kind' is not declared in the schema/)
  assert.throws(() => messageIndexes(schema, 'shop.Second.Gamma'), /message 'shop\.Second\.Gamma' is not declared/)
})

test('a path the schema does not have throws a clear error', () => {
  assert.throws(() => messageNameAt(schema, [2]), /message indexes \[2\] do not name a message of the schema \(no message at index 2\)/)
  assert.throws(() => messageNameAt(schema, [1, 1, 1]), /no message at index 1/)
  assert.throws(() => messageNameAt(schema, []), /message indexes are empty/)
})

test('a schema without a package names its messages without one', () => {
  const plain = protobufFormat.parse('syntax = "proto3";\nmessage A {\n  message B {}\n}\n', [], () => undefined)
  assert.equal(messageNameAt(plain, [0, 0]), 'A.B')
  assert.deepEqual(messageIndexes(plain, 'A.B'), [0, 0])
})

test('messageType gives the protobufjs type, which encodes and decodes with the declared field names', () => {
  const deep = messageType(schema, 'shop.Second.Beta.Deep')
  assert.equal(deep.fullName, '.shop.Second.Beta.Deep')
  assert.deepEqual(deep.toObject(deep.decode(deep.encode({ d: 7 }).finish())), { d: 7 })
  assert.throws(() => messageType(schema, 'shop.Nope'), /not declared/)
})
