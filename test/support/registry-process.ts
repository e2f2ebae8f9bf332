// Runs `schemaport` as a real child process through bin/schemaport.js: for integration tests that need a
// socket, signals or a second process. startRegistryProcess waits for the URL the registry prints.

import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../../bin/schemaport.js', import.meta.url))
const LISTENING = /^schemaport registry listening on (http:\/\/\S+)$/m
const TIMEOUT_MS = 30_000

export interface RegistryProcessOptions {
  readonly dataDir: string
  /** Added after `registry --port 0 --host 127.0.0.1 --log-level warn --data-dir DIR`; a repeated flag wins. */
  readonly args?: readonly string[]
  /** Added to the parent's environment, from which every SCHEMAPORT_* variable is removed first. */
  readonly env?: Readonly<Record<string, string>>
}

export interface RegistryProcess {
  /** The URL the registry printed, e.g. `http://127.0.0.1:40123`. */
  readonly url: string
  readonly child: ChildProcess
  /** Sends `signal` (SIGTERM by default) unless the process already ended; resolves with its exit code,
   * null when a signal killed it. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
  /** Everything the process wrote to stdout and stderr so far, for assertion messages. */
  output(): string
}

export function startRegistryProcess(options: RegistryProcessOptions): Promise<RegistryProcess> {
  const args = ['registry', '--port', '0', '--host', '127.0.0.1', '--log-level', 'warn', '--data-dir', options.dataDir]
  const child = spawnSchemaport([...args, ...(options.args ?? [])], options.env)
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    return exited
  }

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the registry printed no URL within ${TIMEOUT_MS} ms; output:\n${output}`))
    }, TIMEOUT_MS)
    const onData = () => {
      const match = LISTENING.exec(output)
      if (match === null) return
      clearTimeout(timer)
      child.stdout!.off('data', onData)
      resolve({ url: match[1], child, stop, output: () => output })
    }
    child.stdout!.on('data', onData)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`the registry exited with code ${code} before printing its URL; output:\n${output}`))
    })
  })
}

/** Runs `schemaport ...args` to completion. */
export function runSchemaport(
  args: readonly string[],
  env?: Readonly<Record<string, string>>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnSchemaport(args, env)
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`schemaport ${args.join(' ')} did not end within ${TIMEOUT_MS} ms; stderr:\n${stderr}`))
    }, TIMEOUT_MS)
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

function spawnSchemaport(args: readonly string[], env: Readonly<Record<string, string>> = {}): ChildProcess {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SCHEMAPORT_')))
  return spawn(process.execPath, [BIN, ...args], { env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
}
