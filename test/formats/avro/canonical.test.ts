// Canonical text: Avro Java's compact Schema.toString(), which Confluent stores, hashes and returns.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { avroFormat } from '../../../src/formats/avro/index.ts'

const canonical = (text: string) => avroFormat.parse(text, [], () => undefined).canonical

const cases: [string, string, string][] = [
  ['drops whitespace and orders record keys type, name, namespace, doc, fields, props, aliases',
    '{ "aliases": ["Old"], "fields": [], "x-owner": "team", "doc": "d", "namespace": "n", "name": "R", "type": "record" }',
    '{"type":"record","name":"R","namespace":"n","doc":"d","fields":[],"x-owner":"team","aliases":["Old"]}'],
  ['orders field keys name, type, doc, default, order, aliases, props',
    '{"type":"record","name":"R","fields":[{"x":1,"aliases":["b"],"order":"DESCENDING","default":0,"doc":"d","type":"int","name":"a"}]}',
    '{"type":"record","name":"R","fields":[{"name":"a","type":"int","doc":"d","default":0,"order":"descending","aliases":["b"],"x":1}]}'],
  ['leaves out an ascending order',
    '{"type":"record","name":"R","fields":[{"name":"a","type":"int","order":"ascending"}]}',
    '{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}'],
  ['orders enum keys type, name, namespace, doc, symbols, default, props, aliases',
    '{"aliases":["F"],"p":true,"default":"A","symbols":["A","B"],"doc":"d","name":"E","type":"enum"}',
    '{"type":"enum","name":"E","doc":"d","symbols":["A","B"],"default":"A","p":true,"aliases":["F"]}'],
  ['orders fixed keys type, name, namespace, doc, size, props, aliases, with the logical type among the props',
    '{"logicalType":"decimal","precision":8,"aliases":["G"],"size":4,"name":"F","type":"fixed"}',
    '{"type":"fixed","name":"F","size":4,"logicalType":"decimal","precision":8,"aliases":["G"]}'],
  ['writes a primitive without props as its name', '{"type":"int","doc":"ignored","name":"ignored"}', '"int"'],
  ['keeps a primitive’s props, logical type attributes included, in the order written',
    '{"scale":2,"type":"bytes","logicalType":"decimal","precision":4}', '{"type":"bytes","scale":2,"logicalType":"decimal","precision":4}'],
  ['keeps array and map props after items and values',
    '{"x":1,"type":"array","items":{"type":"map","y":2,"values":"long"}}', '{"type":"array","items":{"type":"map","values":"long","y":2},"x":1}'],
  ['keeps an unknown logical type as a plain prop', '{"type":"string","logicalType":"ulid"}', '{"type":"string","logicalType":"ulid"}'],
  ['omits a namespace equal to the enclosing one and writes one that differs',
    '{"type":"record","name":"n.R","fields":[{"name":"a","type":{"type":"fixed","name":"F","namespace":"n","size":1}},{"name":"b","type":{"type":"fixed","name":"m.G","size":1}}]}',
    '{"type":"record","name":"R","namespace":"n","fields":[{"name":"a","type":{"type":"fixed","name":"F","size":1}},{"name":"b","type":{"type":"fixed","name":"G","namespace":"m","size":1}}]}'],
  ['writes an empty namespace for a null-namespace type inside a namespaced one',
    '{"type":"record","name":"R","namespace":"n","fields":[{"name":"a","type":{"type":"fixed","name":"F","namespace":"","size":1}}]}',
    '{"type":"record","name":"R","namespace":"n","fields":[{"name":"a","type":{"type":"fixed","name":"F","namespace":"","size":1}}]}'],
  ['writes a named type in full once and then by its shortest correct name',
    '{"type":"record","name":"n.R","fields":[{"name":"a","type":{"type":"fixed","name":"F","size":1}},{"name":"b","type":"F"},{"name":"c","type":{"type":"record","name":"m.S","fields":[{"name":"d","type":"n.F"}]}},{"name":"e","type":["null","R"]}]}',
    '{"type":"record","name":"R","namespace":"n","fields":[{"name":"a","type":{"type":"fixed","name":"F","size":1}},{"name":"b","type":"F"},{"name":"c","type":{"type":"record","name":"S","namespace":"m","fields":[{"name":"d","type":"n.F"}]}},{"name":"e","type":["null","R"]}]}'],
  ['writes a name that is also a type keyword fully qualified',
    '{"type":"record","name":"a.record","fields":[{"name":"self","type":["null","a.record"]}]}',
    '{"type":"record","name":"record","namespace":"a","fields":[{"name":"self","type":["null","a.record"]}]}'],
  ['writes aliases relative to the type’s namespace and de-duplicates them',
    '{"type":"fixed","name":"n.F","size":1,"aliases":["G","n.G","m.H"]}', '{"type":"fixed","name":"F","namespace":"n","size":1,"aliases":["G","m.H"]}'],
  ['de-duplicates field aliases', '{"type":"record","name":"R","fields":[{"name":"a","type":"int","aliases":["b","b","c"]}]}',
    '{"type":"record","name":"R","fields":[{"name":"a","type":"int","aliases":["b","c"]}]}'],
  ['writes an error type as error', '{"type":"error","name":"Oops","fields":[]}', '{"type":"error","name":"Oops","fields":[]}'],
  ['prints integers as written and other numbers as Java doubles',
    '{"type":"record","name":"R","fields":[{"name":"a","type":"long","default":9223372036854775807},{"name":"b","type":"double","default":1.50},{"name":"c","type":"double","default":1e2},{"name":"d","type":"double","default":1.2e-7},{"name":"e","type":"double","default":-0.0}]}',
    '{"type":"record","name":"R","fields":[{"name":"a","type":"long","default":9223372036854775807},{"name":"b","type":"double","default":1.5},{"name":"c","type":"double","default":100.0},{"name":"d","type":"double","default":1.2E-7},{"name":"e","type":"double","default":-0.0}]}'],
  ['reads a float or double field’s textual default as a number',
    '{"type":"record","name":"R","fields":[{"name":"a","type":"float","default":"2"},{"name":"b","type":"double","default":"NaN"}]}',
    '{"type":"record","name":"R","fields":[{"name":"a","type":"float","default":2.0},{"name":"b","type":"double","default":"NaN"}]}'],
  ['escapes strings as Jackson does', '{"type":"enum","name":"E","doc":"tab\\there \\"q\\" \\u0001 / é","symbols":[]}',
    '{"type":"enum","name":"E","doc":"tab\\there \\"q\\" \\u0001 / é","symbols":[]}'],
  ['keeps the first position and the last value of a repeated key', '{"type":"fixed","x":1,"name":"F","size":1,"x":2}', '{"type":"fixed","name":"F","size":1,"x":2}'],
  ['ignores a doc or namespace that is not a string', '{"type":"record","name":"R","doc":5,"namespace":null,"fields":[]}', '{"type":"record","name":"R","fields":[]}'],
  ['keeps the empty union', '{"type":"record","name":"R","fields":[{"name":"a","type":[]}]}', '{"type":"record","name":"R","fields":[{"name":"a","type":[]}]}'],
  ['writes a type used before its definition in full at its first use',
    '{"type":"record","name":"R","fields":[{"name":"a","type":"F"},{"name":"b","type":{"type":"fixed","name":"F","size":2}}]}',
    '{"type":"record","name":"R","fields":[{"name":"a","type":{"type":"fixed","name":"F","size":2}},{"name":"b","type":"F"}]}'],
]

for (const [behaviour, input, expected] of cases) {
  test(`canonical text ${behaviour}`, () => {
    assert.equal(canonical(input), expected)
  })
}

test('canonical text is stable: parsing it again gives the same text', () => {
  for (const [, input] of cases) assert.equal(canonical(canonical(input)), canonical(input))
})
