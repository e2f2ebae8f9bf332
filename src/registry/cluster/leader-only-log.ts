// A SchemaLog that appends only while this instance leads: the last line behind the forwarding hook, so a
// write decided just as leadership moved elsewhere fails with 50004 instead of reaching the log (or 50002 when
// this instance is claiming the writer again, after Kafka failed it).
import { unknownLeader } from '../../errors.ts'
import type { LogRecord, LogStats, RecordListener, SchemaLog } from '../store/schema-log.ts'
import type { ClusterRole } from './leadership.ts'
import { stillClaiming } from './leadership.ts'

export class LeaderOnlyLog implements SchemaLog {
  constructor(
    private readonly log: SchemaLog,
    private readonly role: () => ClusterRole,
  ) {}

  open(onRecord: RecordListener): Promise<void> {
    return this.log.open(onRecord)
  }

  append(records: readonly LogRecord[]): Promise<void> {
    const role = this.role().kind
    if (role === 'leader') return this.log.append(records)
    return Promise.reject(role === 'claiming' ? stillClaiming() : unknownLeader())
  }

  stats(): LogStats {
    return this.log.stats()
  }

  close(): Promise<void> {
    return this.log.close()
  }
}
