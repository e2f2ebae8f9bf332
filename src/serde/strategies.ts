// Subject name strategies: which subject a serializer registers and looks up a schema under, as Confluent's
// TopicNameStrategy, RecordNameStrategy and TopicRecordNameStrategy decide it, or as a caller's function does.

import { configError, invalidSchema } from './errors.ts'

/**
 * Turns a topic, the key/value mode and the record's full name (Avro record, JSON Schema `title`, Protobuf
 * message; undefined when the schema names none) into a subject.
 */
export type SubjectNameStrategy = (topic: string, isKey: boolean, recordName: string | undefined) => string

export type StrategyName = 'TopicName' | 'RecordName' | 'TopicRecordName'

/** `<topic>-key` or `<topic>-value`: the default, one schema lineage per topic. */
export const topicNameStrategy: SubjectNameStrategy = (topic, isKey) => `${topic}-${isKey ? 'key' : 'value'}`

/** The record's full name: one lineage per record type, shared by every topic. */
export const recordNameStrategy: SubjectNameStrategy = (_topic, _isKey, recordName) => requireName('RecordName', recordName)

/** `<topic>-<record full name>`: several record types per topic, one lineage each. */
export const topicRecordNameStrategy: SubjectNameStrategy = (topic, _isKey, recordName) =>
  `${topic}-${requireName('TopicRecordName', recordName)}`

const BY_NAME: Readonly<Record<StrategyName, SubjectNameStrategy>> = {
  TopicName: topicNameStrategy,
  RecordName: recordNameStrategy,
  TopicRecordName: topicRecordNameStrategy,
}

/** The strategy an option names; TopicName when unset. Throws CONFIG for an unknown name. */
export function subjectNameStrategy(option: StrategyName | SubjectNameStrategy | undefined): SubjectNameStrategy {
  if (option === undefined) return topicNameStrategy
  if (typeof option === 'function') return option
  const strategy = BY_NAME[option]
  if (strategy === undefined) {
    throw configError(`subjectNameStrategy: '${String(option)}' is not one of TopicName, RecordName, TopicRecordName or a function`)
  }
  return strategy
}

function requireName(strategy: StrategyName, recordName: string | undefined): string {
  if (recordName === undefined || recordName === '') {
    throw invalidSchema(
      `${strategy}Strategy needs a record name and none was found (an Avro record, a JSON Schema 'title', a Protobuf ` +
        `message); with useLatestVersion, also give 'schema' so that it names the record`,
    )
  }
  return recordName
}
