// Public surface of arbitrage: detect, confirm before execution, account after.
export { MAX_BACKOFF_MS, nextBackoff, pausedPairs, type EndedChild, type PairBackoff } from './child-backoff.js'
export { evaluatePair } from './evaluate-pair.js'
export { findOpportunities, scanPairs, type PairScan } from './find-opportunities.js'
export { realisedProfit } from './realised-profit.js'
export { recheckOpportunity } from './recheck.js'
export {
  commonStep,
  ruleProblem,
  splitUnwind,
  type RuleName,
  type RuleProblem,
  type UnwindSplit,
} from './venue-rules.js'
export type {
  ArbitrageOpportunity,
  ArbitrageOptions,
  ArbitrageVenue,
  FreshBooks,
  PairEvaluation,
  RealisedLeg,
  RealisedProfit,
  RecheckResult,
  SkippedPair,
} from './types.js'
