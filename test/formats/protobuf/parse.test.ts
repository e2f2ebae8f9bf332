// Parsing Protobuf schemas: proto2 and proto3 text, imports through references and well-known files, and every
// rejection as a 42201 that says what and where.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { ApiError } from '../../../src/errors.ts'
import type { ReferencedSchema, SchemaReference } from '../../../src/formats/format.ts'
import { protobufFormat } from '../../../src/formats/protobuf/index.ts'
import { confluentTypes, fileText, lookupOf, referencesOf } from './fixtures.ts'
import type { FixtureReference } from './fixtures.ts'

const noReferences = (): undefined => undefined
const parse = (text: string, references: readonly FixtureReference[] = [], maxDepth?: number) =>
  protobufFormat.parse(text, referencesOf(references), lookupOf(references), { maxDepth })

/** Asserts a 42201 whose message matches `pattern`. */
function rejects(run: () => unknown, pattern: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof ApiError, String(error))
    assert.equal(error.errorCode, 42201)
    assert.equal(error.status, 422)
    assert.match(error.message, pattern)
    return true
  })
}

describe('accepted schemas', () => {
  test('a proto3 schema with maps, oneofs, optional fields, nested types and a service', () => {
    const schema = parse(`syntax = "proto3";
      package shop.v1;
      message Order {
        string id = 1;
        map<string, Line> lines = 2;
        optional int32 priority = 3;
        oneof payment { string card = 4; Voucher voucher = 5; }
        message Line { int64 quantity = 1; }
        message Voucher { string code = 1; }
      }
      service Orders { rpc Place (Order) returns (stream Order); }`)
    assert.equal(schema.schemaType, 'PROTOBUF')
    assert.equal(schema.file.packageName, 'shop.v1')
    assert.deepEqual(schema.file.types.map((t) => t.name), ['Order'])
    assert.equal(schema.root.lookupType('shop.v1.Order').fields.priority.options?.proto3_optional, true)
  })

  test('a proto2 schema with labels, defaults, extensions and an extend block', () => {
    const schema = parse(`syntax = "proto2";
      message Money {
        required int64 units = 1;
        optional string currency = 2 [default = "EUR"];
        repeated int32 history = 3 [packed = true];
        extensions 100 to max;
      }
      extend Money { optional string note = 100; }`)
    const money = schema.file.types[0]
    assert.equal(money.kind, 'message')
    assert.deepEqual(money.kind === 'message' && money.fields.map((f) => [f.label, f.name, f.defaultValue]), [
      ['required', 'units', undefined],
      ['optional', 'currency', 'EUR'],
      ['repeated', 'history', undefined],
    ])
    assert.equal(schema.root.lookupType('Money').fields.currency.defaultValue, 'EUR')
  })

  test('a file without a syntax statement is proto2', () => {
    assert.equal(parse('message M { optional string a = 1; }').file.syntax, undefined)
  })

  test('well-known files resolve without references', () => {
    const wellKnown = ['timestamp', 'any', 'duration', 'struct', 'wrappers', 'empty', 'field_mask', 'descriptor']
    const schema = parse(`syntax = "proto3";
      ${wellKnown.map((name) => `import "google/protobuf/${name}.proto";`).join('\n')}
      message Everything {
        google.protobuf.Timestamp at = 1;
        google.protobuf.Any any = 2;
        google.protobuf.Duration took = 3;
        google.protobuf.Struct struct = 4;
        google.protobuf.Int64Value count = 5;
        google.protobuf.Empty nothing = 6;
        google.protobuf.FieldMask mask = 7;
        google.protobuf.FileDescriptorProto file = 8;
        google.protobuf.NullValue null_value = 9;
      }`)
    assert.deepEqual([...schema.dependencies.values()].map((d) => [d.name, d.builtIn]), wellKnown.map((name) => [`google/protobuf/${name}.proto`, true]))
  })

  test("Confluent's confluent/meta.proto and confluent/type/decimal.proto resolve without references, as its clients expect", () => {
    const schema = parse(`syntax = "proto3";
      import "confluent/meta.proto";
      import "confluent/type/decimal.proto";
      message Price {
        confluent.type.Decimal amount = 1 [(confluent.field_meta).params = { key: "precision", value: "8" }];
      }`)
    assert.deepEqual([...schema.dependencies.keys()], ['google/protobuf/descriptor.proto', 'confluent/meta.proto', 'confluent/type/decimal.proto'])
    assert.equal(schema.root.lookupType('Price').fields.amount.resolvedType?.fullName, '.confluent.type.Decimal')
  })

  test('imports resolve through references, and a referenced schema through its own references', () => {
    const references: FixtureReference[] = [
      { name: 'shop/money.proto', subject: 'money', version: 2, schema: 'syntax = "proto3";\npackage shop;\nimport "shop/currency.proto";\nmessage Money {\n  int64 cents = 1;\n  Currency currency = 2;\n}\n' },
      { name: 'shop/currency.proto', subject: 'currency', version: 1, schema: 'syntax = "proto3";\npackage shop;\nenum Currency {\n  EUR = 0;\n}\n' },
    ]
    const lookup = (reference: SchemaReference): ReferencedSchema | undefined =>
      reference.subject === 'money'
        ? { schemaType: 'PROTOBUF', schema: references[0].schema as string, references: referencesOf([references[1]]) }
        : reference.subject === 'currency'
          ? { schemaType: 'PROTOBUF', schema: references[1].schema as string, references: [] }
          : undefined
    const schema = protobufFormat.parse(
      'syntax = "proto3";\nimport "shop/money.proto";\nmessage Order {\n  shop.Money total = 1;\n  shop.Currency paid_in = 2;\n}\n',
      referencesOf([references[0]]),
      lookup,
    )
    assert.deepEqual([...schema.dependencies.keys()], ['shop/currency.proto', 'shop/money.proto'])
    assert.deepEqual(schema.dependencies.get('shop/money.proto')?.reference, { name: 'shop/money.proto', subject: 'money', version: 2 })
    assert.equal(schema.dependencies.get('shop/currency.proto')?.reference, undefined)
    assert.equal(schema.root.lookupType('Order').fields.total.resolvedType?.fullName, '.shop.Money')
  })

  test("Confluent's .proto resources parse, with their imports registered as references", () => {
    for (const name of ['NestedTestProto.proto', 'NestedNoMapTestProto.proto', 'TestProto.proto', 'TestProto2.proto']) parse(fileText(name))
    const both = [
      { name: 'TestProto.proto', subject: 'test1', version: 1, file: 'TestProto.proto' },
      { name: 'TestProto2.proto', subject: 'test2', version: 1, file: 'TestProto2.proto' },
    ]
    const same = parse(fileText('SameMessageName.proto'), both)
    assert.deepEqual(Object.keys(same.root.lookup('test3.TestMessage')?.toJSON().fields ?? {}), ['nested_message1', 'nested_message2'])
    const meta = [
      { name: 'google/protobuf/descriptor.proto', subject: 'descriptor', version: 1, file: 'protobufjs:google/protobuf/descriptor.proto' },
      ...Object.keys(confluentTypes.files).map((name) => ({ name, subject: name, version: 1, file: name })),
    ]
    for (const name of ['DecimalValue.proto', 'DecimalValue2.proto']) parse(fileText(name), meta)
  })

  test('a reference the schema does not import is allowed', () => {
    const extra = [{ name: 'unused.proto', subject: 'unused', version: 1, schema: 'syntax = "proto3";\nmessage U {\n  string u = 1;\n}\n' }]
    assert.equal(parse('syntax = "proto3";\nmessage M {\n  string a = 1;\n}\n', extra).dependencies.size, 0)
  })
})

