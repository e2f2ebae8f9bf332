// Followers send every write route (`config.write`) to the leader over HTTP and relay its answer unchanged
// (spec 5.5): same method, path, query and body, with the client's Content-Type, Accept, Authorization and
// X-Request-ID. Reads are answered locally. Unreachable leader → 50003; no leader → 50004.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { forwardingFailed, unknownLeader } from '../../errors.ts'
import { routeFlags } from '../http/route-flags.ts'
import type { ClusterRole } from './leadership.ts'
import { writeRefusal } from './leadership.ts'

export interface ForwardingOptions {
  /** This instance's role, waiting up to `waitMs` while an election or a claim is under way. */
  readonly settledRole: (waitMs: number) => Promise<ClusterRole>
  /** Longest a forwarded request may take, connecting included (Confluent's leader.read.timeout.ms). */
  readonly timeoutMs: number
  /** Longest a write waits for an election or a new leader's catch-up to finish. */
  readonly waitMs: number
}

const COPIED_HEADERS = ['content-type', 'accept', 'authorization', 'x-request-id'] as const
/** Marks a forwarded request: an instance that receives one and is not the leader answers 50004 rather than
 * forward it again, or two instances with different views of the group could pass it back and forth. */
const FORWARDED = 'x-schemaport-forwarded'

export function installForwarding(app: FastifyInstance, options: ForwardingOptions): void {
  app.addHook('preHandler', async (request, reply) => {
    if (!routeFlags(request).write) return
    const role = await options.settledRole(options.waitMs)
    switch (role.kind) {
      case 'leader':
        return
      case 'follower':
        if (request.headers[FORWARDED] !== undefined) throw unknownLeader()
        return relay(reply, await forward(request, role.leaderUrl, options.timeoutMs))
      default:
        throw writeRefusal(role)
    }
  })
}

interface LeaderAnswer {
  readonly status: number
  readonly contentType: string | null
  readonly body: Buffer
}

async function forward(request: FastifyRequest, leaderUrl: string, timeoutMs: number): Promise<LeaderAnswer> {
  const headers: Record<string, string> = { [FORWARDED]: '1' }
  for (const name of COPIED_HEADERS) {
    const value = request.headers[name]
    if (typeof value === 'string') headers[name] = value
  }
  try {
    const response = await fetch(`${leaderUrl}${request.url}`, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: AbortSignal.timeout(timeoutMs),
    })
    return { status: response.status, contentType: response.headers.get('content-type'), body: Buffer.from(await response.arrayBuffer()) }
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message
    throw forwardingFailed(`${request.method} ${leaderUrl}${request.url}: ${(error as Error).message}${cause ? ` (${cause})` : ''}`)
  }
}

/** Sends the leader's bytes as they are: a Buffer, so that fastify adds nothing (not even a charset). */
function relay(reply: FastifyReply, answer: LeaderAnswer): FastifyReply {
  reply.code(answer.status)
  if (answer.contentType !== null) reply.header('content-type', answer.contentType)
  return reply.send(answer.body)
}
