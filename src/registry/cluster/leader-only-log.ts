// A SchemaLog that appends only while this instance leads: the last line behind the forwarding hook, so a
// write decided just as leadership moved elsewhere fails (50004, or 50002 while this instance may lead again in a
// moment) instead of reaching the log.
import type { LogRecord, LogStats, RecordListener, SchemaLog } from '../store/schema-log.ts'
import type { ClusterRole } from './leadership.ts'
import { writeRefusal } from './leadership.ts'

export class LeaderOnlyLog implements SchemaLog {
  constructor(
    private readonly log: SchemaLog,
    private readonly role: () => ClusterRole,
  ) {}

  open(onRecord: RecordListener): Promise<void> {
    return this.log.open(onRecord)
  }

  append(records: readonly LogRecord[]): Promise<void> {
    const role = this.role()
    if (role.kind === 'leader') return this.log.append(records)
    return Promise.reject(writeRefusal(role))
  }

  stats(): LogStats {
    return this.log.stats()
  }

  close(): Promise<void> {
    return this.log.close()
  }
}
