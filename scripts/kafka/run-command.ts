// Runs a command (mvn, java, keytool) to its end, for the scripts that fetch and start the Kafka broker.
import { spawn } from 'node:child_process'

/** The exit code, and stdout and stderr as one text; rejects when the command cannot be started at all. */
export function runCommand(command: string, args: readonly string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, output }))
  })
}
