// Request parameters as Binance reads them: query string and form body together, by name. Typed getters
// answer with Binance's own errors for missing or malformed values.

import { isDecimalString } from '../../../domain/money.js'
import { illegalParam, mandatoryParam } from './errors.js'

const DECIMAL_RANGE = '^([0-9]{1,20})(\\.[0-9]{1,20})?$'

export class BinanceParams {
  readonly #values: Map<string, string>

  constructor(query: string, body: string) {
    this.#values = new Map()
    for (const raw of [query, body]) {
      for (const [name, value] of new URLSearchParams(raw)) this.#values.set(name, value)
    }
  }

  has(name: string): boolean {
    const value = this.#values.get(name)
    return value !== undefined && value !== ''
  }

  string(name: string): string | undefined {
    const value = this.#values.get(name)
    return value === '' ? undefined : value
  }

  requiredString(name: string): string {
    const value = this.string(name)
    if (value === undefined) throw mandatoryParam(name)
    return value
  }

  /** A non-negative decimal such as "0.01" (Binance rejects exponents and signs). */
  decimal(name: string): string | undefined {
    const value = this.string(name)
    if (value === undefined) return undefined
    if (!isDecimalString(value) || !/^\d+(\.\d+)?$/.test(value)) throw illegalParam(name, DECIMAL_RANGE)
    return value
  }

  requiredDecimal(name: string): string {
    const value = this.decimal(name)
    if (value === undefined) throw mandatoryParam(name)
    return value
  }

  integer(name: string): number | undefined {
    const value = this.string(name)
    if (value === undefined) return undefined
    if (!/^-?\d{1,16}$/.test(value)) throw illegalParam(name, '^-?[0-9]{1,16}$')
    return Number(value)
  }

  requiredInteger(name: string): number {
    const value = this.integer(name)
    if (value === undefined) throw mandatoryParam(name)
    return value
  }

  boolean(name: string): boolean | undefined {
    const value = this.string(name)
    if (value === undefined) return undefined
    if (value !== 'true' && value !== 'false') throw illegalParam(name, 'true, false')
    return value === 'true'
  }
}
