// The record the serde benchmark writes and reads, in each format: the 10 fields of BENCH_SCHEMA (a typical
// event), as an Avro record, a JSON Schema object and a Protobuf message.

import { BENCH_SCHEMA } from './schemas.ts'

export const AVRO_SCHEMA = BENCH_SCHEMA

export const AVRO_VALUE = {
  id: 'pay-000123',
  amount: 129.95,
  currency: 'EUR',
  createdAt: 1_735_689_600_000,
  customer: 'customer-42',
  items: ['sku-1', 'sku-2', 'sku-3'],
  attributes: { channel: 'web', campaign: 'spring' },
  note: 'gift wrap',
  count: 3,
  paid: true,
}

export const JSON_SCHEMA = JSON.stringify({
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Payment',
  type: 'object',
  properties: {
    id: { type: 'string' },
    amount: { type: 'number' },
    currency: { enum: ['EUR', 'USD', 'GBP'] },
    createdAt: { type: 'integer' },
    customer: { type: 'string' },
    items: { type: 'array', items: { type: 'string' } },
    attributes: { type: 'object', additionalProperties: { type: 'string' } },
    note: { type: ['string', 'null'] },
    count: { type: 'integer' },
    paid: { type: 'boolean' },
  },
  required: ['id', 'amount', 'currency', 'createdAt', 'customer', 'items', 'attributes', 'count', 'paid'],
})

export const JSON_VALUE = AVRO_VALUE

export const PROTO_SCHEMA = `syntax = "proto3";
package bench;

message Payment {
  enum Currency {
    EUR = 0;
    USD = 1;
    GBP = 2;
  }
  string id = 1;
  double amount = 2;
  Currency currency = 3;
  int64 createdAt = 4;
  string customer = 5;
  repeated string items = 6;
  map<string, string> attributes = 7;
  string note = 8;
  int32 count = 9;
  bool paid = 10;
}
`

/** The message as written: enums and 64-bit ints as numbers, the form every protobufjs-based writer accepts as is. */
export const PROTO_INPUT = { ...AVRO_VALUE, currency: 0 }

/** The message as read back: longs as bigints, enums by name (our deserializer's default conversion). */
export const PROTO_VALUE = { ...AVRO_VALUE, createdAt: 1_735_689_600_000n }
