// Exact decimals as scaled integers, for the arithmetic that runs per book level (routing and arbitrage): a value
// is `units` × 10^-scale, with BigInt units. Parsing a level costs a short loop over its characters instead of a
// decimal.js object, and the results are those of domain/money.ts to the last digit (see arithmetic.ts).
//
// No BigInt literals (`10n`): the workflow bundler compiles to ES2017, which has none.
import { dec } from '../money.js'
import type { DecimalString } from '../types.js'

export interface Exact {
  /** The value times 10^scale. */
  readonly units: bigint
  /** Decimal places of `units`; never negative. */
  readonly scale: number
}

export const ZERO_UNITS = BigInt(0)
export const ONE_UNITS = BigInt(1)
const TEN_UNITS = BigInt(10)

export const ZERO: Exact = { units: ZERO_UNITS, scale: 0 }
export const ONE: Exact = { units: ONE_UNITS, scale: 0 }

// Enough for every scale that a venue's prices, sizes and fees, and the 40-digit results built from them, reach.
const TABLED_POWERS = 128
const POWERS: bigint[] = [ONE_UNITS]
for (let exponent = 1; exponent <= TABLED_POWERS; exponent++) POWERS.push((POWERS[exponent - 1] as bigint) * TEN_UNITS)

/** 10^exponent as a BigInt (exponent ≥ 0). */
export function powerOfTen(exponent: number): bigint {
  const tabled = POWERS[exponent]
  if (tabled !== undefined) return tabled
  let power = POWERS[TABLED_POWERS] as bigint
  for (let done = TABLED_POWERS; done < exponent; done++) power *= TEN_UNITS
  return power
}

/** Number of decimal digits of a non-negative BigInt (1 for zero). */
export function digitCount(magnitude: bigint): number {
  if (magnitude >= (POWERS[TABLED_POWERS] as bigint)) return magnitude.toString().length
  let low = 0
  let high = TABLED_POWERS
  // The smallest n with magnitude < 10^n.
  while (low < high) {
    const middle = (low + high) >> 1
    if (magnitude < (POWERS[middle + 1] as bigint)) high = middle
    else low = middle + 1
  }
  return low + 1
}

const ZERO_CODE = 48
const NINE_CODE = 57
const DOT_CODE = 46
const MINUS_CODE = 45
const PLUS_CODE = 43
const LOWER_E_CODE = 101
const UPPER_E_CODE = 69
/** Up to 15 digits are exact in a double, and BigInt(number) is cheaper than BigInt(string). */
const DOUBLE_SAFE_DIGITS = 15
/** Exponents beyond this are read by decimal.js (and refused when they do not fit). */
const EXPONENT_DIGITS_MAX = 6

/**
 * Reads a decimal string ("64000.5", "-0.001", "1e-8"), exactly. Forms that only decimal.js reads (hexadecimal,
 * binary, octal) go through it; a non-finite value (NaN, Infinity) is a RangeError, and text that is no number
 * at all throws decimal.js's own error.
 *
 * @example parseExact('64000.50') // { units: 6400050n, scale: 2 }
 */
export function parseExact(text: DecimalString): Exact {
  const length = text.length
  let index = 0
  let negative = false
  const first = text.charCodeAt(0)
  if (first === MINUS_CODE) {
    negative = true
    index = 1
  } else if (first === PLUS_CODE) {
    index = 1
  }
  const digitsStart = index
  let value = 0
  let digits = 0
  let decimals = 0
  let dotAt = -1
  for (; index < length; index++) {
    const code = text.charCodeAt(index)
    if (code >= ZERO_CODE && code <= NINE_CODE) {
      value = value * 10 + (code - ZERO_CODE)
      digits++
      if (dotAt >= 0) decimals++
    } else if (code === DOT_CODE && dotAt < 0) {
      dotAt = index
    } else {
      break
    }
  }
  const digitsEnd = index
  if (digits === 0) return parseOther(text)
  let exponent = 0
  if (index < length) {
    const marker = text.charCodeAt(index)
    if (marker !== LOWER_E_CODE && marker !== UPPER_E_CODE) return parseOther(text)
    const parsed = parseExponent(text, index + 1)
    if (parsed === undefined) return parseOther(text)
    exponent = parsed
  }
  let units = digits <= DOUBLE_SAFE_DIGITS ? BigInt(value) : BigInt(digitsOf(text, digitsStart, digitsEnd, dotAt))
  if (negative) units = -units
  const scale = decimals - exponent
  return scale >= 0 ? { units, scale } : { units: units * powerOfTen(-scale), scale: 0 }
}

/** The exponent after an `e` at `start`, or undefined when the rest of `text` is not one. */
function parseExponent(text: string, start: number): number | undefined {
  let index = start
  let sign = 1
  const code = text.charCodeAt(index)
  if (code === MINUS_CODE || code === PLUS_CODE) {
    sign = code === MINUS_CODE ? -1 : 1
    index++
  }
  if (index >= text.length || text.length - index > EXPONENT_DIGITS_MAX) return undefined
  let exponent = 0
  for (; index < text.length; index++) {
    const digit = text.charCodeAt(index)
    if (digit < ZERO_CODE || digit > NINE_CODE) return undefined
    exponent = exponent * 10 + (digit - ZERO_CODE)
  }
  return sign * exponent
}

function digitsOf(text: string, start: number, end: number, dotAt: number): string {
  return dotAt < 0 ? text.slice(start, end) : text.slice(start, dotAt) + text.slice(dotAt + 1, end)
}

function parseOther(text: string): Exact {
  const value = dec(text)
  if (!value.isFinite()) throw new RangeError(`not a finite decimal: ${text}`)
  return parseExact(value.toFixed())
}

/** A JS number as decimal.js reads it: through its shortest string ("0.1", "1e-7"). */
export function exactFromNumber(value: number): Exact {
  return parseExact(String(value))
}

/**
 * The canonical decimal string, as domain/money.ts's `str` writes it: no exponent, no trailing zeros, "0" for zero.
 *
 * @example toDecimalString({ units: 6400050n, scale: 2 }) // '64000.5'
 */
export function toDecimalString(value: Exact): DecimalString {
  const { units, scale } = value
  if (units === ZERO_UNITS) return '0'
  const negative = units < ZERO_UNITS
  let digits = (negative ? -units : units).toString()
  if (scale > 0) {
    if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits
    const point = digits.length - scale
    let end = digits.length
    while (end > point && digits.charCodeAt(end - 1) === ZERO_CODE) end--
    digits = end === point ? digits.slice(0, point) : `${digits.slice(0, point)}.${digits.slice(point, end)}`
  }
  return negative ? `-${digits}` : digits
}

/** The nearest double, as decimal.js's toNumber gives it. A float for scores only. */
export function toFloat(value: Exact): number {
  return Number(toDecimalString(value))
}

export const isPositive = (value: Exact): boolean => value.units > ZERO_UNITS
export const isZero = (value: Exact): boolean => value.units === ZERO_UNITS
