// Canonical text (Confluent's printer) and normalization: what the registry stores and hashes, so the text
// must come out byte for byte the same for schemas Confluent considers the same.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { ReferencedSchema, SchemaReference } from '../../../src/formats/format.ts'
import { protobufFormat } from '../../../src/formats/protobuf/index.ts'
import { confluentCases, confluentTypes, fileText, lookupOf, referencesOf } from './fixtures.ts'

const canonical = (text: string, normalize = false): string => protobufFormat.parse(text, [], () => undefined, { normalize }).canonical

describe('canonical text', () => {
  test('drops comments and layout, puts syntax and package first, then imports, options and types', () => {
    const source = [
      '// a header comment',
      'syntax="proto3";   import "google/protobuf/timestamp.proto";',
      'package  shop.v1 ;',
      "option java_package='com.shop';",
      'message Event { /* inline */ google.protobuf.Timestamp at = 1; }',
    ].join('\n')
    assert.equal(canonical(source), [
      'syntax = "proto3";',
      'package shop.v1;',
      '',
      'import "google/protobuf/timestamp.proto";',
      '',
      'option java_package = "com.shop";',
      '',
      'message Event {',
      '  google.protobuf.Timestamp at = 1;',
      '}',
      '',
    ].join('\n'))
  })

  test('prints each part of a message in its section: reserved, options, fields, oneofs, nested messages, then nested enums', () => {
    const source = `syntax = "proto3";
      enum Status { UNKNOWN = 0; PAID = 1 [deprecated=true]; }
      message Order {
        option (shop.audit) = { level: HIGH, tags: ["a", "b"] };
        reserved 8, 10 to 12; reserved "legacy";
        message Line { string sku = 1; message Detail { string note = 1; } }
        oneof payment { string card = 4; string iban = 5; }
        string id = 1 [deprecated = true, json_name = "orderId"];
        map<string,Line> lines = 3;
        enum Kind { ONLINE = 0; }
        message Nothing {}
      }
      service Orders { rpc Get (Order) returns (stream Order) { option deprecated = true; } }`
    assert.equal(canonical(source), [
      'syntax = "proto3";',
      '',
      'message Order {',
      '  reserved 8, 10 to 12;',
      '  reserved "legacy";',
      '',
      '  option (shop.audit) = {',
      '    level: HIGH,',
      '    tags: [',
      '      "a",',
      '      "b"',
      '    ]',
      '  };',
      '',
      '  string id = 1 [',
      '    deprecated = true,',
      '    json_name = "orderId"',
      '  ];',
      '  map<string, Line> lines = 3;',
      '',
      '  oneof payment {',
      '    string card = 4;',
      '    string iban = 5;',
      '  }',
      '',
      '  message Line {',
      '    string sku = 1;',
      // Confluent indents a nested block line by line, so its blank lines carry the indentation.
      '  ',
      '    message Detail {',
      '      string note = 1;',
      '    }',
      '  }',
      '  message Nothing {}',
      '  enum Kind {',
      '    ONLINE = 0;',
      '  }',
      '}',
      'enum Status {',
      '  UNKNOWN = 0;',
      '  PAID = 1 [deprecated = true];',
      '}',
      '',
      'service Orders {',
      '  rpc Get (Order) returns (stream Order) {',
      '    option deprecated = true;',
      '  };',
      '}',
      '',
    ].join('\n'))
  })

  test('keeps type names, option values and number spellings as written', () => {
    const source = 'syntax = "proto3";\npackage p;\nmessage M {\n  .p.M.N n = 1 [(x) = { f: 1.0f, g: 0x10 }];\n  message N {\n    string s = 1;\n  }\n}\n'
    assert.equal(canonical(source), 'syntax = "proto3";\npackage p;\n\nmessage M {\n  .p.M.N n = 1 [(x) = {\n    f: 1.0f,\n    g: 0x10\n  }];\n\n  message N {\n    string s = 1;\n  }\n}\n')
  })

  test('escapes option strings as Confluent does, joins adjacent literals and merges a repeated aggregate key', () => {
    const source = 'syntax = "proto3";\noption (doc) = "tab\\tquote\\"" \'single\\\'\';\noption (m) = { k: 1 k: [2, 3] };\n'
    assert.equal(canonical(source), 'syntax = "proto3";\n\noption (doc) = "tab\\tquote\\"single\\\'";\noption (m) = {\n  k: [\n    1,\n    2,\n    3\n  ]\n};\n')
  })

  test('prints ranges, proto2 labels and defaults, extensions and extend blocks', () => {
    const source = 'syntax = "proto2";\nmessage M {\n  optional int32 a = 1 [default = -1];\n  optional string b = 2 [default = "x"];\n  reserved 5 to 5, 9 to 10;\n  extensions 100 to max;\n  extend M { optional int32 c = 100; }\n}\nextend M { repeated int32 d = 101; }\n'
    assert.equal(canonical(source), [
      'syntax = "proto2";',
      '',
      'message M {',
      '  reserved 5 to 5, 9 to 10;',
      '',
      '  optional int32 a = 1 [default = -1];',
      '  optional string b = 2 [default = "x"];',
      '',
      '  extensions 100 to max;',
      '',
      '  extend M {',
      '    optional int32 c = 100;',
      '  }',
      '}',
      '',
      'extend M {',
      '  repeated int32 d = 101;',
      '}',
      '',
    ].join('\n'))
  })

  test('the canonical text of every fixture .proto reads back to itself', () => {
    const references = [
      { name: 'google/protobuf/descriptor.proto', subject: 'descriptor', version: 1, file: 'protobufjs:google/protobuf/descriptor.proto' },
      ...Object.keys(confluentTypes.files).map((name) => ({ name, subject: name, version: 1, file: name })),
      { name: 'TestProto.proto', subject: 'test1', version: 1, file: 'TestProto.proto' },
      { name: 'TestProto2.proto', subject: 'test2', version: 1, file: 'TestProto2.proto' },
    ]
    const sources = [...Object.keys(confluentCases.files).map(fileText), ...Object.values(confluentTypes.files)]
    for (const source of sources) {
      const first = protobufFormat.parse(source, referencesOf(references), lookupOf(references)).canonical
      assert.equal(protobufFormat.parse(first, referencesOf(references), lookupOf(references)).canonical, first)
    }
  })
})

