// Makes one process (and one FileLog within it) the owner of a data directory, through `<dir>/LOCK`.
//
// The lock file is created with O_EXCL and holds the owner's pid. A lock whose pid is not alive is stale
// (its owner was SIGKILLed) and is taken over with a warning. So is a lock holding our own pid that this
// process does not hold: in a container the registry gets the same pid on every start.
// Limits: the pid check only works on one host (not a shared network directory), and a reused pid makes
// a stale lock look held; the error message says which file to remove then.
import { open, readFile, rename, unlink } from 'node:fs/promises'
import { join, resolve } from 'node:path'

export interface LockLogger {
  warn(obj: object | string, msg?: string): void
}

export interface DirLock {
  /** Removes the lock file. Idempotent. */
  release(): Promise<void>
}

/** Lock files held by this process, so a second FileLog on the same dir fails like a second process. */
const heldHere = new Set<string>()
const ATTEMPTS = 3

export async function lockDir(dir: string, logger: LockLogger): Promise<DirLock> {
  const path = join(resolve(dir), 'LOCK')
  if (heldHere.has(path)) throw lockedError(dir, path, process.pid)
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (await tryCreate(path)) {
      heldHere.add(path)
      return { release: () => release(path) }
    }
    const text = await readLock(path)
    if (text === undefined) continue // released meanwhile
    const pid = parsePid(text)
    if (pid !== undefined && pid !== process.pid && isAlive(pid)) throw lockedError(dir, path, pid)
    logger.warn({ lock: path, pid: pid ?? text }, `taking over the stale lock ${path} (its process is gone)`)
    await takeOver(path, text)
  }
  throw new Error(`could not lock the data directory ${dir}: ${path} keeps changing; is another process starting?`)
}

async function tryCreate(path: string): Promise<boolean> {
  let fh
  try {
    fh = await open(path, 'wx', 0o644)
  } catch (err) {
    if (errno(err) === 'EEXIST') return false
    throw err
  }
  try {
    await fh.writeFile(`${process.pid}\n`)
    await fh.datasync()
  } finally {
    await fh.close()
  }
  return true
}

async function readLock(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8')
  } catch (err) {
    if (errno(err) === 'ENOENT') return undefined
    throw err
  }
}

/**
 * Removes a stale lock whose content was `seen`. Two processes may take over the same stale lock at once:
 * the lock is first renamed aside (only one rename of it succeeds) and checked; if what was moved is not
 * the stale lock but a racer's fresh one, it is put back, and the next attempt finds it held.
 */
async function takeOver(path: string, seen: string): Promise<void> {
  const aside = `${path}.stale-${process.pid}`
  try {
    await rename(path, aside)
  } catch (err) {
    if (errno(err) === 'ENOENT') return
    throw err
  }
  if ((await readFile(aside, 'utf8')) === seen) await unlink(aside)
  else await rename(aside, path)
}

async function release(path: string): Promise<void> {
  if (!heldHere.delete(path)) return
  await unlink(path).catch((err: unknown) => {
    if (errno(err) !== 'ENOENT') throw err
  })
}

function parsePid(text: string): number | undefined {
  const trimmed = text.trim()
  if (!/^[1-9][0-9]*$/.test(trimmed)) return undefined
  return Number(trimmed)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return errno(err) === 'EPERM' // alive, owned by another user
  }
}

function lockedError(dir: string, path: string, pid: number): Error {
  return new Error(
    `the data directory ${dir} is locked by process ${pid}${pid === process.pid ? ' (this process)' : ''}: ` +
      `only one registry can use it at a time. If no such process is running, remove ${path}.`,
  )
}

const errno = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | undefined)?.code
