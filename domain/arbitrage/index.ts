// Public surface of arbitrage: detect, confirm before execution, account after.
export { evaluatePair } from './evaluate-pair.js'
export { findOpportunities } from './find-opportunities.js'
export { realisedProfit } from './realised-profit.js'
export { recheckOpportunity } from './recheck.js'
export type {
  ArbitrageOpportunity,
  ArbitrageOptions,
  ArbitrageVenue,
  FreshBooks,
  PairEvaluation,
  RealisedLeg,
  RealisedProfit,
  RecheckResult,
} from './types.js'
