// The exact scaled-integer arithmetic against decimal.js as domain/money.ts configures it (40 significant digits,
// half to even): routing and arbitrage figures are byte-identical only if every operation is. fast-check draws
// venue-like decimals and long, signed and exponent forms that make decimal.js round, and compares each operation's
// canonical string (or float) with money.ts's.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  compare,
  decimalPlaces,
  dividedBy,
  exactFromNumber,
  floorToStep,
  minus,
  parseExact,
  plus,
  ratio,
  SIGNIFICANT_DIGITS,
  times,
  toDecimalPlaces,
  toDecimalString,
  toFixedPlaces,
} from '../../../domain/exact/index.js'
import { cmp, dec, floorToStep as moneyFloorToStep, str } from '../../../domain/money.js'
import { anyDecimal, venueDecimal } from './decimal-strings.js'

const RUNS = 3_000
const decimal = fc.oneof(venueDecimal, anyDecimal)
const nonZero = decimal.filter((text) => !dec(text).isZero())
const read = (text: string) => toDecimalString(parseExact(text))

describe('exact decimals', () => {
  it('round at the same precision as domain/money.ts', () => {
    expect(str(dec(1).div(3))).toBe(`0.${'3'.repeat(SIGNIFICANT_DIGITS)}`)
    expect(toDecimalString(dividedBy(parseExact('1'), parseExact('3')))).toBe(`0.${'3'.repeat(SIGNIFICANT_DIGITS)}`)
  })

  it('read and write decimals as money.str does', () => {
    fc.assert(
      fc.property(decimal, (text) => {
        expect(read(text)).toBe(str(text))
      }),
      { numRuns: RUNS }
    )
    for (const text of [
      '0',
      '-0',
      '0.000',
      '1e-8',
      '1E+3',
      '-12.3400',
      '.5',
      '7.',
      '0x1f',
      '0b101',
      '123456789012345678901.5',
    ]) {
      expect(read(text)).toBe(str(text))
    }
  })

  it('read JS numbers as decimal.js does', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        expect(toDecimalString(exactFromNumber(value))).toBe(str(value))
      }),
      { numRuns: RUNS }
    )
  })

  it('refuse what is not a finite decimal', () => {
    expect(() => parseExact('NaN')).toThrow(RangeError)
    expect(() => parseExact('Infinity')).toThrow(RangeError)
    expect(() => parseExact('abc')).toThrow()
    expect(() => parseExact('')).toThrow()
    expect(() => parseExact('1e')).toThrow()
  })

  it('add, subtract and multiply to the same 40 digits', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        const [x, y] = [parseExact(a), parseExact(b)]
        expect(toDecimalString(plus(x, y))).toBe(str(dec(a).plus(b)))
        expect(toDecimalString(minus(x, y))).toBe(str(dec(a).minus(b)))
        expect(toDecimalString(times(x, y))).toBe(str(dec(a).times(b)))
        expect(compare(x, y)).toBe(cmp(a, b))
      }),
      { numRuns: RUNS }
    )
  })

  it('divide to the same 40 digits, and to the same float', () => {
    fc.assert(
      fc.property(decimal, nonZero, (a, b) => {
        const quotient = dividedBy(parseExact(a), parseExact(b))
        expect(toDecimalString(quotient)).toBe(str(dec(a).div(b)))
        // A negative zero numerator ('-0') is the one input whose sign an exact integer cannot carry.
        if (!(dec(a).isZero() && dec(a).isNegative())) {
          expect(ratio(parseExact(a), parseExact(b))).toBe(dec(a).div(b).toNumber())
        }
      }),
      { numRuns: RUNS }
    )
  })

  it('round ties to even, as decimal.js does', () => {
    // 41 significant digits ending in 5: exactly halfway between two 40-digit results, once odd and once even.
    const odd = `1${'0'.repeat(38)}15`
    const even = `1${'0'.repeat(38)}25`
    for (const text of [odd, even, `-${odd}`, `0.${even}`]) {
      expect(toDecimalString(plus(parseExact(text), parseExact('0')))).toBe(str(dec(text).plus(0)))
      expect(toDecimalString(dividedBy(parseExact(text), parseExact('1')))).toBe(str(dec(text).div(1)))
      expect(toDecimalString(dividedBy(parseExact(text + '0'), parseExact('10')))).toBe(str(dec(text + '0').div(10)))
      expect(toDecimalString(times(parseExact(text), parseExact('1')))).toBe(str(dec(text).times(1)))
    }
    expect(toDecimalString(dividedBy(parseExact(odd), parseExact('1')))).toBe(`1${'0'.repeat(38)}2${'0'}`)
    expect(toDecimalString(toDecimalPlaces(parseExact('0.000000125'), 8))).toBe('0.00000012')
    expect(toDecimalString(toDecimalPlaces(parseExact('0.000000135'), 8))).toBe('0.00000014')
  })

  it('give decimal.js floats for a zero divisor', () => {
    expect(ratio(parseExact('1'), parseExact('0'))).toBe(dec(1).div(0).toNumber())
    expect(ratio(parseExact('-1'), parseExact('0'))).toBe(dec(-1).div(0).toNumber())
    expect(ratio(parseExact('0'), parseExact('0'))).toBeNaN()
  })

  it('round to places and steps as money.ts does', () => {
    const step = fc.oneof(fc.constantFrom('0', '1', '0.00001', '0.00000001', '0.25', '0.1', '5'), venueDecimal)
    fc.assert(
      fc.property(decimal, step, fc.integer({ min: 0, max: 12 }), (a, s, places) => {
        const x = parseExact(a)
        expect(toDecimalString(toDecimalPlaces(x, places))).toBe(str(dec(a).toDecimalPlaces(places)))
        expect(toDecimalString(floorToStep(x, parseExact(s)))).toBe(moneyFloorToStep(a, s))
        const width = Math.max(2, decimalPlaces(x))
        expect(decimalPlaces(x)).toBe(dec(a).decimalPlaces())
        if (!dec(a).isZero()) expect(toFixedPlaces(x, width)).toBe(dec(a).toFixed(width))
      }),
      { numRuns: RUNS }
    )
  })
})
