// Routes under /schemas: by id, its subjects and versions, listing and types (spec 3.11–3.14).

import type { FastifyInstance } from 'fastify'
import { schemaTypes } from '../../formats/index.ts'
import { contentView, listSchemas, paginate, schemaById, schemaView, versionsOfId } from '../queries.ts'
import type { Registry } from '../registry.ts'
import { flag, page, parseId, text, type Query } from './params.ts'
import { renderSchema } from './render.ts'

type IdParams = { Params: { id: string }; Querystring: Query }

export function schemasRoutes(app: FastifyInstance, registry: Registry): void {
  const svc = registry.service

  app.get<{ Querystring: Query }>('/schemas', async (req) => {
    const versions = listSchemas(svc, {
      prefix: text(req.query, 'subjectPrefix'),
      deleted: flag(req.query, 'deleted'),
      latestOnly: flag(req.query, 'latestOnly'),
    })
    return paginate(versions, page(req.query, 1000, 1000)).map((v) => schemaView(v))
  })

  app.get('/schemas/types', async () => schemaTypes())

  app.get<IdParams>('/schemas/ids/:id', async (req) => {
    const subject = text(req.query, 'subject')
    const content = schemaById(svc, parseId(req.params.id), subject)
    const view = contentView(content, renderSchema(svc, content, text(req.query, 'format')))
    if (flag(req.query, 'fetchMaxId')) view.maxId = svc.state.maxId(content.context)
    return view
  })

  app.get<IdParams>('/schemas/ids/:id/schema', async (req, reply) => {
    const content = schemaById(svc, parseId(req.params.id), text(req.query, 'subject'))
    return reply.send(renderSchema(svc, content, text(req.query, 'format')))
  })

  app.get<IdParams>('/schemas/ids/:id/subjects', async (req) => {
    const content = schemaById(svc, parseId(req.params.id), text(req.query, 'subject'))
    const subjects = [...new Set(versionsOfId(svc, content, flag(req.query, 'deleted')).map((v) => v.subject))]
    return paginate(subjects, page(req.query))
  })

  app.get<IdParams>('/schemas/ids/:id/versions', async (req) => {
    const content = schemaById(svc, parseId(req.params.id), text(req.query, 'subject'))
    const versions = versionsOfId(svc, content, flag(req.query, 'deleted')).map((v) => ({ subject: v.subject, version: v.version }))
    return paginate(versions, page(req.query))
  })
}
