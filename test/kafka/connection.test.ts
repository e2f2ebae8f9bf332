// The Kafka connection settings are checked when the client is built, naming the bad setting.
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { createKafka } from '../../src/kafka/connection.ts'
import type { KafkaConnectionConfig } from '../../src/kafka/connection.ts'

const rejects = (config: KafkaConnectionConfig, message: RegExp) =>
  assert.throws(() => createKafka(config), (error: unknown) => error instanceof TypeError && message.test(error.message))

test('builds a client for plaintext, SASL and TLS settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'schemaport-tls-'))
  const pem = join(dir, 'ca.pem')
  writeFileSync(pem, '-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n')
  for (const config of [
    { bootstrapServers: ['localhost:9092', 'kafka-2:9093'] },
    { bootstrapServers: ['localhost:9092'], sasl: { mechanism: 'scram-sha-512' as const, username: 'u', password: 'p' } },
    { bootstrapServers: ['localhost:9092'], tls: true },
    { bootstrapServers: ['localhost:9092'], tls: { caFile: pem, certFile: pem, keyFile: pem } },
  ]) {
    assert.equal(typeof createKafka(config).admin, 'function')
  }
})

test('rejects a bootstrap server that is not host:port, and an empty list', () => {
  rejects({ bootstrapServers: ['localhost'] }, /bootstrap server "localhost" is not host:port/)
  rejects({ bootstrapServers: ['localhost:99999'] }, /bootstrap server "localhost:99999" is not host:port/)
  rejects({ bootstrapServers: [] }, /bootstrapServers must list at least one host:port/)
})

test('rejects SASL without a password, and an unknown mechanism', () => {
  rejects({ bootstrapServers: ['k:9092'], sasl: { mechanism: 'plain', username: 'u', password: '' } }, /SASL plain needs a username and a password/)
  rejects({ bootstrapServers: ['k:9092'], sasl: { mechanism: 'gssapi' as 'plain', username: 'u', password: 'p' } }, /SASL mechanism must be one of plain/)
})

test('rejects a client certificate without its key, and a TLS file it cannot read', () => {
  rejects({ bootstrapServers: ['k:9092'], tls: { certFile: '/etc/hosts' } }, /needs its key/)
  rejects({ bootstrapServers: ['k:9092'], tls: { caFile: '/nonexistent/ca.pem' } }, /cannot read the TLS CA file \/nonexistent\/ca.pem: ENOENT/)
})

test('rejects timeouts that are not positive integers', () => {
  rejects({ bootstrapServers: ['k:9092'], requestTimeoutMs: 0 }, /requestTimeoutMs must be a positive integer, got 0/)
})
