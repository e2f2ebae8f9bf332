// A SchemaLog that appends only while this instance leads: the last line behind the forwarding hook, so a
// write decided just as leadership moved elsewhere fails with 50004 instead of reaching the log.
import { unknownLeader } from '../../errors.ts'
import type { LogRecord, LogStats, RecordListener, SchemaLog } from '../store/schema-log.ts'
import type { ClusterRole } from './leadership.ts'

export class LeaderOnlyLog implements SchemaLog {
  constructor(
    private readonly log: SchemaLog,
    private readonly role: () => ClusterRole,
  ) {}

  open(onRecord: RecordListener): Promise<void> {
    return this.log.open(onRecord)
  }

  append(records: readonly LogRecord[]): Promise<void> {
    if (this.role().kind !== 'leader') return Promise.reject(unknownLeader())
    return this.log.append(records)
  }

  stats(): LogStats {
    return this.log.stats()
  }

  close(): Promise<void> {
    return this.log.close()
  }
}
