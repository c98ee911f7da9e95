// GET /api/fills?since=&exchange=&limit=: every fill the ledger recorded of the orders it followed, oldest first,
// for accounting. (GET /api/fills/:exchange reads the venue's own list instead.)
import { Hono } from 'hono'

import { listFills } from '../../db/order-fills.js'
import type { AppDeps } from '../deps.js'
import { fillsQuery } from '../schemas-orders.js'
import { parseWith } from '../validation.js'

export function fillRoutes(deps: AppDeps) {
  const app = new Hono()
  app.get('/', async (c) => c.json({ fills: await listFills(deps.db, parseWith(fillsQuery, c.req.query())) }))
  return app
}
