// Arbitrage: scan, execute, and the monitor (api/routes/arbitrage.ts, arbitrage-monitor.ts).
import { z } from 'zod'

import { opportunitiesQuery } from '../../schemas.js'
import type { RouteDoc } from '../route-doc.js'
import * as ex from './examples.js'
import { symbolParam, workflowIdParam } from './params.js'

const failedRun = {
  status: 500,
  description: 'The run failed instead of returning an outcome.',
  errors: ['workflow_failed' as const],
}
const noSuchRun = { status: 404, description: 'No such run of this kind.', errors: ['not_found' as const] }
const noSuchMonitor = { status: 404, description: 'No such monitor.', errors: ['not_found' as const] }

export const ARBITRAGE_ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/arbitrage/opportunities/:symbol',
    operationId: 'scanArbitrage',
    summary: 'Scan the venues for arbitrage now',
    description:
      "Reads every venue's book and fees and lists the profitable pairs after both taker fees. Starts no workflow.",
    tags: ['arbitrage'],
    pathParams: z.object(symbolParam),
    query: opportunitiesQuery,
    queryNotes: {
      minProfitPct: 'Minimum net profit after fees, in percent (0.1 means 0.1 %); default 0.1',
      exchanges: 'Venues to compare, comma separated (at least two); every enabled venue when absent',
      maxAmount: 'Largest base amount per leg, a decimal string',
    },
    responses: [
      {
        status: 200,
        description: 'The opportunities.',
        schemas: ['ArbitrageScan'],
        examples: { scan: { summary: 'one opportunity', value: ex.scan } },
      },
      { status: 404, description: 'No venue lists the symbol.', errors: ['unknown_symbol'] },
    ],
  },
  {
    method: 'post',
    path: '/api/arbitrage/execute',
    operationId: 'executeArbitrage',
    summary: 'Run one arbitrage',
    description:
      'Re-checks the opportunity on fresh books, then sends both legs as IOC orders at once (arbitrageWorkflow). Legs ' +
      'that fill different amounts are traded back to flat (unwound).',
    tags: ['arbitrage'],
    idempotencyKey: true,
    body: {
      schema: 'ArbitrageExecuteRequest',
      required: true,
      examples: {
        execute: {
          summary: 'buy on kraken, sell on binance',
          value: {
            symbol: 'BTC/USDT',
            buyExchange: 'kraken',
            sellExchange: 'binance',
            amount: '0.2',
            minProfitPct: 0.1,
          },
        },
      },
    },
    responses: [
      {
        status: 200,
        description: 'no_opportunity (nothing sent), or unwound (flat again).',
        schemas: ['ArbitrageResult'],
        examples: { none: { summary: 'no profitable size now', value: ex.arbitrageNoOpportunity } },
      },
      {
        status: 201,
        description: 'completed: both legs filled the same amount.',
        schemas: ['ArbitrageResult'],
        examples: { completed: { summary: 'both legs filled', value: ex.arbitrageCompleted } },
      },
      {
        status: 202,
        description:
          "Still running after the wait (RunStarted), or unknown: a leg's outcome could not be established (see `error`).",
        schemas: ['RunStarted', 'ArbitrageResult'],
        headers: ['Location'],
      },
      {
        status: 409,
        description: 'The Idempotency-Key was used before.',
        errors: ['idempotency_conflict', 'idempotency_key_used'],
      },
      {
        status: 422,
        description: 'rejected: neither leg filled (by the venues, or a risk limit).',
        schemas: ['ArbitrageResult'],
      },
      {
        status: 500,
        description:
          'unwind_failed: the position is NOT flat and a person must act (ArbitrageResult); or the run failed.',
        schemas: ['ArbitrageResult'],
        errors: ['workflow_failed'],
      },
    ],
  },
  {
    method: 'get',
    path: '/api/arbitrage/execute/:workflowId',
    operationId: 'getArbitrage',
    summary: 'One arbitrage, again',
    tags: ['arbitrage'],
    pathParams: workflowIdParam,
    responses: [{ status: 200, description: 'The arbitrage.', schemas: ['ArbitrageRun'] }, noSuchRun, failedRun],
  },
  {
    method: 'post',
    path: '/api/arbitrage/monitor',
    operationId: 'startArbitrageMonitor',
    summary: 'Start an arbitrage monitor',
    description:
      'Scans the symbols every intervalMs until stopped (arbitrageMonitorWorkflow), and with autoExecute runs each ' +
      'opportunity above its threshold as a child arbitrage. Answers at once; it does not wait for a scan.',
    tags: ['arbitrage'],
    idempotencyKey: true,
    body: {
      schema: 'ArbitrageMonitorRequest',
      required: true,
      examples: {
        watch: {
          summary: 'watch BTC/USDT every 5 s',
          value: { symbols: ['BTC/USDT'], exchanges: ['binance', 'kraken'], intervalMs: 5000 },
        },
        auto: {
          summary: 'execute above 0.3 %, at most 10 times',
          value: {
            symbols: ['BTC/USDT', 'ETH/USDT'],
            autoExecute: { enabled: true, minProfitPct: 0.3, maxExecutions: 10 },
          },
        },
      },
    },
    responses: [
      {
        status: 200,
        description: 'The Idempotency-Key names a monitor that has ended: how it ended.',
        schemas: ['MonitorStarted'],
        headers: ['Location'],
        examples: {
          ended: { summary: 'stopped earlier', value: { workflowId: 'monitor-key-6', status: 'completed' } },
        },
      },
      {
        status: 201,
        description: 'Started (or joined: the same Idempotency-Key).',
        schemas: ['MonitorStarted'],
        headers: ['Location'],
        examples: { started: { summary: 'running', value: ex.monitorStarted } },
      },
      {
        status: 409,
        description: 'The Idempotency-Key was used before for something else.',
        errors: ['idempotency_conflict', 'idempotency_key_used'],
      },
    ],
  },
  {
    method: 'get',
    path: '/api/arbitrage/monitor/:workflowId',
    operationId: 'getArbitrageMonitor',
    summary: "A monitor's latest scan",
    description: 'Its live view while it runs (under `state`), its final view once stopped.',
    tags: ['arbitrage'],
    pathParams: workflowIdParam,
    responses: [
      {
        status: 200,
        description: 'The monitor.',
        schemas: ['MonitorRun'],
        examples: {
          running: {
            summary: 'running',
            value: { workflowId: 'monitor-key-6', status: 'running', state: ex.monitorView },
          },
        },
      },
      noSuchMonitor,
      failedRun,
    ],
  },
  {
    method: 'patch',
    path: '/api/arbitrage/monitor/:workflowId',
    operationId: 'updateArbitrageMonitor',
    summary: "Change a running monitor's parameters",
    description:
      "Only the fields given change; maxAmount null removes the cap. The monitor's own validator checks the change " +
      '(a refusal is a 400 naming the field, and nothing changes); the next scan uses it.',
    tags: ['arbitrage'],
    pathParams: workflowIdParam,
    body: {
      schema: 'ArbitrageMonitorUpdateRequest',
      required: true,
      examples: { slower: { summary: 'scan every 10 s', value: { intervalMs: 10000 } } },
    },
    responses: [
      {
        status: 202,
        description: 'The change is in force.',
        schemas: ['MonitorUpdated'],
        examples: { sent: { summary: 'sent', value: ex.monitorUpdated } },
      },
      noSuchMonitor,
      { status: 409, description: 'The monitor has ended.', errors: ['not_running'] },
      { status: 500, description: 'The monitor could not apply the change.', errors: ['update_failed'] },
    ],
  },
  {
    method: 'delete',
    path: '/api/arbitrage/monitor/:workflowId',
    operationId: 'stopArbitrageMonitor',
    summary: 'Stop a monitor',
    description: 'Stopping a stopped monitor is not an error: it answers with how it ended.',
    tags: ['arbitrage'],
    pathParams: workflowIdParam,
    responses: [
      {
        status: 200,
        description: 'Stopped, with its final view.',
        schemas: ['MonitorStopped'],
        examples: { stopped: { summary: 'stopped', value: { ...ex.monitorView, stopped: true, status: 'stopped' } } },
      },
      {
        status: 202,
        description: 'Asked to stop; it has not finished within the wait.',
        schemas: ['MonitorStopping'],
        headers: ['Location'],
      },
      noSuchMonitor,
      failedRun,
    ],
  },
]
