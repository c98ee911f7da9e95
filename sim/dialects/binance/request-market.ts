// The market or markets a request's `symbol` parameter names within its API family.

import type { SimMarket } from '../../engine/types.js'
import type { RouteContext } from './route.js'
import { familyMarkets, resolveMarket, type ApiFamily } from './symbols.js'

/** The market `symbol` names (mandatory), or -1121 Invalid symbol. */
export const requestMarket = (context: RouteContext, family: ApiFamily): SimMarket =>
  resolveMarket(context.engine, family, context.params.requiredString('symbol'))

/** The market `symbol` names, or every market of the family when the request names none. */
export const requestMarkets = (context: RouteContext, family: ApiFamily): SimMarket[] =>
  context.params.has('symbol') ? [requestMarket(context, family)] : familyMarkets(context.engine, family)