describe('normalization', () => {
  const lookup = (reference: SchemaReference): ReferencedSchema => ({
    schemaType: 'PROTOBUF',
    schema: `syntax = "proto3";\npackage ${reference.name.slice(0, 1)};\nmessage T {\n  string t = 1;\n}\n`,
    references: [],
  })
  const normalized = (text: string, references: SchemaReference[] = []) => protobufFormat.parse(text, references, lookup, { normalize: true })

  test('sorts imports, options, fields (also in oneofs), oneofs, enum constants and reserved ranges; qualifies type names', () => {
    const source = `syntax = "proto2";
      import "b.proto"; import "a.proto"; import "b.proto";
      package p;
      option java_package = "x";
      option deprecated = true;
      message M {
        optional N.Q q = 3;
        optional string s = 2 [json_name = "S", default = "d", deprecated = true];
        oneof o2 { int32 z = 9; int32 y = 8; }
        oneof o1 { int32 x = 7; }
        map<string, N> m = 1;
        reserved 5 to 6, 4, "b", "a";
        extensions 200 to 300, 100;
        message N { enum Q { B = 1; A = 1; Z = 0; option allow_alias = true; } }
      }`
    const references = ['b', 'a', 'b'].map((n) => ({ name: `${n}.proto`, subject: n, version: 1 }))
    const schema = normalized(source, references)
    assert.equal(schema.canonical, [
      // proto2 is the default, so normalization drops the statement
      'package p;',
      '',
      'import "a.proto";',
      'import "b.proto";',
      '',
      'option deprecated = true;',
      'option java_package = "x";',
      '',
      'message M {',
      '  reserved 4;',
      '  reserved 5 to 6;',
      '  reserved "a";',
      '  reserved "b";',
      '',
      '  map<string, .p.M.N> m = 1;',
      '  optional string s = 2 [',
      '    default = "d",',
      '    deprecated = true,',
      '    json_name = "S"',
      '  ];',
      '  optional .p.M.N.Q q = 3;',
      '',
      '  oneof o1 {',
      '    int32 x = 7;',
      '  }',
      '  oneof o2 {',
      '    int32 y = 8;',
      '    int32 z = 9;',
      '  }',
      '',
      '  extensions 100;',
      '  extensions 200 to 300;',
      '',
      '  message N {',
      '    enum Q {',
      '      option allow_alias = true;',
      '      Z = 0;',
      '      A = 1;',
      '      B = 1;',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n'))
    assert.deepEqual(schema.references, [{ name: 'a.proto', subject: 'a', version: 1 }, { name: 'b.proto', subject: 'b', version: 1 }])
  })

  test('reordered options, imports and fields give the same normalized text', () => {
    const one = 'syntax = "proto3";\npackage p;\nimport "a.proto";\nimport "b.proto";\noption java_package = "x";\noption go_package = "y";\nmessage M {\n  string a = 1;\n  int32 b = 2 [deprecated = true, packed = false];\n}\n'
    const two = 'syntax = "proto3";\npackage p;\nimport "b.proto";\nimport "a.proto";\noption go_package = "y";\noption java_package = "x";\nmessage M {\n  int32 b = 2 [packed = false, deprecated = true];\n  string a = 1;\n}\n'
    const references = [{ name: 'a.proto', subject: 'a', version: 1 }, { name: 'b.proto', subject: 'b', version: 1 }]
    assert.notEqual(protobufFormat.parse(one, references, lookup).canonical, protobufFormat.parse(two, references, lookup).canonical)
    assert.equal(normalized(one, references).canonical, normalized(two, [...references].reverse()).canonical)
  })

  test('keeps the order of messages, because message indexes depend on it', () => {
    const text = normalized('syntax = "proto3";\nmessage B {\n  string b = 1;\n}\nmessage A {\n  string a = 1;\n}\n').canonical
    assert.ok(text.indexOf('message B') < text.indexOf('message A'))
  })

  test('writes explicit map-entry messages as map fields and drops the entries', () => {
    const source = 'syntax = "proto3";\nmessage M {\n  repeated ItemsEntry items = 1;\n  message ItemsEntry {\n    option map_entry = true;\n    string key = 1;\n    V value = 2;\n  }\n  message V {\n    int32 v = 1;\n  }\n}\n'
    assert.equal(normalized(source).canonical, 'syntax = "proto3";\n\nmessage M {\n  map<string, .M.V> items = 1;\n\n  message V {\n    int32 v = 1;\n  }\n}\n')
  })

  test('resolves custom options to their extension, merges them into one aggregate and sorts its keys', () => {
    const source = `syntax = "proto3";
      package acme;
      import "google/protobuf/descriptor.proto";
      message Meta { string owner = 1; repeated string tags = 2; double weight = 3; }
      extend google.protobuf.FieldOptions { Meta meta = 50000; }
      message Event {
        string id = 1 [(meta).tags = "b", (meta).owner = "team", (meta) = { tags: ["a"], weight: 1.50f }];
      }`
    assert.equal(normalized(source).canonical, [
      'syntax = "proto3";',
      'package acme;',
      '',
      'import "google/protobuf/descriptor.proto";',
      '',
      'message Meta {',
      '  string owner = 1;',
      '  repeated string tags = 2;',
      '  double weight = 3;',
      '}',
      'message Event {',
      '  string id = 1 [(acme.meta) = {',
      '    owner: "team",',
      '    tags: [',
      '      "b",',
      '      "a"',
      '    ],',
      '    weight: 1.5',
      '  }];',
      '}',
      '',
      'extend .google.protobuf.FieldOptions {',
      '  .acme.Meta meta = 50000;',
      '}',
      '',
    ].join('\n'))
  })

  test('re-spells option numbers as Java prints them: integers in decimal, at most three decimals, half even', () => {
    const source = 'syntax = "proto3";\noption (n) = { a: 0x1F, b: 010, c: 10f, d: 1.0, e: -2.50, f: 0.0625, g: 1e3, h: 3.14159, i: inf, j: 12345678901234567890 };\n'
    assert.equal(
      normalized(source).canonical,
      'syntax = "proto3";\n\noption (n) = {\n  a: 31,\n  b: 8,\n  c: 10,\n  d: 1,\n  e: -2.5,\n  f: 0.062,\n  g: 1000,\n  h: 3.142,\n  i: inf,\n  j: 12345678901234567890\n};\n',
    )
  })

  test('normalizing a normalized schema changes nothing', () => {
    const once = normalized('syntax = "proto3";\npackage p;\nmessage M {\n  N b = 2;\n  string a = 1;\n  message N {}\n}\n').canonical
    assert.equal(normalized(once).canonical, once)
  })
})
