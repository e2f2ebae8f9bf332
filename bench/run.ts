// `npm run bench`: every benchmark, each printing its figure beside a baseline measured in the same run.

import { cpus } from 'node:os'
import * as compatLarge from './compat-large.bench.ts'
import * as getById from './get-by-id.bench.ts'
import * as jsonValidate from './json-validate.bench.ts'
import * as kafkaCatchUp from './kafka-catch-up.bench.ts'
import * as kafkaForwarding from './kafka-forwarding.bench.ts'
import * as register from './register.bench.ts'
import * as replay from './replay.bench.ts'
import * as serde from './serde.bench.ts'
import * as validate from './validate.bench.ts'

const benches: Record<string, { run(): Promise<string[]> }> = {
  'get-by-id': getById,
  register,
  replay,
  'kafka-catch-up': kafkaCatchUp,
  'kafka-forwarding': kafkaForwarding,
  'json-validate': jsonValidate,
  'compat-large': compatLarge,
  serde,
  validate,
}
const only = process.argv.slice(2)

console.log(`node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}, ${process.platform}/${process.arch}`)
for (const [name, bench] of Object.entries(benches)) {
  if (only.length > 0 && !only.includes(name)) continue
  for (const line of await bench.run()) console.log(`${name}: ${line}`)
}
