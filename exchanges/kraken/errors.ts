// Kraken's error strings that ccxt 4.5.84 files under a class too general for our contract (its generic
// ExchangeError, or InvalidOrder for an unknown order id), refined into the ExchangeError family.
import ccxt from 'ccxt'

import type { ExchangeId } from '../../domain/types.js'
import {
  AuthenticationError,
  type ExchangeError,
  ExchangeUnavailableError,
  InsufficientBalanceError,
  InvalidOrderError,
  OrderNotFoundError,
  RateLimitError,
  UnknownSymbolError,
} from '../errors.js'
import { redact } from '../error-mapping.js'

interface Context {
  exchange: ExchangeId
  operation: string
  secrets: readonly (string | undefined)[]
}

type Refine = (message: string, base: { exchange: ExchangeId; operation: string; cause: Error }) => ExchangeError

// The REST call counter drains 0.33 units per second (Starter): one call's worth is back after about 3 s.
const CALL_COUNTER_RETRY_MS = 3_100
const TRADING_COUNTER_RETRY_MS = 1_000

const invalid: Refine = (m, b) => new InvalidOrderError(m, b)
const insufficient: Refine = (m, b) => new InsufficientBalanceError(m, b)
const unavailable: Refine = (m, b) => new ExchangeUnavailableError(m, b)

const RULES: [RegExp, Refine][] = [
  // QueryOrders answers an unknown txid so; ccxt maps it to InvalidOrder except in cancelOrder (quirk 5)
  [/EOrder:Unknown order/, (m, b) => new OrderNotFoundError(m, b)],
  [/EAPI:Invalid signature/, (m, b) => new AuthenticationError(m, b)],
  [/EAPI:Rate limit exceeded/, (m, b) => new RateLimitError(m, { ...b, retryAfterMs: CALL_COUNTER_RETRY_MS })],
  [/EOrder:Rate limit exceeded/, (m, b) => new RateLimitError(m, { ...b, retryAfterMs: TRADING_COUNTER_RETRY_MS })],
  [/EService:Throttled/, (m, b) => new RateLimitError(m, { ...b, retryAfterMs: TRADING_COUNTER_RETRY_MS })],
  // A parsed refusal, not a lost answer: nothing reached the book, so even a placement is safe to retry later
  [/EService:(Unavailable|Market in cancel_only mode|Market in post_only mode)/, unavailable],
  [/EOrder:(Insufficient margin|Margin allowance exceeded|Margin level too low)/, insufficient],
  // (EOrder:Duplicate… is left to error-mapping.ts: the order exists, DuplicateClientOrderIdError)
  [/EOrder:(Post only order|Cost minimum not met|Invalid price|Cannot open)/, invalid],
  [/EOrder:Insufficient liquidity|EGeneral:Invalid arguments/, invalid],
  [/EQuery:Unknown asset pair/, (m, b) => new UnknownSymbolError(m, b)],
]

/** Our error for a Kraken answer ccxt classifies too loosely; anything else is returned unchanged. */
export function refineKrakenError(err: unknown, ctx: Context): unknown {
  if (!(err instanceof ccxt.ExchangeError) && !(err instanceof ccxt.NetworkError)) return err
  const rule = RULES.find(([pattern]) => pattern.test(err.message))
  if (rule === undefined) return err
  const message = redact(err.message, ctx.secrets)
  const cause = new Error(message)
  cause.name = err.name
  return rule[1](message, { exchange: ctx.exchange, operation: ctx.operation, cause })
}
