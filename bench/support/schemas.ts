// Schemas the benchmarks register and read.

/** A 10-field Avro record, the size of a typical event schema. */
export const BENCH_SCHEMA = JSON.stringify({
  type: 'record',
  name: 'Payment',
  namespace: 'bench',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'amount', type: 'double' },
    { name: 'currency', type: { type: 'enum', name: 'Currency', symbols: ['EUR', 'USD', 'GBP'] } },
    { name: 'createdAt', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'customer', type: 'string' },
    { name: 'items', type: { type: 'array', items: 'string' } },
    { name: 'attributes', type: { type: 'map', values: 'string' } },
    { name: 'note', type: ['null', 'string'], default: null },
    { name: 'count', type: 'int' },
    { name: 'paid', type: 'boolean' },
  ],
})

/** The n-th of many distinct Avro schemas. */
export const distinctSchema = (n: number): string =>
  JSON.stringify({ type: 'record', name: `Event${n}`, namespace: 'bench', fields: [{ name: 'id', type: 'long' }, { name: 'v', type: 'string' }] })
