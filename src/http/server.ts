// The shared fastify plumbing of schemaport's REST APIs: body parsing for Confluent's content types,
// Accept negotiation, one log line per request, and the one place where errors become responses.

import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import type { Logger } from 'pino'
import {
  ApiError,
  badRequest,
  internalError,
  methodNotAllowed,
  notAcceptable,
  payloadTooLarge,
  routeNotFound,
  unprocessable,
  unsupportedMediaType,
} from '../errors.ts'

export interface ServerOptions {
  /** The process's pino logger; false for none (tests). */
  readonly logger?: Logger | false
  /** Largest accepted request body in bytes (→ 413). */
  readonly bodyLimit?: number
}

/** Response media types in server preference order, with their server-side quality (spec 1.1). */
const RESPONSE_TYPES = [
  { type: 'application/vnd.schemaregistry.v1+json', q: 1 },
  { type: 'application/vnd.schemaregistry+json', q: 0.9 },
  { type: 'application/json', q: 0.5 },
] as const

/** Request body types read as JSON; a request without Content-Type counts as octet-stream. */
const JSON_BODY_TYPES = new Set([
  'application/vnd.schemaregistry.v1+json',
  'application/vnd.schemaregistry+json',
  'application/json',
  'application/octet-stream',
])

declare module 'fastify' {
  interface FastifyRequest {
    /** The negotiated response media type. */
    responseType: string
  }
}

export function createServer(options: ServerOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.logger || undefined,
    // Fastify's own two lines per request are replaced by the single line of the onResponse hook below.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? 16 * 1024 * 1024,
    // Subject names may contain any character, so the router must not reject long or odd segments.
    routerOptions: { maxParamLength: 64 * 1024, ignoreDuplicateSlashes: false },
  }) as unknown as FastifyInstance

  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    const type = mediaType(request.headers['content-type'])
    if (!JSON_BODY_TYPES.has(type)) return done(unsupportedMediaType())
    if ((body as string).length === 0) return done(null, undefined)
    try {
      done(null, JSON.parse(body as string))
    } catch (err) {
      done(badRequest(`Unrecognized token in JSON body: ${(err as Error).message}`))
    }
  })

  app.decorateRequest('responseType', RESPONSE_TYPES[0].type)
  app.addHook('onRequest', async (request, reply) => {
    // Routes with their own media type (Prometheus text on /metrics) do not take part in negotiation.
    if ((request.routeOptions.config as { ownMediaType?: boolean } | undefined)?.ownMediaType) return
    const type = negotiate(request.headers.accept)
    if (!type) {
      reply.type(RESPONSE_TYPES[0].type)
      throw notAcceptable()
    }
    request.responseType = type
    reply.type(type)
  })

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 100) / 100 },
      'request',
    )
  })

  app.setNotFoundHandler((request, reply) => sendError(request, reply, routeNotFound()))
  collectRoutes(app)
  app.setErrorHandler((error: FastifyError, request, reply) => sendError(request, reply, toApiError(error, request)))
  return app
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const
const servedRoutes = new WeakMap<FastifyInstance, Map<string, Set<string>>>()

function collectRoutes(app: FastifyInstance): void {
  const served = new Map<string, Set<string>>()
  servedRoutes.set(app, served)
  app.addHook('onRoute', (route) => {
    if ((route.config as { methodNotAllowed?: boolean } | undefined)?.methodNotAllowed) return
    const methods = served.get(route.url) ?? new Set<string>()
    for (const m of [route.method].flat()) methods.add(m)
    served.set(route.url, methods)
  })
}

/** Call after the last route: like Jersey, a known path asked with a method it does not serve answers 405,
 * not 404. These routes carry `config.methodNotAllowed` so route listings can leave them out. */
export function answerOtherMethodsWith405(app: FastifyInstance): void {
  for (const [url, methods] of servedRoutes.get(app) ?? []) {
    const missing = METHODS.filter((m) => !methods.has(m))
    if (missing.length === 0) continue
    app.route({
      method: missing,
      url,
      config: { methodNotAllowed: true },
      handler: async () => {
        throw methodNotAllowed()
      },
    })
  }
}

function sendError(request: FastifyRequest, reply: FastifyReply, error: ApiError): FastifyReply {
  return reply.status(error.status).type(request.responseType).send(error.toJSON())
}

/** Framework errors get their Confluent equivalents; anything unexpected is logged and answered as a bare 500. */
function toApiError(error: FastifyError, request: FastifyRequest): ApiError {
  if (error instanceof ApiError) return error
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return payloadTooLarge(request.routeOptions.bodyLimit ?? 0)
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return unsupportedMediaType()
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return unprocessable('Request body is missing')
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return badRequest(error.message)
  }
  if (error.statusCode === 400) return badRequest(error.message)
  request.log.error({ err: error }, 'unexpected error')
  return internalError()
}

function mediaType(header: string | undefined): string {
  if (!header) return 'application/octet-stream'
  return header.split(';')[0].trim().toLowerCase()
}

/** Picks the response type the client likes best (its q), breaking ties by server preference; undefined
 * when the client accepts none of them (→ 406). */
export function negotiate(accept: string | undefined): string | undefined {
  if (!accept || accept.trim() === '') return RESPONSE_TYPES[0].type
  const ranges = accept.split(',').map((part) => {
    const [range, ...params] = part.split(';').map((s) => s.trim().toLowerCase())
    const qParam = params.find((p) => p.startsWith('q='))
    const q = qParam ? Number(qParam.slice(2)) : 1
    return { range, q: Number.isFinite(q) ? q : 0 }
  })
  let best: { type: string; score: number } | undefined
  for (const candidate of RESPONSE_TYPES) {
    const q = clientQuality(ranges, candidate.type)
    if (q <= 0) continue
    const score = q * candidate.q
    if (!best || score > best.score) best = { type: candidate.type, score }
  }
  return best?.type
}

/** The q of the most specific range that matches `type`. */
function clientQuality(ranges: { range: string; q: number }[], type: string): number {
  const [major] = type.split('/')
  let specificity = -1
  let q = 0
  for (const r of ranges) {
    const s = r.range === type ? 2 : r.range === `${major}/*` ? 1 : r.range === '*/*' ? 0 : -1
    if (s > specificity) {
      specificity = s
      q = r.q
    }
  }
  return q
}
