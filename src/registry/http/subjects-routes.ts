// Routes under /subjects: listing, registering, reading, looking up and deleting versions (spec 3.2–3.10).

import type { FastifyInstance } from 'fastify'
import { getVersion, schemaTypeAndReferences, listSubjects, listVersions, lookupSchema, paginate, referencedBy, schemaView } from '../queries.ts'
import type { Registry } from '../registry.ts'
import { decideDeleteSubject, decideDeleteVersion, decideRegister } from '../service.ts'
import { flag, page, parseVersion, registerRequest, text, type Query } from './params.ts'
import { renderSchema } from './render.ts'
import { WRITE } from './route-flags.ts'

type SubjectParams = { Params: { subject: string }; Querystring: Query }
type VersionParams = { Params: { subject: string; version: string }; Querystring: Query }

export function subjectsRoutes(app: FastifyInstance, registry: Registry): void {
  const svc = registry.service

  app.get<{ Querystring: Query }>('/subjects', async (req) => {
    const filter = { deleted: flag(req.query, 'deleted'), deletedOnly: flag(req.query, 'deletedOnly') }
    return paginate(listSubjects(svc, text(req.query, 'subjectPrefix'), filter), page(req.query))
  })

  app.get<SubjectParams>('/subjects/:subject/versions', async (req) => {
    const filter = { deleted: flag(req.query, 'deleted'), deletedOnly: flag(req.query, 'deletedOnly') }
    return paginate(listVersions(svc, req.params.subject, filter), page(req.query))
  })

  app.post<SubjectParams>('/subjects/:subject/versions', WRITE, async (req) => {
    const request = registerRequest(req.body)
    const options = { normalize: flag(req.query, 'normalize'), force: flag(req.query, 'force') }
    const result = await registry.write((s) => decideRegister(s, req.params.subject, request, options))
    // 7.x answers only the id; 8.x adds the version and the stored schema, which clients may cache.
    return { id: result.id, version: result.version, ...schemaTypeAndReferences(result), schema: result.schema }
  })

  app.get<VersionParams>('/subjects/:subject/versions/:version', async (req) => {
    const v = getVersion(svc, req.params.subject, parseVersion(req.params.version), flag(req.query, 'deleted'))
    return schemaView(v, renderSchema(svc, v, text(req.query, 'format')))
  })

  app.get<VersionParams>('/subjects/:subject/versions/:version/schema', async (req, reply) => {
    const v = getVersion(svc, req.params.subject, parseVersion(req.params.version), flag(req.query, 'deleted'))
    return reply.send(renderSchema(svc, v, text(req.query, 'format')))
  })

  app.get<VersionParams>('/subjects/:subject/versions/:version/referencedby', async (req) => {
    const ids = referencedBy(svc, req.params.subject, parseVersion(req.params.version), flag(req.query, 'deleted'))
    return paginate(ids, page(req.query))
  })

  app.delete<VersionParams>('/subjects/:subject/versions/:version', WRITE, async (req) => {
    const selector = parseVersion(req.params.version)
    return registry.write((s) => decideDeleteVersion(s, req.params.subject, selector, flag(req.query, 'permanent')))
  })

  app.post<SubjectParams>('/subjects/:subject', async (req) => {
    const request = registerRequest(req.body)
    const options = { normalize: flag(req.query, 'normalize'), deleted: flag(req.query, 'deleted') }
    const v = lookupSchema(svc, req.params.subject, request, options)
    return schemaView(v, renderSchema(svc, v, text(req.query, 'format')))
  })

  app.delete<SubjectParams>('/subjects/:subject', WRITE, async (req) => {
    return registry.write((s) => decideDeleteSubject(s, req.params.subject, flag(req.query, 'permanent')))
  })
}
