// The execution history from the database (it outlives Temporal's retention): GET /api/executions lists,
// newest first (page with ?before=<createdAt of the last row>); GET /api/executions/:id adds the routing
// decisions and order attempts. 404 when there is no such execution.
import { Hono } from 'hono'

import { getExecution, listExecutions } from '../../db/executions.js'
import { inputPrefix } from '../../domain/input-prefix.js'
import type { AppDeps } from '../deps.js'
import { notFound } from '../errors.js'
import { executionsQuery } from '../schemas.js'
import { parseWith } from '../validation.js'

export function executionRoutes(deps: AppDeps) {
  const app = new Hono()

  app.get('/', async (c) => {
    const filter = parseWith(executionsQuery, c.req.query())
    const executions = await listExecutions(deps.db, filter)
    const last = executions.at(-1)
    const next = executions.length === filter.limit && last ? { before: last.createdAt } : undefined
    return c.json({ executions, ...(next ? { next } : {}) })
  })

  app.get('/:id', async (c) => {
    const id = c.req.param('id')
    const execution = await getExecution(deps.db, id)
    if (!execution) throw notFound(`no execution ${inputPrefix(id)}`)
    return c.json(execution)
  })

  return app
}
