// A server for the HTTP benchmarks, run in its own process so the load generator does not share its CPU:
// `bare` is a fastify route answering a constant JSON body; `registry` is schemaport on a file log with
// one schema registered; `empty` is schemaport on an empty file log. Prints `READY <port>` when listening.

import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify from 'fastify'
import { buildRegistryApp } from '../../src/registry/http/app.ts'
import { Registry } from '../../src/registry/registry.ts'
import { decideRegister } from '../../src/registry/service.ts'
import { FileLog } from '../../src/registry/store/file/file-log.ts'
import { BENCH_SCHEMA } from './schemas.ts'

const mode = process.argv[2]

async function bare() {
  const app = Fastify()
  const body = { schema: BENCH_SCHEMA }
  app.get('/schemas/ids/:id', async () => body)
  return app
}

async function registry(withSchema: boolean) {
  const log = new FileLog({ dir: await mkdtemp(join(tmpdir(), 'schemaport-bench-')) })
  const reg = await Registry.open({ log })
  if (withSchema) {
    await reg.write((s) => decideRegister(s, 'bench-value', { schemaType: 'AVRO', schema: BENCH_SCHEMA, references: [] }, { normalize: false }))
  }
  return buildRegistryApp({ registry: reg, logger: false })
}

const app = mode === 'bare' ? await bare() : await registry(mode === 'registry')
await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
process.stdout.write(`READY ${typeof address === 'object' && address ? address.port : 0}\n`)
