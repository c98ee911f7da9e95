// Exact decimal arithmetic for everything that is, or becomes, an amount, price or fee.
// decimal.js is pure and deterministic, so workflows may use this module too.
import { Decimal } from 'decimal.js'

import type { DecimalString } from './types.js'

// 40 significant digits: far beyond any venue's precision, so intermediate sums never round.
const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -30, toExpPos: 40 })

export type DecimalInput = DecimalString | number | Decimal

const DECIMAL_PATTERN = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i

/** True when `value` is a finite decimal literal such as "1", "0.001" or "1e-8". */
export function isDecimalString(value: unknown): value is DecimalString {
  return typeof value === 'string' && DECIMAL_PATTERN.test(value.trim())
}

export function dec(value: DecimalInput): Decimal {
  return new Dec(value)
}

/** Canonical string: no exponent, no trailing zeros ("1.50" -> "1.5", "1e-8" -> "0.00000001"). */
export function str(value: DecimalInput): DecimalString {
  const d = dec(value)
  return d.isZero() ? '0' : d.toFixed()
}

export const add = (a: DecimalInput, b: DecimalInput): DecimalString => str(dec(a).plus(b))
export const sub = (a: DecimalInput, b: DecimalInput): DecimalString => str(dec(a).minus(b))
export const mul = (a: DecimalInput, b: DecimalInput): DecimalString => str(dec(a).times(b))
export const div = (a: DecimalInput, b: DecimalInput): DecimalString => str(dec(a).div(b))
export const cmp = (a: DecimalInput, b: DecimalInput): number => dec(a).comparedTo(b)
export const isZero = (a: DecimalInput): boolean => dec(a).isZero()
export const isPositive = (a: DecimalInput): boolean => dec(a).greaterThan(0)
export const min = (a: DecimalInput, b: DecimalInput): DecimalString => (cmp(a, b) <= 0 ? str(a) : str(b))
export const abs = (a: DecimalInput): DecimalString => str(dec(a).abs())
export const max = (a: DecimalInput, b: DecimalInput): DecimalString => (cmp(a, b) >= 0 ? str(a) : str(b))
export const sum = (values: DecimalInput[]): DecimalString =>
  str(values.reduce<Decimal>((acc, v) => acc.plus(v), dec(0)))

/** Rounds down to a multiple of `step` (amounts: never send more than asked). */
export function floorToStep(value: DecimalInput, step: DecimalInput): DecimalString {
  const s = dec(step)
  if (s.isZero()) return str(value)
  return str(dec(value).div(s).floor().times(s))
}

/** Rounds to the nearest multiple of `step`; half away from zero like the venues' tick rounding. */
export function roundToStep(value: DecimalInput, step: DecimalInput): DecimalString {
  const s = dec(step)
  if (s.isZero()) return str(value)
  return str(dec(value).div(s).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).times(s))
}

/** Rounds up to a multiple of `step`. */
export function ceilToStep(value: DecimalInput, step: DecimalInput): DecimalString {
  const s = dec(step)
  if (s.isZero()) return str(value)
  return str(dec(value).div(s).ceil().times(s))
}

/** Decimal places a step allows: "0.01" -> 2, "0.5" -> 1, "10" -> 0, "1e-8" -> 8. */
export function placesOf(step: DecimalInput): number {
  return dec(step).decimalPlaces()
}

/** Rounds to `places` decimal places, half away from zero as people round (for display: never sent anywhere). */
export function roundToPlaces(value: DecimalInput, places: number): DecimalString {
  return str(dec(value).toDecimalPlaces(places, Decimal.ROUND_HALF_UP))
}

/** Basis points of `delta` relative to `reference` (a float: it is a score). */
export function bps(delta: DecimalInput, reference: DecimalInput): number {
  const r = dec(reference)
  if (r.isZero()) return 0
  return dec(delta).div(r).times(10_000).toNumber()
}
