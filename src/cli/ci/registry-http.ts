// The few registry REST calls the CI commands make (schemaport's or Confluent's API), over the serializers'
// transport (src/serde/transport.ts: credentials in the URL, retries on 5xx and network errors). An error answer
// becomes a RegistryError carrying the registry's status and error_code; no answer at all a CliError.

import type { SchemaReference, SchemaType } from '../../formats/format.ts'
import { SerdeError } from '../../serde/errors.ts'
import { Transport } from '../../serde/transport.ts'
import { CliError, EXIT_USAGE } from '../command.ts'

/** Per attempt: with the transport's two retries, an unresponsive registry holds a command about 30 s. */
const TIMEOUT_MS = 10_000

/** A registered schema as `GET /subjects/{s}/versions/{v}` returns it. */
export interface RegisteredSchema {
  readonly subject: string
  readonly version: number
  readonly id: number
  readonly schemaType: SchemaType
  readonly schema: string
  readonly references: readonly SchemaReference[]
}

/** The body of register, lookup and the compatibility test. */
export interface SchemaBody {
  readonly schemaType: SchemaType
  readonly schema: string
  readonly references: readonly SchemaReference[]
}

/** An error answer of the registry; the exit code is 2 unless the command decides otherwise. */
export class RegistryError extends CliError {
  constructor(
    readonly status: number,
    readonly errorCode: number,
    message: string,
  ) {
    super(message, EXIT_USAGE)
  }
}

export class RegistryHttp {
  private readonly transport: Transport

  /** `url` may carry `user:password@` for HTTP basic authentication. */
  constructor(url: string) {
    let protocol: string
    try {
      protocol = new URL(url).protocol
    } catch {
      throw new CliError(`--registry: '${url}' is not a URL`, EXIT_USAGE)
    }
    if (protocol !== 'http:' && protocol !== 'https:') {
      throw new CliError(`--registry: '${url}' is not an http or https URL`, EXIT_USAGE)
    }
    this.transport = new Transport({ baseUrls: url, timeoutMs: TIMEOUT_MS })
  }

  async subjectVersion(subject: string, version: number | 'latest'): Promise<RegisteredSchema> {
    const body = await this.call<Partial<RegisteredSchema>>('GET', `/subjects/${encodeURIComponent(subject)}/versions/${version}`)
    return {
      subject,
      version: body.version ?? 0,
      id: body.id ?? 0,
      schemaType: body.schemaType ?? 'AVRO',
      schema: body.schema ?? '',
      references: body.references ?? [],
    }
  }

  /** The live versions of a subject, oldest first; empty when the subject does not exist. */
  async versions(subject: string): Promise<number[]> {
    try {
      return await this.call<number[]>('GET', `/subjects/${encodeURIComponent(subject)}/versions`)
    } catch (error) {
      if (error instanceof RegistryError && error.errorCode === 40401) return []
      throw error
    }
  }

  /** The level that applies to the subject: its own, or the global one. */
  async compatibilityLevel(subject: string): Promise<string> {
    const body = await this.call<{ compatibilityLevel?: string }>('GET', `/config/${encodeURIComponent(subject)}?defaultToGlobal=true`)
    return body.compatibilityLevel ?? 'BACKWARD'
  }

  /** Checks against every live version at the subject's level, without registering (spec 3.17). */
  async testCompatibility(subject: string, schema: SchemaBody): Promise<{ compatible: boolean; messages: string[] }> {
    const body = await this.call<{ is_compatible: boolean; messages?: string[] }>(
      'POST',
      `/compatibility/subjects/${encodeURIComponent(subject)}/versions?verbose=true`,
      schema,
    )
    return { compatible: body.is_compatible, messages: body.messages ?? [] }
  }

  async register(subject: string, schema: SchemaBody): Promise<number> {
    const body = await this.call<{ id: number }>('POST', `/subjects/${encodeURIComponent(subject)}/versions`, schema)
    return body.id
  }

  /** The version of the subject that holds this schema (`POST /subjects/{s}`). */
  async lookup(subject: string, schema: SchemaBody): Promise<RegisteredSchema> {
    const body = await this.call<RegisteredSchema>('POST', `/subjects/${encodeURIComponent(subject)}`, schema)
    return { ...body, schemaType: body.schemaType ?? 'AVRO', references: body.references ?? [] }
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: SchemaBody): Promise<T> {
    try {
      return await this.transport.request<T>(method, path, body)
    } catch (error) {
      if (!(error instanceof SerdeError)) throw error
      if (error.reason === 'REGISTRY') throw new RegistryError(error.status ?? 0, error.errorCode ?? 0, error.message)
      throw new CliError(error.message, EXIT_USAGE)
    }
  }
}
