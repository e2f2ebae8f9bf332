// Resolves the broker's jars (org.apache.kafka:kafka_2.13 and its runtime dependencies, per pom.xml) with Maven
// into a cache folder outside the repository, once per machine. A lock file makes concurrent callers (two test
// files starting brokers at once) wait for one resolution instead of running Maven twice.
import { access, mkdir, open, readFile, rename, rm, unlink } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runCommand } from './run-command.ts'

/** The pinned broker version; README.md ("Kafka store") says why this one. */
export const KAFKA_VERSION = '3.9.1'

const POM = fileURLToPath(new URL('./pom.xml', import.meta.url))
const LOCK_WAIT_MS = 15 * 60_000
// Maven writes colour resets even in batch mode.
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g')

/** `$XDG_CACHE_HOME/schemaport`, by default `~/.cache/schemaport`. */
export function cacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'schemaport')
}

export function libsDir(): string {
  return join(cacheDir(), `kafka-${KAFKA_VERSION}`, 'libs')
}

/** Resolves with the folder holding the jars, running Maven first if they are not cached yet. */
export async function ensureKafkaJars(log: (line: string) => void = (line) => console.error(line)): Promise<string> {
  const libs = libsDir()
  if (await resolved(libs)) return libs
  await mkdir(dirname(libs), { recursive: true })
  const release = await lock(`${dirname(libs)}.lock`, () => resolved(libs))
  if (release === undefined) return libs
  try {
    if (!(await resolved(libs))) {
      log(`Resolving the Kafka ${KAFKA_VERSION} broker jars with Maven into ${libs} (first run only)…`)
      await resolveWithMaven(libs)
    }
  } finally {
    await release()
  }
  return libs
}

/** The folder appears by a rename once complete, so its existence says the resolution finished. */
async function resolved(libs: string): Promise<boolean> {
  return access(join(libs, `kafka_2.13-${KAFKA_VERSION}.jar`)).then(
    () => true,
    () => false,
  )
}

async function resolveWithMaven(libs: string): Promise<void> {
  const staging = `${libs}.tmp-${process.pid}`
  await rm(staging, { recursive: true, force: true })
  const args = [
    '-q',
    '-B',
    '-Dstyle.color=never',
    '-f',
    POM,
    `-Dkafka.version=${KAFKA_VERSION}`,
    '-DincludeScope=runtime',
    `-DoutputDirectory=${staging}`,
    'dependency:copy-dependencies',
  ]
  const { code, output } = await runCommand('mvn', args).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error
    throw new Error(
      `Maven (\`mvn\`) is needed once, to download the Kafka ${KAFKA_VERSION} broker jars into ${libs}, and it ` +
        'is not on PATH. Install it (for example `apt-get install maven`) and run again.',
    )
  })
  if (code !== 0) {
    await rm(staging, { recursive: true, force: true })
    const tail = output.replace(ANSI_COLOUR, '').trim().split('\n').slice(-40).join('\n')
    throw new Error(`Maven could not resolve org.apache.kafka:kafka_2.13:${KAFKA_VERSION} (exit code ${code}):\n${tail}`)
  }
  await rename(staging, libs)
}

/**
 * Takes the lock file (holding our pid), or waits while a live process holds it. Resolves with its release, or
 * with undefined when `done()` turned true while waiting (the holder did the work). A lock whose process is
 * gone (killed mid-resolution) is taken over.
 */
async function lock(file: string, done: () => Promise<boolean>): Promise<(() => Promise<void>) | undefined> {
  const deadline = Date.now() + LOCK_WAIT_MS
  for (;;) {
    try {
      const handle = await open(file, 'wx')
      await handle.writeFile(String(process.pid))
      await handle.close()
      return () => unlink(file).catch(() => undefined)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    if (await done()) return undefined
    const holder = Number(await readFile(file, 'utf8').catch(() => ''))
    if (Number.isInteger(holder) && holder > 0 && !alive(holder)) {
      await unlink(file).catch(() => undefined)
      continue
    }
    if (Date.now() > deadline) throw new Error(`waited ${LOCK_WAIT_MS / 60_000} min for ${file} (held by process ${holder})`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
