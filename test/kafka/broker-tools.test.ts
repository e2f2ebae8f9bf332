// The broker scripts (scripts/kafka/) say in one sentence what is missing when Java or Maven is not there.
import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, test } from 'node:test'
import { ensureKafkaJars, KAFKA_VERSION } from '../../scripts/kafka/jars.ts'
import { findJava } from '../../scripts/kafka/java.ts'

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
})

test('names JAVA_HOME when the java it points at does not exist', async () => {
  process.env.JAVA_HOME = '/nonexistent/jdk'
  await assert.rejects(
    findJava(),
    /^Error: The Kafka broker needs Java 11 or newer \(17 recommended\), and there is no \/nonexistent\/jdk\/bin\/java \(from JAVA_HOME\)\. Install/,
  )
})

test('says that Maven is needed once, and where the jars go, when mvn is not on PATH', async () => {
  const cache = mkdtempSync(join(tmpdir(), 'schemaport-cache-'))
  process.env.XDG_CACHE_HOME = cache
  process.env.PATH = '/nonexistent'
  await assert.rejects(
    ensureKafkaJars(() => {}),
    new RegExp(`Maven \\(\`mvn\`\\) is needed once, to download the Kafka ${KAFKA_VERSION} broker jars into ${cache}/schemaport/kafka-${KAFKA_VERSION}/libs`),
  )
})
