// Starts a benchmark helper script in its own node process and waits for its `READY` line.

import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export interface Started {
  readonly child: ChildProcess
  /** The words after READY. */
  readonly ready: string[]
}

export function startScript(script: string, args: string[] = []): Promise<Started> {
  const path = fileURLToPath(new URL(`../${script}`, import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', path, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const line = out.split('\n').find((l) => l.startsWith('READY'))
      if (line) resolve({ child, ready: line.split(' ').slice(1) })
    })
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)))
  })
}

export async function stop(started: Started): Promise<void> {
  const exited = new Promise((resolve) => started.child.once('exit', resolve))
  started.child.kill('SIGTERM')
  await exited
}
