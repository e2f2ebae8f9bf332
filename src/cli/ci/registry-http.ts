// A small client for the few registry REST calls the CI commands make (schemaport's or Confluent's API): a
// refused connection, a timeout or an error answer becomes a CliError that names the call and, for an answer,
// the registry's own error_code and message.

import type { SchemaReference, SchemaType } from '../../formats/format.ts'
import { CliError, EXIT_USAGE } from '../command.ts'

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json'
const TIMEOUT_MS = 30_000

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
  private readonly base: string
  private readonly authorization: string | undefined

  /** `url` may carry `user:password@` for HTTP basic authentication. */
  constructor(url: string) {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      throw new CliError(`--registry: '${url}' is not a URL`, EXIT_USAGE)
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new CliError(`--registry: '${url}' is not an http or https URL`, EXIT_USAGE)
    }
    // fetch refuses URLs with credentials: move them into the header.
    this.authorization =
      parsed.username === ''
        ? undefined
        : `Basic ${Buffer.from(`${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`).toString('base64')}`
    parsed.username = ''
    parsed.password = ''
    this.base = parsed.href.replace(/\/+$/, '')
  }

  /** The registry URL without credentials, for messages. */
  get url(): string {
    return this.base
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
    const headers: Record<string, string> = { accept: CONTENT_TYPE }
    if (this.authorization !== undefined) headers.authorization = this.authorization
    if (body !== undefined) headers['content-type'] = CONTENT_TYPE
    const where = `${method} ${this.base}${path}`
    let response: Response
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      })
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause
      const reason = cause?.code ?? cause?.message ?? (error as Error).message
      throw new CliError(`cannot reach the registry (${where}): ${reason}`, EXIT_USAGE)
    }
    const text = await response.text()
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = undefined
    }
    if (!response.ok) {
      const error = (parsed ?? {}) as { error_code?: number; message?: string }
      const code = error.error_code ?? response.status
      throw new RegistryError(response.status, code, `registry error ${code}: ${error.message ?? text.slice(0, 200)} (${where})`)
    }
    if (parsed === undefined) throw new CliError(`the registry answered ${where} with a body that is not JSON`, EXIT_USAGE)
    return parsed as T
  }
}
