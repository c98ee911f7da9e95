// Arithmetic on exact decimals that gives decimal.js's results to the last digit. domain/money.ts rounds every
// sum, difference, product and quotient to 40 significant digits, half to even; the same rounding happens here,
// so a figure computed by the same sequence of operations is the same decimal either way. With venue prices and
// sizes, sums and products stay far below 40 digits and only quotients (average prices, ratios) ever round.
import { digitCount, ONE_UNITS, powerOfTen, toFloat, ZERO, ZERO_UNITS, type Exact } from './exact.js'

/** domain/money.ts's decimal.js precision. */
export const SIGNIFICANT_DIGITS = 40

const TWO_UNITS = BigInt(2)
const LIMIT = powerOfTen(SIGNIFICANT_DIGITS)
const NEGATIVE_LIMIT = -LIMIT

/** units × 10^-scale rounded to SIGNIFICANT_DIGITS; a single comparison when it has fewer digits than that. */
function rounded(units: bigint, scale: number): Exact {
  if (units < LIMIT && units > NEGATIVE_LIMIT) return { units, scale }
  return roundToSignificant(units, scale)
}

function roundToSignificant(units: bigint, scale: number): Exact {
  const negative = units < ZERO_UNITS
  const magnitude = negative ? -units : units
  const dropped = digitCount(magnitude) - SIGNIFICANT_DIGITS
  const divisor = powerOfTen(dropped)
  // Only zeros beyond the 40th digit: nothing to round.
  if (magnitude % divisor === ZERO_UNITS) return { units, scale }
  const kept = roundedQuotient(magnitude, divisor, false)
  return scaled(negative ? -kept : kept, scale - dropped)
}

/** magnitude ÷ divisor rounded half to even; `inexact` says a positive remainder lies below `magnitude`. */
function roundedQuotient(magnitude: bigint, divisor: bigint, inexact: boolean): bigint {
  const kept = magnitude / divisor
  const rest = magnitude % divisor
  const half = divisor / TWO_UNITS
  if (rest > half || (rest === half && (inexact || (kept & ONE_UNITS) === ONE_UNITS))) return kept + ONE_UNITS
  return kept
}

/** units × 10^-scale with a non-negative scale. */
function scaled(units: bigint, scale: number): Exact {
  return scale >= 0 ? { units, scale } : { units: units * powerOfTen(-scale), scale: 0 }
}

export function plus(a: Exact, b: Exact): Exact {
  if (a.scale === b.scale) return rounded(a.units + b.units, a.scale)
  if (a.scale > b.scale) return rounded(a.units + b.units * powerOfTen(a.scale - b.scale), a.scale)
  return rounded(a.units * powerOfTen(b.scale - a.scale) + b.units, b.scale)
}

export function minus(a: Exact, b: Exact): Exact {
  if (a.scale === b.scale) return rounded(a.units - b.units, a.scale)
  if (a.scale > b.scale) return rounded(a.units - b.units * powerOfTen(a.scale - b.scale), a.scale)
  return rounded(a.units * powerOfTen(b.scale - a.scale) - b.units, b.scale)
}

export function times(a: Exact, b: Exact): Exact {
  return rounded(a.units * b.units, a.scale + b.scale)
}

/** a ÷ b correctly rounded to SIGNIFICANT_DIGITS, half to even, as decimal.js divides. */
export function dividedBy(a: Exact, b: Exact): Exact {
  if (b.units === ZERO_UNITS) throw new RangeError('division by zero')
  if (a.units === ZERO_UNITS) return ZERO
  const negative = a.units < ZERO_UNITS !== b.units < ZERO_UNITS
  const numerator = a.units < ZERO_UNITS ? -a.units : a.units
  const denominator = b.units < ZERO_UNITS ? -b.units : b.units
  // Enough places that the integer quotient has more than SIGNIFICANT_DIGITS digits to round from.
  const shift = Math.max(0, SIGNIFICANT_DIGITS + 1 + digitCount(denominator) - digitCount(numerator))
  const widened = numerator * powerOfTen(shift)
  const quotient = widened / denominator
  const inexact = widened % denominator !== ZERO_UNITS
  const dropped = digitCount(quotient) - SIGNIFICANT_DIGITS
  const kept = roundedQuotient(quotient, powerOfTen(dropped), inexact)
  return scaled(negative ? -kept : kept, a.scale - b.scale + shift - dropped)
}

/** -1, 0 or 1 as a is below, equal to or above b. */
export function compare(a: Exact, b: Exact): number {
  let left = a.units
  let right = b.units
  if (a.scale > b.scale) right *= powerOfTen(a.scale - b.scale)
  else if (a.scale < b.scale) left *= powerOfTen(b.scale - a.scale)
  return left < right ? -1 : left > right ? 1 : 0
}

export const minOf = (a: Exact, b: Exact): Exact => (compare(a, b) <= 0 ? a : b)

/**
 * a ÷ b as a float (a score), as decimal.js's `a.div(b).toNumber()` gives it, including its Infinity and NaN for a
 * zero divisor.
 */
export function ratio(a: Exact, b: Exact): number {
  if (b.units === ZERO_UNITS) return a.units === ZERO_UNITS ? Number.NaN : a.units > ZERO_UNITS ? Infinity : -Infinity
  if (a.units === ZERO_UNITS) return b.units < ZERO_UNITS ? -0 : 0
  // A share of itself (a full fill, a covered amount) is exactly 1.
  if (compare(a, b) === 0) return 1
  return toFloat(dividedBy(a, b))
}

const TEN_THOUSAND: Exact = { units: BigInt(10_000), scale: 0 }

/** Basis points of `delta` relative to `reference` as money.ts's `bps` gives them (a float: it is a score). */
export function basisPoints(delta: Exact, reference: Exact): number {
  if (reference.units === ZERO_UNITS) return 0
  return ratioTimes(delta, reference, TEN_THOUSAND)
}

/** decimal.js's `a.div(b).times(multiplier).toNumber()`, Infinity and NaN for a zero divisor included. */
export function ratioTimes(a: Exact, b: Exact, multiplier: Exact): number {
  if (b.units === ZERO_UNITS || a.units === ZERO_UNITS) return ratio(a, b) * toFloat(multiplier)
  return toFloat(times(dividedBy(a, b), multiplier))
}
