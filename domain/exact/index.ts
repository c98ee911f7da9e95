// Exact decimals on scaled BigInts, with domain/money.ts's results: the per-level arithmetic of routing and arbitrage.
export {
  exactFromNumber,
  isPositive,
  isZero,
  ONE,
  parseExact,
  toDecimalString,
  toFloat,
  ZERO,
  type Exact,
} from './exact.js'
export {
  basisPoints,
  compare,
  dividedBy,
  minOf,
  minus,
  plus,
  ratio,
  ratioTimes,
  SIGNIFICANT_DIGITS,
  times,
} from './arithmetic.js'
export { decimalPlaces, floor, floorToStep, toDecimalPlaces, toFixedPlaces } from './rounding.js'
