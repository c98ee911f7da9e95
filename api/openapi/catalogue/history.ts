// The execution history and reconciliation (api/routes/executions.ts, reconciliation.ts).
import { z } from 'zod'

import { EXCHANGE_IDS } from '../../../domain/types.js'
import { executionsQuery } from '../../schemas.js'
import type { RouteDoc } from '../route-doc.js'
import * as ex from './examples.js'

export const HISTORY_ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/executions',
    operationId: 'listExecutions',
    summary: 'The execution history',
    description: 'Every order and strategy run, newest first, from the database (it outlives Temporal’s retention).',
    tags: ['history'],
    query: executionsQuery,
    queryNotes: {
      symbol: 'A market written BTC-USDT or BTC/USDT',
      exchange: 'Executions that involved this venue',
      before: 'Only executions created before this time (ms since the epoch): the `next.before` of the previous page',
      limit: 'Page size, 1 to 200; default 50',
    },
    responses: [
      {
        status: 200,
        description: 'A page of executions.',
        schemas: ['ExecutionPage'],
        examples: { page: { summary: 'one order', value: { executions: [ex.executionRow] } } },
      },
    ],
  },
  {
    method: 'get',
    path: '/api/executions/:id',
    operationId: 'getExecution',
    summary: 'One execution, with its routing decisions and order attempts',
    tags: ['history'],
    pathParams: z.object({
      id: z.string().meta({ description: 'The execution (workflow) id', examples: ['order-key-1'] }),
    }),
    responses: [
      {
        status: 200,
        description: 'The execution.',
        schemas: ['ExecutionDetail'],
        examples: { order: { summary: 'one order', value: ex.executionDetail } },
      },
      { status: 404, description: 'No such execution.', errors: ['not_found'] },
    ],
  },
  {
    method: 'get',
    path: '/api/reconciliation',
    operationId: 'getReconciliation',
    summary: 'The latest reconciliation report of each venue',
    description:
      "Differences between the venues' open orders and fills and the ledger, and the rows settled from them.",
    tags: ['reconciliation'],
    query: z.object({ exchange: z.enum(EXCHANGE_IDS).optional() }),
    queryNotes: { exchange: "Only this venue's report" },
    responses: [
      {
        status: 200,
        description: 'The reports.',
        schemas: ['ReconciliationReports'],
        examples: { one: { summary: 'one difference', value: ex.reconciliation } },
      },
    ],
  },
  {
    method: 'post',
    path: '/api/reconciliation',
    operationId: 'runReconciliation',
    summary: 'Reconcile now',
    description: 'Runs one reconciliation of every venue (joining one already running) and waits up to 30 s for it.',
    tags: ['reconciliation'],
    body: {
      schema: 'ReconciliationRequest',
      required: false,
      examples: { none: { summary: 'no parameters', value: {} } },
    },
    responses: [
      { status: 200, description: 'Done: the reports.', schemas: ['ReconciliationReports'] },
      {
        status: 202,
        description: 'Still running after the wait.',
        schemas: ['RunStarted'],
        examples: { running: { summary: 'running', value: { workflowId: 'reconciliation-now', status: 'running' } } },
      },
    ],
  },
]
