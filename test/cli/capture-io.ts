// A CommandIo for in-process command runs: collects stdout and stderr, with a chosen environment and cwd.

import type { CommandIo } from '../../src/cli/command.ts'

export interface CapturedIo extends CommandIo {
  out(): string
  err(): string
}

export function captureIo(options: { env?: Record<string, string>; cwd?: string } = {}): CapturedIo {
  let out = ''
  let err = ''
  return {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    out: () => out,
    err: () => err,
  }
}
