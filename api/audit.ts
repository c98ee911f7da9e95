// Audit lines: who asked for which order, and what came of it. One `audit: "intent"` line when an order or strategy
// request is accepted (its workflow started or joined) and one `audit: "outcome"` line when its answer is given,
// both naming the token, the request id (from the request's logger) and the workflow id. The worker's placement
// lines (activities/orders.ts) carry the same workflow id: join on it to follow an order to the venue.
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

import { SA } from '../temporal.config.js'
import { tokenName } from './request-log.js'
import type { StartRequest } from './workflow-runner.js'

/** The order fields an intent line shows, read from the workflow's input or its `order`; nothing else is copied. */
const ORDER_FIELDS = [
  'exchange',
  'exchanges',
  'backupExchanges',
  'buyExchange',
  'sellExchange',
  'symbol',
  'symbols',
  'side',
  'type',
  'amount',
  'price',
  'clientOrderId',
] as const

export function auditIntent(c: Context, request: StartRequest): void {
  const input = asRecord(request.args[0])
  const order = asRecord(input.order)
  const fields: Record<string, unknown> = {}
  for (const field of ORDER_FIELDS) {
    const value = order[field] ?? input[field]
    if (typeof value === 'string' || typeof value === 'number' || Array.isArray(value)) fields[field] = value
  }
  const strategy = request.searchAttributes.find((pair) => pair.key.name === SA.strategy.name)?.value
  c.get('logger')?.info(
    {
      audit: 'intent',
      tokenName: tokenName(c),
      workflowId: request.workflowId,
      workflowType: request.workflowType,
      strategy: strategy ?? null,
      ...fields,
    },
    `order intent: ${request.summary}`
  )
}

export interface AuditedOutcome {
  /** The workflow's outcome (placed, rejected, filled, ...), `running` when it has not finished, `failed` if it failed. */
  outcome: string
  status: ContentfulStatusCode
  /** Why, when the gateway's own risk limits refused it. */
  refusal?: string
}

export function auditOutcome(c: Context, workflowId: string, { outcome, status, refusal }: AuditedOutcome): void {
  c.get('logger')?.info(
    { audit: 'outcome', tokenName: tokenName(c), workflowId, outcome, status, ...(refusal ? { refusal } : {}) },
    `order outcome: ${outcome}`
  )
}

/** The `outcome` a workflow result names (every order and strategy result has one). */
export function outcomeOf(result: unknown): string {
  const outcome = asRecord(result).outcome
  return typeof outcome === 'string' ? outcome : 'completed'
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
}
