// Schemas sent as base64 FileDescriptorProtos (what Confluent's non-Java serializers register) and the
// `serialized` rendering: a descriptor must get the same canonical text, so the same id, as its source.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import protobuf from 'protobufjs'
import descriptor from 'protobufjs/ext/descriptor.js'
import { ApiError } from '../../../src/errors.ts'
import type { ReferencedSchema } from '../../../src/formats/format.ts'
import { protobufFormat } from '../../../src/formats/protobuf/index.ts'

const source = `syntax = "proto3";
package shop.v1;

import "google/protobuf/timestamp.proto";

option java_package = "com.shop.v1";
option java_multiple_files = true;
option go_package = "shop/v1";

message Order {
  string order_id = 1;
  repeated Line lines = 2;
  map<string, Line> lines_by_sku = 3;
  optional int32 priority = 4;
  google.protobuf.Timestamp placed_at = 5;
  Status status = 6;

  oneof payment {
    string card = 7;
    Voucher voucher = 8;
  }

  message Line {
    string sku = 1;
    int64 quantity = 2 [json_name = "qty"];
  }
  message Voucher {
    string code = 1;
  }
}
enum Status {
  STATUS_UNKNOWN = 0;
  STATUS_PAID = 1;
}
`

const noReferences = (): undefined => undefined
const parse = (text: string) => protobufFormat.parse(text, [], noReferences)

/** The descriptor protobufjs builds from the source, with the file name and import list a compiler records. */
function protobufjsDescriptor(text: string, packageName: string, imports: string[]): string {
  const root = new protobuf.Root()
  protobuf.parse(text, root, { keepCase: true })
  for (const path of imports) root.addJSON(protobuf.common.get(path)?.nested ?? {})
  root.resolveAll()
  const file = root.toDescriptor('proto3').file.find((f) => f.package === packageName)
  assert.ok(file !== undefined)
  file.name = 'shop/v1/order.proto'
  file.dependency = imports
  return Buffer.from(descriptor.FileDescriptorProto.encode(file).finish()).toString('base64')
}

function decoded(base64: string): Record<string, unknown> {
  const message = descriptor.FileDescriptorProto.decode(Buffer.from(base64, 'base64'))
  return descriptor.FileDescriptorProto.toObject(message, { enums: String, defaults: false }) as Record<string, unknown>
}

describe('base64 FileDescriptorProto input', () => {
  test('a descriptor built by protobufjs gets the same canonical text as its source', () => {
    const fromText = parse(source)
    assert.equal(fromText.canonical, source)
    const fromDescriptor = parse(protobufjsDescriptor(source, 'shop.v1', ['google/protobuf/timestamp.proto']))
    assert.equal(fromDescriptor.canonical, fromText.canonical)
  })

  test('packed options where they mean nothing are dropped (protobufjs writes `packed: false` on every field before resolving)', () => {
    const text = 'syntax = "proto3";\npackage demo;\n\nmessage Ping {\n  string msg = 1;\n  int32 n = 2;\n  repeated int32 unpacked = 3 [packed = false];\n  repeated Ping children = 4;\n  map<string, string> labels = 5;\n}\n'
    const file = protobuf.parse(text, { keepCase: true }).root.toDescriptor('proto3').file[0]
    assert.equal(parse(Buffer.from(descriptor.FileDescriptorProto.encode(file).finish()).toString('base64')).canonical, text)
  })

  test('a proto2 descriptor as protoc writes it keeps labels, defaults and the default json names out', () => {
    const proto2 = 'syntax = "proto2";\npackage legacy;\n\nmessage Account {\n  required string account_id = 1;\n  optional int32 level = 2 [default = 3];\n  repeated string tags = 3;\n}\n'
    const file = descriptor.FileDescriptorProto.fromObject({
      name: 'legacy/account.proto',
      package: 'legacy',
      syntax: 'proto2',
      messageType: [{
        name: 'Account',
        field: [
          { name: 'account_id', number: 1, label: 'LABEL_REQUIRED', type: 'TYPE_STRING', jsonName: 'accountId' },
          { name: 'level', number: 2, label: 'LABEL_OPTIONAL', type: 'TYPE_INT32', defaultValue: '3', jsonName: 'level' },
          { name: 'tags', number: 3, label: 'LABEL_REPEATED', type: 'TYPE_STRING', jsonName: 'tags' },
        ],
      }],
    })
    assert.equal(parse(Buffer.from(descriptor.FileDescriptorProto.encode(file).finish()).toString('base64')).canonical, proto2)
  })

  test('a descriptor resolves its imports through references like text does', () => {
    const money = 'syntax = "proto3";\npackage lib;\nmessage Money {\n  int64 cents = 1;\n}\n'
    const lookup = (): ReferencedSchema => ({ schemaType: 'PROTOBUF', schema: money, references: [] })
    const references = [{ name: 'lib/money.proto', subject: 'money', version: 1 }]
    const text = 'syntax = "proto3";\npackage shop;\n\nimport "lib/money.proto";\n\nmessage Order {\n  lib.Money total = 1;\n}\n'
    const serialized = protobufFormat.render?.(protobufFormat.parse(text, references, lookup), 'serialized')
    assert.equal(protobufFormat.parse(serialized ?? '', references, lookup).canonical, text)
  })

  test('rejects an editions descriptor and a proto2 group with 42201', () => {
    const editions = Buffer.from(descriptor.FileDescriptorProto.encode({ name: 'e.proto', syntax: 'editions', edition: 1000 }).finish()).toString('base64')
    assert.throws(() => parse(editions), (e: unknown) => e instanceof ApiError && e.errorCode === 42201 && /editions are not supported/.test(e.message))
    const group = descriptor.FileDescriptorProto.fromObject({
      name: 'g.proto',
      messageType: [{ name: 'M', field: [{ name: 'g', number: 1, label: 'LABEL_OPTIONAL', type: 'TYPE_GROUP', typeName: '.M.G' }], nestedType: [{ name: 'G' }] }],
    })
    const groupText = Buffer.from(descriptor.FileDescriptorProto.encode(group).finish()).toString('base64')
    assert.throws(() => parse(groupText), (e: unknown) => e instanceof ApiError && /field 'g' is a proto2 group/.test(e.message))
  })
})