describe('rejected schemas (42201)', () => {
  const syntaxErrors: [string, string, RegExp][] = [
    ['a missing semicolon', 'syntax = "proto3";\nmessage M {\n  string a = 1\n}\n', /^Invalid schema: line 4: expected ';' but found '}'$/],
    ['an illegal character', 'syntax = "proto3";\nmessage M {\n  string a = 1; $\n}\n', /^Invalid schema: line 3: illegal character '\$'$/],
    ['a field number that is not an integer', 'syntax = "proto3";\nmessage M {\n  int32 a = 8.01;\n}\n', /^Invalid schema: line 3: expected a field number but found '8.01'$/],
    ['a misspelled keyword', 'syntax = "proto3";\n\nmesage M {}\n', /^Invalid schema: line 3: expected a top-level declaration but found 'mesage'$/],
    ['an unterminated string', 'syntax = "proto3";\noption java_package = "a.b;\n', /^Invalid schema: line 2: unterminated string$/],
    ['an unterminated comment', 'syntax = "proto3";\n/* open\nmessage M {}\n', /^Invalid schema: line 2: unterminated comment$/],
    ['a schema cut short', 'syntax = "proto3";\nmessage M {\n  string a = 1;\n', /^Invalid schema: line 3: expected '}' but reached the end of the schema$/],
    ['an unknown syntax', 'syntax = "proto4";\n', /^Invalid schema: line 1: unsupported syntax "proto4"/],
    ['syntax after other statements', 'package p;\nsyntax = "proto3";\n', /^Invalid schema: line 2: 'syntax' must be the first statement/],
    ['a proto2 field without a label', 'syntax = "proto2";\nmessage M {\n  string a = 1;\n}\n', /^Invalid schema: line 3: field 'a' needs a label/],
    ['a required field in proto3', 'syntax = "proto3";\nmessage M {\n  required string a = 1;\n}\n', /^Invalid schema: line 3: required field 'a' is not allowed in proto3$/],
    ['a label inside a oneof', 'syntax = "proto3";\nmessage M {\n  oneof o {\n    optional string a = 1;\n  }\n}\n', /^Invalid schema: line 4: oneof field 'a' cannot have a label$/],
    ['a field number out of range', 'syntax = "proto3";\nmessage M {\n  string a = 0;\n}\n', /^Invalid schema: line 3: field number 0 of 'a' is outside 1 to 536870911$/],
    ['an editions file', 'edition = "2023";\n', /^Invalid schema: line 1: protobuf editions are not supported/],
    ['a proto2 group', 'syntax = "proto2";\nmessage M {\n  optional group G = 1 {\n    optional int32 a = 2;\n  }\n}\n', /^Invalid schema: line 3: proto2 groups are not supported$/],
  ]
  for (const [what, text, pattern] of syntaxErrors) test(`rejects ${what} with 42201 and the line`, () => rejects(() => parse(text), pattern))

  test('rejects an import that is neither a reference nor a well-known file', () => {
    rejects(() => parse('syntax = "proto3";\nimport "pkg/money.proto";\nmessage M {\n  string a = 1;\n}\n'), /import 'pkg\/money\.proto' is neither a schema reference nor a well-known file/)
  })

  test('rejects an unknown import of a referenced schema, naming the importer', () => {
    const references = [{ name: 'a.proto', subject: 'a', version: 1, schema: 'syntax = "proto3";\nimport "b.proto";\nmessage A {\n  string a = 1;\n}\n' }]
    rejects(() => parse('syntax = "proto3";\nimport "a.proto";\nmessage M {\n  A a = 1;\n}\n', references), /import 'b\.proto' \(imported by 'a\.proto'\)/)
  })

  test('rejects a reference the lookup cannot find', () => {
    rejects(
      () => protobufFormat.parse('syntax = "proto3";\nimport "a.proto";\n', [{ name: 'a.proto', subject: 'a', version: 3 }], noReferences),
      /reference 'a\.proto' \(subject 'a', version 3\) not found/,
    )
  })

  test('rejects a reference to a schema of another type', () => {
    const lookup = (): ReferencedSchema => ({ schemaType: 'AVRO', schema: '"string"', references: [] })
    rejects(() => protobufFormat.parse('syntax = "proto3";\nimport "a.proto";\n', [{ name: 'a.proto', subject: 'a', version: 1 }], lookup), /is a AVRO schema/)
  })

  test('rejects a referenced schema that does not parse, naming the reference and its line', () => {
    const references = [{ name: 'a.proto', subject: 'a', version: 1, schema: 'syntax = "proto3";\nmessage A {\n' }]
    rejects(() => parse('syntax = "proto3";\nimport "a.proto";\n', references), /^Invalid schema: reference 'a\.proto' \(subject 'a', version 1\): line 2: expected '}'/)
  })

  test('rejects a type that resolves nowhere, naming the field', () => {
    rejects(() => parse('syntax = "proto3";\npackage p;\nmessage M {\n  Missing m = 1;\n}\n'), /type 'Missing' of field 'p\.M\.m' is not defined in the schema or its imports/)
  })

  test('rejects what protobufjs cannot build, with its reason', () => {
    rejects(() => parse('syntax = "proto3";\nmessage M {\n  string a = 1;\n  string b = 1;\n}\n'), /duplicate id 1/)
    rejects(() => parse('syntax = "proto3";\nmessage M {\n  map<float, string> m = 1;\n}\n'), /float/)
  })

  test('rejects messages nested deeper than maxDepth', () => {
    const nested = (depth: number): string => (depth === 0 ? '' : `message M${depth} { ${nested(depth - 1)} }`)
    assert.doesNotThrow(() => parse(`syntax = "proto3";\n${nested(3)}`, [], 3))
    rejects(() => parse(`syntax = "proto3";\n${nested(4)}`, [], 3), /^Invalid schema: line 2: nesting is deeper than the limit of 3$/)
  })

  test('rejects option aggregates nested deeper than maxDepth', () => {
    rejects(() => parse('syntax = "proto3";\noption (x) = { a: { b: { c: 1 } } };\n', [], 2), /nesting is deeper than the limit of 2/)
  })

  test('rejects references nested deeper than maxDepth', () => {
    const chain = ['a', 'b', 'c'].map((n, i, all) => ({
      name: `${n}.proto`, subject: n, version: 1,
      schema: i + 1 < all.length ? `syntax = "proto3";\nimport "${all[i + 1]}.proto";\n` : 'syntax = "proto3";\n',
    }))
    assert.doesNotThrow(() => parse('syntax = "proto3";\nimport "a.proto";\n', chain, 3))
    rejects(() => parse('syntax = "proto3";\nimport "a.proto";\n', chain, 2), /reference 'c\.proto' .*: references are nested deeper than 2/)
  })

  test('reports the text error for input that is neither .proto text nor a descriptor', () => {
    rejects(() => parse('bm90IGEgZGVzY3JpcHRvcg=='), /^Invalid schema: line 1: expected a top-level declaration but found 'bm90IGEgZGVzY3JpcHRvcg'$/)
  })
})
