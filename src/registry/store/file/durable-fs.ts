// The few file-system steps that make a write durable: write all bytes at an offset, fsync a directory.
import { constants, open } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'

/** Opens (creating if missing) a file for positional reads and writes; `truncate` empties it first. */
export function openReadWrite(path: string, truncate = false): Promise<FileHandle> {
  const flags = constants.O_RDWR | constants.O_CREAT | (truncate ? constants.O_TRUNC : 0)
  return open(path, flags, 0o644)
}

/** Writes every byte of buf at `position`; a short write is continued, not reported. */
export async function writeFully(fh: FileHandle, buf: Buffer, position: number): Promise<void> {
  let done = 0
  while (done < buf.length) {
    const { bytesWritten } = await fh.write(buf, done, buf.length - done, position + done)
    done += bytesWritten
  }
}

/** Makes the directory's entries (a created or renamed file) durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r')
  try {
    await fh.sync()
  } finally {
    await fh.close()
  }
}
