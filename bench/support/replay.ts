// Opens a data dir in a fresh process and prints `READY <seconds> <rss bytes>`: either the whole registry
// (`registry`) or only the file log's replay (`log`, the baseline).

import { Registry } from '../../src/registry/registry.ts'
import { FileLog } from '../../src/registry/store/file/file-log.ts'

const [dir, mode] = process.argv.slice(2)
const start = performance.now()
const log = new FileLog({ dir, compactionMinRecords: Number.MAX_SAFE_INTEGER })
if (mode === 'registry') await Registry.open({ log })
else await log.open(() => {})
const seconds = (performance.now() - start) / 1000
global.gc?.()
process.stdout.write(`READY ${seconds} ${process.memoryUsage().rss}\n`)
process.on('SIGTERM', () => void log.close().then(() => process.exit(0)))
