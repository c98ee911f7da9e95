// Kraken spot dialect of the venue simulator.
import type { DialectFactory } from '../../dialect.js'
import { type KrakenDialectOptions, createKrakenHandler } from './handler.js'

/** A Kraken dialect with non-default limits (tests inject smaller or disabled counters here). */
export function krakenDialect(options: KrakenDialectOptions = {}): DialectFactory {
  return (context) => createKrakenHandler(context, options)
}

/** The Kraken dialect with Kraken's Starter-tier limits. */
export const createKrakenDialect: DialectFactory = krakenDialect()

export type { KrakenDialectOptions } from './handler.js'
export type { RateLimitOptions, KrakenTier, DecayingLimit } from './rate-limits.js'
export { krakenSignature } from './signature.js'
export { encodeTxid, decodeTxid } from './txid.js'
