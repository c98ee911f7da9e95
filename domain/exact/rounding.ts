// Rounding exact decimals to places and steps, as decimal.js does it for domain/money.ts.
import { dividedBy, times } from './arithmetic.js'
import { ONE_UNITS, powerOfTen, toDecimalString, ZERO_UNITS, type Exact } from './exact.js'

const TWO_UNITS = BigInt(2)

/** Rounded to `places` decimals, half to even (decimal.js's toDecimalPlaces at money.ts's rounding). */
export function toDecimalPlaces(value: Exact, places: number): Exact {
  if (value.scale <= places) return value
  const negative = value.units < ZERO_UNITS
  const magnitude = negative ? -value.units : value.units
  const divisor = powerOfTen(value.scale - places)
  let kept = magnitude / divisor
  const rest = magnitude % divisor
  const half = divisor / TWO_UNITS
  if (rest > half || (rest === half && (kept & ONE_UNITS) === ONE_UNITS)) kept += ONE_UNITS
  return { units: negative ? -kept : kept, scale: places }
}

/** The largest whole number not above `value`. */
export function floor(value: Exact): Exact {
  if (value.scale === 0) return value
  const divisor = powerOfTen(value.scale)
  let whole = value.units / divisor
  if (value.units < ZERO_UNITS && whole * divisor !== value.units) whole -= ONE_UNITS
  return { units: whole, scale: 0 }
}

/** Rounded down to a multiple of `step`, the way money.ts's floorToStep computes it (value ÷ step, floor, × step). */
export function floorToStep(value: Exact, step: Exact): Exact {
  if (step.units === ZERO_UNITS) return value
  return times(floor(dividedBy(value, step)), step)
}

/** Decimal places of the canonical form (no trailing zeros). */
export function decimalPlaces(value: Exact): number {
  if (value.units === ZERO_UNITS) return 0
  let places = value.scale
  let units = value.units
  const ten = powerOfTen(1)
  while (places > 0 && units % ten === ZERO_UNITS) {
    units /= ten
    places--
  }
  return places
}

/** The plain string with exactly `places` decimals; `places` must be at least decimalPlaces(value). */
export function toFixedPlaces(value: Exact, places: number): string {
  const text = toDecimalString(value)
  const point = text.indexOf('.')
  const present = point < 0 ? 0 : text.length - point - 1
  if (places === 0) return text
  return `${text}${point < 0 ? '.' : ''}${'0'.repeat(places - present)}`
}
