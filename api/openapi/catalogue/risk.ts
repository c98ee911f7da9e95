// Risk limits and the trading state (api/routes/risk.ts).
import type { RouteDoc } from '../route-doc.js'
import * as ex from './examples.js'

export const RISK_ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/api/trading-state',
    operationId: 'getTradingState',
    summary: 'The trading state (the kill switch)',
    description:
      "ACTIVE: anything within the limits; REDUCING: only orders that reduce what is held; HALTED: nothing. Per scope ('all' or a venue).",
    tags: ['risk'],
    responses: [
      {
        status: 200,
        description: 'The states.',
        schemas: ['TradingStateView'],
        examples: { active: { summary: 'all active', value: ex.tradingStateView } },
      },
    ],
  },
  {
    method: 'put',
    path: '/api/trading-state',
    operationId: 'setTradingState',
    summary: 'Set the trading state of all venues or one',
    description:
      'Audited with the token that asked. With cancelOpenOrders, a workflow also cancels what the ledger shows open.',
    tags: ['risk'],
    body: {
      schema: 'TradingStateRequest',
      required: true,
      examples: {
        halt: {
          summary: 'halt binance and cancel its open orders',
          value: {
            state: 'HALTED',
            reason: 'venue maintenance announced',
            exchange: 'binance',
            cancelOpenOrders: true,
          },
        },
      },
    },
    responses: [
      {
        status: 200,
        description: 'The state set, and every state after it.',
        schemas: ['TradingStateChanged'],
        examples: { halted: { summary: 'binance halted', value: ex.tradingStateChanged } },
      },
    ],
  },
  {
    method: 'get',
    path: '/api/risk',
    operationId: 'getRisk',
    summary: 'Limits, states, halts and usage',
    tags: ['risk'],
    responses: [
      {
        status: 200,
        description: 'The risk view.',
        schemas: ['RiskView'],
        examples: { view: { summary: 'quiet day', value: ex.riskView } },
      },
    ],
  },
  {
    method: 'put',
    path: '/api/risk/limits',
    operationId: 'setRiskLimits',
    summary: 'Change any of the risk limits',
    description:
      'Merged over the limits in force (a map replaces the whole map; venueErrorHalt merges by field), validated, audited.',
    tags: ['risk'],
    body: {
      schema: 'RiskLimitsRequest',
      required: true,
      examples: {
        notional: {
          summary: 'tighter BTC ceiling',
          value: { maxOrderNotionalBySymbol: { 'BTC/USDT': '250000' }, venueErrorHalt: { rate: 0.3 } },
        },
      },
    },
    responses: [
      {
        status: 200,
        description: 'The limits now in force.',
        schemas: ['RiskLimitsAnswer'],
        examples: { limits: { summary: 'merged', value: { limits: ex.limits } } },
      },
    ],
  },
]
