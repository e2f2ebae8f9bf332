// The package as a consumer gets it: tsconfig.build.json compiles the root module to JavaScript with type
// declarations, the JavaScript runs (a value round-trips against a registry), and a strict TypeScript consumer
// type-checks against the declarations. Built into a temporary directory, so `dist/` is left alone.

import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { registryServer } from '../support/registry.ts'
import type { RegistryServer } from '../support/registry.ts'

const run = promisify(execFile)
const root = fileURLToPath(new URL('../../', import.meta.url))
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')

let outDir: string
let registry: RegistryServer

before(async () => {
  // Inside node_modules, so the built files resolve the package's dependencies as an installed copy would.
  const cache = join(root, 'node_modules', '.cache')
  await mkdir(cache, { recursive: true })
  outDir = await mkdtemp(join(cache, 'schemaport-build-'))
  registry = await registryServer()
})

after(async () => {
  await registry.close()
  await rm(outDir, { recursive: true, force: true })
})

test('the build emits JavaScript and declarations that work for a consumer', async () => {
  await run(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', outDir], { cwd: root })
  assert.ok(existsSync(join(outDir, 'index.js')) && existsSync(join(outDir, 'index.d.ts')))

  const lib = await import(pathToFileURL(join(outDir, 'index.js')).href)
  const client = new lib.RegistryClient({ baseUrls: registry.url })
  const bytes = await new lib.AvroSerializer(client, { schema: '"string"' }).serialize('built', 'hello')
  assert.equal(lib.readSchemaId(bytes), 1)
  assert.equal(await new lib.AvroDeserializer(client).deserialize('built', bytes), 'hello')
  assert.throws(() => lib.readSchemaId(Buffer.from([1, 0, 0, 0, 1])), (error: unknown) => error instanceof lib.SerdeError)

  const consumer = join(outDir, 'consumer.ts')
  await writeFile(
    consumer,
    [
      "import { AvroSerializer, ProtobufDeserializer, RegistryClient, SerdeError, topicNameStrategy } from './index.js'",
      "import type { SerdeErrorReason, SubjectNameStrategy } from './index.js'",
      "const client = new RegistryClient({ baseUrls: ['http://localhost:8081'], bearerToken: () => 'token' })",
      "const serializer = new AvroSerializer(client, { schema: '\"string\"', longs: 'bigint', subjectNameStrategy: 'RecordName' })",
      'const strategy: SubjectNameStrategy = topicNameStrategy',
      "const reason: SerdeErrorReason = 'LONG_PRECISION'",
      'export const parts = [serializer.serialize, new ProtobufDeserializer(client, { withoutMessageIndexes: true }), strategy, reason, SerdeError]',
      'export const bytes: Promise<Buffer> = serializer.serialize("t", 1n)',
    ].join('\n'),
  )
  // --ignoreConfig: the repository's tsconfig.json above must not apply to this stand-alone consumer.
  const flags = ['--ignoreConfig', '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node']
  const wrong = join(outDir, 'wrong.ts')
  await writeFile(wrong, "import { RegistryClient } from './index.js'\nexport const c = new RegistryClient({ baseUrl: 'x' })\n")
  // One compiler run for both: the only errors must be the misspelt option of wrong.ts.
  await assert.rejects(run(process.execPath, [tsc, ...flags, consumer, wrong], { cwd: outDir }), (error: { stdout?: string }) => {
    const errors = (error.stdout ?? '').split('\n').filter((line) => / error TS\d+/.test(line))
    assert.equal(errors.length, 1, error.stdout)
    assert.match(errors[0], /^wrong\.ts.*'baseUrl' does not exist in type 'RegistryClientOptions'/)
    return true
  })
})
