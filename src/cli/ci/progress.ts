// A progress bar on stderr for long validations: only on a terminal (never in CI logs or redirected output),
// only once more than a few thousand records have gone by, redrawn at most ten times a second.

import type { CommandIo } from '../command.ts'
import { isTerminal } from './terminal.ts'

/** Records after which the bar appears: small runs finish before a bar would help. */
export const PROGRESS_THRESHOLD = 5000
const REDRAW_MS = 100
const WIDTH = 30

export interface Progress {
  /** Bytes read from the payload files so far (the bar's measure). */
  bytes(count: number): void
  /** One record checked. */
  record(): void
  /** Clears the bar, before other output or at the end; it reappears with the next redraw. */
  clear(): void
}

const SILENT: Progress = { bytes() {}, record() {}, clear() {} }

export function progressBar(io: CommandIo, totalBytes: number): Progress {
  if (!isTerminal(io.stderr)) return SILENT
  let bytes = 0
  let records = 0
  let drawnAt = 0
  let drawn = false
  const draw = () => {
    const fraction = totalBytes === 0 ? 1 : Math.min(1, bytes / totalBytes)
    const filled = Math.round(fraction * WIDTH)
    const bar = `${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}`
    io.stderr.write(`\r[${bar}] ${(fraction * 100).toFixed(0).padStart(3)}% ${records.toLocaleString('en-US')} records`)
    drawn = true
  }
  return {
    bytes(count) {
      bytes += count
    },
    record() {
      records += 1
      // Reading the clock costs more than counting: look at it every 1024 records.
      if (records < PROGRESS_THRESHOLD || (records & 1023) !== 0) return
      const now = Date.now()
      if (now - drawnAt < REDRAW_MS) return
      drawnAt = now
      draw()
    },
    clear() {
      if (drawn) io.stderr.write('\r\u001b[K')
      drawn = false
    },
  }
}
