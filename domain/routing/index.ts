// Public surface of routing: rank venues for a whole order, or split it across venues.
export { DEFAULT_ROUTING_WEIGHTS, rankVenues } from './rank-venues.js'
export { planSplit } from './plan-split.js'
export { DEFAULT_MAX_SLIPPAGE_BPS } from './request.js'
export { bestPriceAcross } from './market-reference.js'
export { tighterLimit, worstAcceptablePrice } from './slippage-limit.js'
export type {
  RoutingDecision,
  RoutingRequest,
  RoutingWeights,
  SplitAllocation,
  SplitPlan,
  VenueCandidate,
  VenueMarketRules,
  VenueSnapshot,
} from './types.js'
