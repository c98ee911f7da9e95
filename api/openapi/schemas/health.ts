// The answer of GET /health (api/routes/health.ts): the API, Temporal and its workers, the database, each venue,
// and what needs a person's eye.
import { z } from 'zod'

import { exchangeId } from './common.js'
import { exchangeHealthFields } from './market-data.js'
import { halt, tradingStateView } from './risk.js'

const up = z.object({ status: z.literal('ok') })
const down = z.object({ status: z.literal('down'), error: z.string() })

const venueHealth = z.union([
  z.object({ demo: z.boolean(), ...exchangeHealthFields }),
  z.object({ status: z.enum(['unknown', 'down']), demo: z.boolean(), error: z.string() }),
])

export const health = z
  .object({
    status: z.enum(['ok', 'degraded']).meta({ description: 'degraded (503) when Temporal or the database is down' }),
    api: up,
    temporal: z.union([up, down]),
    worker: z.object({
      status: z.enum(['ok', 'none', 'unknown']).meta({ description: 'none: no worker polls the task queue' }),
      pollers: z.array(z.string()).meta({ description: 'Worker identities polling the task queue' }),
      error: z.string().optional(),
    }),
    database: z.union([up, down]),
    venues: z.partialRecord(exchangeId, venueHealth),
    tradingState: tradingStateView.optional(),
    halts: z.array(halt).optional().meta({ description: 'Automatic halts in force' }),
    warnings: z.array(z.string()).optional().meta({
      description: 'What needs a person: no worker, unresolved executions, reconciliation differences, trading stopped',
    }),
  })
  .meta({ description: 'The platform and each of its parts' })
