// Every workflow the worker serves. The worker bundles this file; the API refers to these by type only.
export { exchangeReadWorkflow } from './exchange-read.js'
export { placeOrderWorkflow } from './place-order.js'
export { arbitrageWorkflow } from './arbitrage.js'
export { arbitrageMonitorWorkflow } from './arbitrage-monitor.js'
export { failoverOrderWorkflow } from './failover-order.js'
export { smartOrderWorkflow } from './smart-order.js'
export { reconciliationWorkflow } from './reconciliation.js'
export { cancelOpenOrdersWorkflow } from './cancel-open-orders.js'
