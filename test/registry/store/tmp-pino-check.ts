import { pino } from 'pino'
import { FileLog } from '../../../src/registry/store/file/file-log.ts'
new FileLog({ dir: '/tmp/x', logger: pino() })
