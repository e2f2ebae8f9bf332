// The payload value validators as tables: Avro JSON (plain and Avro's JSON encoding: unions, bytes and fixed,
// undeclared fields) and Protobuf's JSON mapping (names and JSON names, 64-bit integers, enums, maps, oneofs,
// required fields, well-known types), each invalid value with its path and reason.

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { avroFormat } from '../../../src/formats/avro/index.ts'
import { messageType, protobufFormat } from '../../../src/formats/protobuf/index.ts'
import type { AvroSchema } from '../../../src/formats/avro/index.ts'
import type { ProtobufSchema } from '../../../src/formats/protobuf/index.ts'
import { avroValidator } from '../../../src/cli/ci/avro-values.ts'
import { protobufValidator } from '../../../src/cli/ci/protobuf-values.ts'

const avro = avroFormat.parse(
  JSON.stringify({
    type: 'record',
    name: 'Event',
    fields: [
      { name: 'key', type: { type: 'fixed', name: 'Key', size: 2 } },
      { name: 'body', type: 'bytes' },
      { name: 'who', type: ['null', { type: 'record', name: 'Who', fields: [{ name: 'name', type: 'string' }] }], default: null },
      { name: 'count', type: ['int', 'string'], default: 0 },
      { name: 'tags', type: { type: 'map', values: 'long' }, default: {} },
    ],
  }),
  [],
  () => undefined,
) as AvroSchema

const AVRO_CASES: [string, 'plain' | 'avro-json', unknown, [string, string][]][] = [
  ['bytes and fixed as code points', 'plain', { key: '\u00ff\u0000', body: 'abc' }, []],
  ['a union record with an undeclared field', 'plain', { key: 'ab', body: '', who: { name: 'a', age: 3 } }, [['/who/age', 'field not declared in the schema']]],
  ['a fixed of the wrong size', 'plain', { key: 'abc', body: '' }, [['/key', 'expected 2 bytes (fixed Key), got "abc"']]],
  ['bytes beyond code point 255', 'plain', { key: 'ab', body: '\u0100' }, [['/body', 'expected bytes, got "Ā"']]],
  ['a union value of no branch', 'plain', { key: 'ab', body: '', count: true }, [['/count', 'expected one of int, string, got true']]],
  ['a map value of the wrong type', 'plain', { key: 'ab', body: '', tags: { a: 1, b: 'x' } }, [['/tags/b', 'expected long (an integer), got "x"']]],
  ['Avro JSON: wrapped unions', 'avro-json', { key: 'ab', body: '', who: { Who: { name: 'a' } }, count: { string: 'x' } }, []],
  ['Avro JSON: a wrapped value of the wrong type', 'avro-json', { key: 'ab', body: '', count: { int: 'x' } }, [['/count/int', 'expected int (a 32-bit integer), got "x"']]],
  ['Avro JSON: an undeclared field inside a wrapped union', 'avro-json', { key: 'ab', body: '', who: { Who: { name: 'a', x: 1 } } }, [['/who/Who/x', 'field not declared in the schema']]],
  ['a missing field without a default', 'plain', { key: 'ab' }, [['/body', 'missing; expected bytes']]],
]

for (const [name, style, value, expected] of AVRO_CASES) {
  test(`Avro: ${name}`, () => {
    assert.deepEqual(avroValidator(avro, style)(value).map((problem) => [problem.path, problem.reason]), expected)
  })
}

const proto = protobufFormat.parse(
  `syntax = "proto2";
package t;
import "google/protobuf/timestamp.proto";
import "google/protobuf/wrappers.proto";
message Event {
  required string event_id = 1;
  optional uint64 big = 2;
  map<int32, string> names = 3;
  oneof target { string user = 4; string group = 5; }
  optional google.protobuf.Timestamp at = 6;
  optional google.protobuf.Int32Value limit = 7;
  optional bytes blob = 8;
  repeated Kind kinds = 9;
  enum Kind { A = 0; B = 1; }
}`,
  [],
  () => undefined,
) as ProtobufSchema
const event = protobufValidator(messageType(proto, 't.Event'))

const PROTOBUF_CASES: [string, unknown, [string, string][]][] = [
  ['JSON names, 64-bit strings, int map keys, well-known types', { eventId: 'e', big: '18446744073709551615', names: { '7': 'x' }, at: '2024-01-31T12:00:00.5Z', limit: 3, blob: 'AAE=', kinds: ['B', 0] }, []],
  ['a missing required field', {}, [['/event_id', 'required field is missing']]],
  ['two members of a oneof', { event_id: 'e', user: 'u', group: 'g' }, [['/group', "oneof 'target' is already set by field 'user'"]]],
  ['a map key that is not an int32', { event_id: 'e', names: { x: 'a' } }, [['/names/x', 'map key: expected int32 (an integer), got "x"']]],
  ['a negative uint64', { event_id: 'e', big: -1 }, [['/big', '-1 is out of the range of uint64']]],
  ['a timestamp that is not RFC 3339', { event_id: 'e', at: 'yesterday' }, [['/at', 'expected google.protobuf.Timestamp (an RFC 3339 string such as "2024-01-31T12:00:00Z"), got "yesterday"']]],
  ['a wrapper of the wrong type', { event_id: 'e', limit: 'many' }, [['/limit', 'expected int32 (an integer, as a number or a string), got "many"']]],
  ['bytes that are not base64', { event_id: 'e', blob: 'no!' }, [['/blob', 'expected bytes (a base64 string), got "no!"']]],
  ['an unknown enum name in a repeated field', { event_id: 'e', kinds: ['A', 'C'] }, [['/kinds/1', 'expected a value of enum t.Event.Kind (A, B), got "C"']]],
  ['not an object', [1], [['', 'expected message t.Event (a JSON object), got [1]']]],
]

for (const [name, value, expected] of PROTOBUF_CASES) {
  test(`Protobuf: ${name}`, () => {
    assert.deepEqual(event(value).map((problem) => [problem.path, problem.reason]), expected)
  })
}
