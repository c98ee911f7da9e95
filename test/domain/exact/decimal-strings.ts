// fast-check generators of decimal strings for the exact-arithmetic tests: the plain prices and sizes venues send,
// and long, signed and exponent forms that make decimal.js round at 40 significant digits.
import fc from 'fast-check'

const digits = (min: number, max: number) =>
  fc
    .array(fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), { minLength: min, maxLength: max })
    .map((list) => list.join(''))

/** A non-negative plain decimal with up to `integerDigits` and `decimals` digits ("0.00125", "64000.5", "7."). */
export function plainDecimal(integerDigits: number, decimals: number): fc.Arbitrary<string> {
  return fc
    .tuple(digits(1, integerDigits), fc.option(digits(0, decimals), { nil: undefined }))
    .map(([whole, fraction]) => (fraction === undefined ? whole : `${whole}.${fraction}`))
}

/** A positive decimal as a venue would send it: at most 7 integer digits and 8 decimals, never zero. */
export const venueDecimal: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 0, max: 9_999_999 }),
    fc.integer({ min: 0, max: 8 }),
    fc.integer({ min: 1, max: 99_999_999 })
  )
  .map(([whole, places, fraction]) => {
    if (places === 0) return String(Math.max(1, whole))
    const decimals = String(fraction % 10 ** places).padStart(places, '0')
    return `${whole}.${decimals}`
  })
  .filter((text) => !/^0(\.0*)?$/.test(text))

/** Any decimal decimal.js reads in plain or exponent form, signed, up to about 60 digits. */
export const anyDecimal: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '', '', '-', '+'),
    fc.oneof(plainDecimal(3, 4), plainDecimal(12, 12), plainDecimal(30, 30), fc.constant('.5'), fc.constant('0')),
    fc.option(fc.integer({ min: -45, max: 45 }), { nil: undefined, freq: 4 })
  )
  .map(([sign, body, exponent]) => `${sign}${body}${exponent === undefined ? '' : `e${exponent}`}`)
