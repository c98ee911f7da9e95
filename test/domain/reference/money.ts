// Reference copy of domain/money.ts as it was at 991155f (decimal.js, 40 significant digits): the frozen arithmetic
// of the reference implementations beside it. Test-only; not imported by production code.
// Exact decimal arithmetic for everything that is, or becomes, an amount, price or fee.
// decimal.js is pure and deterministic, so workflows may use this module too.
import { Decimal } from 'decimal.js'

import type { DecimalString } from '../../../domain/types.js'

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
export const isPositive = (a: DecimalInput): boolean => dec(a).greaterThan(0)
export const min = (a: DecimalInput, b: DecimalInput): DecimalString => (cmp(a, b) <= 0 ? str(a) : str(b))
export const sum = (values: DecimalInput[]): DecimalString =>
  str(values.reduce<Decimal>((acc, v) => acc.plus(v), dec(0)))

/** Rounds down to a multiple of `step` (amounts: never send more than asked). */
export function floorToStep(value: DecimalInput, step: DecimalInput): DecimalString {
  const s = dec(step)
  if (s.isZero()) return str(value)
  return str(dec(value).div(s).floor().times(s))
}

/** Basis points of `delta` relative to `reference` (a float: it is a score). */
export function bps(delta: DecimalInput, reference: DecimalInput): number {
  const r = dec(reference)
  if (r.isZero()) return 0
  return dec(delta).div(r).times(10_000).toNumber()
}
