// Every route the app serves, documented: test/api/openapi-document.test.ts compares this list with app.routes.
import type { RouteDoc } from '../route-doc.js'
import { ACCOUNT_ROUTES } from './account.js'
import { ARBITRAGE_ROUTES } from './arbitrage.js'
import { HISTORY_ROUTES } from './history.js'
import { MARKET_DATA_ROUTES } from './market-data.js'
import { ORDER_ROUTES } from './orders.js'
import { RISK_ROUTES } from './risk.js'
import { SYSTEM_ROUTES } from './system.js'

export const ROUTE_CATALOGUE: readonly RouteDoc[] = [
  ...SYSTEM_ROUTES,
  ...ORDER_ROUTES,
  ...ARBITRAGE_ROUTES,
  ...MARKET_DATA_ROUTES,
  ...ACCOUNT_ROUTES,
  ...HISTORY_ROUTES,
  ...RISK_ROUTES,
]