describe("render 'serialized'", () => {
  test('round-trips to the same canonical text', () => {
    const schema = parse(source)
    const serialized = protobufFormat.render?.(schema, 'serialized')
    assert.ok(serialized !== undefined)
    assert.equal(parse(serialized).canonical, schema.canonical)
  })

  test('writes fully qualified type names, protoc map entries and synthetic oneofs for proto3 optional', () => {
    const proto = decoded(protobufFormat.render?.(parse(source), 'serialized') ?? '')
    assert.equal(proto.name, 'default')
    assert.deepEqual(proto.dependency, ['google/protobuf/timestamp.proto'])
    const [order] = proto.messageType as { field: Record<string, unknown>[]; nestedType: { name: string; options?: unknown }[]; oneofDecl: { name: string }[] }[]
    const field = (name: string) => order.field.find((f) => f.name === name)
    assert.deepEqual(field('lines_by_sku'), { name: 'lines_by_sku', number: 3, label: 'LABEL_REPEATED', type: 'TYPE_MESSAGE', typeName: '.shop.v1.Order.LinesBySkuEntry' })
    assert.equal(field('placed_at')?.typeName, '.google.protobuf.Timestamp')
    assert.equal(field('status')?.type, 'TYPE_ENUM')
    assert.deepEqual([field('priority')?.proto3Optional, field('priority')?.oneofIndex], [true, 1])
    assert.deepEqual(order.oneofDecl.map((o) => o.name), ['payment', '_priority'])
    assert.deepEqual(order.nestedType.map((m) => [m.name, m.options]), [['Line', undefined], ['Voucher', undefined], ['LinesBySkuEntry', { mapEntry: true }]])
  })

  test('protobufjs can load the serialized descriptor', () => {
    const serialized = protobufFormat.render?.(parse('syntax = "proto3";\npackage p;\nmessage M {\n  map<string, int32> counts = 1;\n}\n'), 'serialized')
    const file = descriptor.FileDescriptorProto.decode(Buffer.from(serialized ?? '', 'base64'))
    const root = protobuf.Root.fromDescriptor(descriptor.FileDescriptorSet.encode({ file: [file] }).finish(), { keepCase: true })
    const type = root.lookupType('p.M')
    assert.deepEqual(type.toObject(type.decode(type.encode({ counts: { a: 1 } }).finish())), { counts: { a: 1 } })
  })

  test('other output formats are not Protobuf renderings', () => {
    assert.equal(protobufFormat.render?.(parse(source), 'resolved'), undefined)
  })
})
