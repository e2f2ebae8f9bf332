// Routes for compatibility levels, modes and compatibility tests (spec 3.15–3.17).

import type { FastifyInstance } from 'fastify'
import { subjectConfig, testCompatibility } from '../queries.ts'
import type { Registry } from '../registry.ts'
import { decideDeleteConfig, decideDeleteMode, decidePutConfig, decidePutMode, scopeOf, subjectMode } from '../service.ts'
import { flag, objectBody, parseVersion, registerRequest, type Query } from './params.ts'
import { WRITE } from './route-flags.ts'

type Scoped = { Params: { subject?: string }; Querystring: Query }
type CompatParams = { Params: { subject: string; version?: string }; Querystring: Query }

export function settingsRoutes(app: FastifyInstance, registry: Registry): void {
  const svc = registry.service

  for (const path of ['/config', '/config/:subject']) {
    app.get<Scoped>(path, async (req) => subjectConfig(svc, scopeOf(req.params.subject), flag(req.query, 'defaultToGlobal')))
    app.put<Scoped>(path, WRITE, async (req) => {
      const body = objectBody(req.body)
      return registry.write((s) => decidePutConfig(s, scopeOf(req.params.subject), body))
    })
    app.delete<Scoped>(path, WRITE, async (req) => registry.write((s) => decideDeleteConfig(s, scopeOf(req.params.subject))))
  }

  for (const path of ['/mode', '/mode/:subject']) {
    app.get<Scoped>(path, async (req) => subjectMode(svc, scopeOf(req.params.subject), flag(req.query, 'defaultToGlobal')))
    app.put<Scoped>(path, WRITE, async (req) => {
      const body = objectBody(req.body)
      return registry.write((s) => decidePutMode(s, scopeOf(req.params.subject), body, flag(req.query, 'force')))
    })
    app.delete<Scoped>(path, WRITE, async (req) => registry.write((s) => decideDeleteMode(s, scopeOf(req.params.subject))))
  }

  for (const path of ['/compatibility/subjects/:subject/versions', '/compatibility/subjects/:subject/versions/:version']) {
    app.post<CompatParams>(path, async (req) => {
      const selector = req.params.version === undefined ? undefined : parseVersion(req.params.version)
      const request = registerRequest(req.body)
      const options = { normalize: flag(req.query, 'normalize'), verbose: flag(req.query, 'verbose') }
      return testCompatibility(svc, req.params.subject, selector, request, options)
    })
  }
}
