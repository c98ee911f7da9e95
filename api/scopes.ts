// Which scope each /api route (and GET /metrics) needs: one table, so that a reviewer sees every route's permission
// in one place.
//   read   market data, balances, venues, executions, and every GET (a run, a report, the limits, the state, /metrics)
//   trade  place orders and run strategies (and stop or change a monitor)
//   admin  change the trading state or the risk limits, run a reconciliation
// A token holds any set of scopes; none implies another (an operator's token is typically ["read", "admin"]).
// test/api-validation/scopes.test.ts walks the app's routes and fails on any /api route missing here.

export const SCOPES = ['read', 'trade', 'admin'] as const
export type Scope = (typeof SCOPES)[number]

/** `METHOD path` as Hono registers the route (the path with its :params) -> the scope it needs. */
export const ROUTE_SCOPES: Readonly<Record<string, Scope>> = {
  'GET /api/orders': 'read',
  'GET /api/orders/:workflowId': 'read',
  'GET /api/orders/:workflowId/fills': 'read',
  'GET /api/fills': 'read',
  'GET /api/orders/failover/:workflowId': 'read',
  'GET /api/smart-order/:workflowId': 'read',
  'GET /api/arbitrage/opportunities/:symbol': 'read',
  'GET /api/arbitrage/execute/:workflowId': 'read',
  'GET /api/arbitrage/monitor/:workflowId': 'read',
  'GET /api/executions': 'read',
  'GET /api/executions/:id': 'read',
  'GET /api/reconciliation': 'read',
  'GET /api/trading-state': 'read',
  'GET /api/risk': 'read',
  'GET /api/exchanges': 'read',
  'GET /api/exchanges/:exchange/health': 'read',
  'GET /api/balances/:exchange': 'read',
  'GET /api/ticker/:exchange/:symbol': 'read',
  'GET /api/orderbook/:exchange/:symbol': 'read',
  'GET /api/trades/:exchange/:symbol': 'read',
  'GET /api/klines/:exchange/:symbol': 'read',
  'GET /api/positions/:exchange': 'read',
  'GET /api/account/:exchange': 'read',
  'GET /api/funding/:exchange': 'read',
  'GET /api/fills/:exchange': 'read',
  // Outside /api like /health, but not for strangers: order and execution counts, venue error rates.
  'GET /metrics': 'read',

  'POST /api/orders': 'trade',
  'DELETE /api/orders/:workflowId': 'trade',
  'PATCH /api/orders/:workflowId': 'trade',
  // Cancelling adds no risk; halting trading stays admin (PUT /api/trading-state).
  'DELETE /api/orders': 'trade',
  'POST /api/orders/failover': 'trade',
  'POST /api/smart-order': 'trade',
  'POST /api/arbitrage/execute': 'trade',
  'POST /api/arbitrage/monitor': 'trade',
  'PATCH /api/arbitrage/monitor/:workflowId': 'trade',
  'DELETE /api/arbitrage/monitor/:workflowId': 'trade',
  // It changes the account's margin on every later order of that market, as an order would.
  'PUT /api/leverage/:exchange/:symbol': 'trade',

  'PUT /api/trading-state': 'admin',
  'PUT /api/risk/limits': 'admin',
  'POST /api/reconciliation': 'admin',
}

/**
 * The scope a matched route needs. A route missing from the table needs 'admin': a forgotten entry fails closed
 * (and the scope test fails), rather than opening a new route to every token.
 */
export function scopeOfRoute(method: string, path: string): Scope {
  const key = `${method} ${path}`
  return Object.hasOwn(ROUTE_SCOPES, key) ? ROUTE_SCOPES[key]! : 'admin'
}
