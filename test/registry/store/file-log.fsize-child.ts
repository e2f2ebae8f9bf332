// Child process of file-log.test.ts: makes a FileLog write fail for real (RLIMIT_FSIZE, so the write is
// partial and then fails with EFBIG), then prints what it saw as JSON on stdout.
import { execFile } from 'node:child_process'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { FileLog } from '../../../src/registry/store/file/file-log.ts'
import type { ApiError } from '../../../src/errors.ts'

const dir = process.argv[2]
const log = new FileLog({ dir })
await log.open(() => {})
const first = { key: '{"keytype":"NOOP","magic":0}', value: 'first' }
const small = { key: 'k', value: 's' }
await log.append([first])
const sizeBefore = (await stat(join(dir, 'schemas.log'))).size
// Room for the small record only: node ignores SIGXFSZ, so a write past the limit fails with EFBIG.
await promisify(execFile)('prlimit', ['--pid', String(process.pid), `--fsize=${sizeBefore + 100}`])
const rejected = await log.append([first, { key: 'big', value: 'x'.repeat(10_000) }]).then(
  () => ({ errorCode: 0, message: 'resolved' }),
  (err: ApiError) => ({ errorCode: err.errorCode, message: err.message }),
)
const sizeAfter = (await stat(join(dir, 'schemas.log'))).size
await log.append([small])
await log.close()
process.stdout.write(JSON.stringify({ rejected, sizeBefore, sizeAfter, records: [first, small] }))
