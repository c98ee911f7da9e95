// The account's fills as every connector reports them: ccxt trades -> our Fill (exact figures from the venue's own
// strings), filtered, deduplicated and oldest first; and the bound on how many pages one fill read may take.
import type { Trade as CcxtTrade } from 'ccxt'

import { isDecimalString, str } from '../domain/money.js'
import type { DecimalString, ExchangeId, Fill } from '../domain/types.js'
import { decimal, toSide } from './ccxt-convert.js'
import { InvalidOrderError } from './errors.js'

/** One fill read stops with an error rather than return part of the answer after this many venue pages. */
export const MAX_FILL_PAGES = 50

/** The venue's literal strings for a trade's figures, where its raw answer carries them (ccxt keeps numbers). */
export interface ExactFigures {
  price?: unknown
  amount?: unknown
  fee?: unknown
}

const exact = (raw: unknown, parsed: number | undefined): DecimalString | undefined =>
  isDecimalString(raw) ? str(raw) : decimal(parsed)

export function toFill(trade: CcxtTrade, figures: ExactFigures, now: number): Fill {
  const fill: Fill = {
    id: String(trade.id ?? ''),
    orderId: String(trade.order ?? ''),
    symbol: trade.symbol ?? '',
    side: toSide(trade.side),
    price: exact(figures.price, trade.price) ?? '0',
    amount: exact(figures.amount, trade.amount) ?? '0',
    timestamp: trade.timestamp ?? now,
  }
  const feeCost = exact(figures.fee, trade.fee?.cost)
  if (feeCost !== undefined && trade.fee?.currency) fill.fee = { cost: feeCost, currency: trade.fee.currency }
  if (trade.takerOrMaker === 'maker' || trade.takerOrMaker === 'taker') fill.takerOrMaker = trade.takerOrMaker
  return fill
}

export interface FillFilter {
  symbol?: string
  orderId?: string
  since?: number
}

/**
 * The fills that match, each once (a venue paging by offset may repeat a fill when new ones arrive between pages),
 * oldest first; `sequence` orders the fills of one millisecond (the venue's trade number where it has one).
 */
export function orderedFills(fills: Fill[], filter: FillFilter, sequence: (fill: Fill) => number): Fill[] {
  const seen = new Set<string>()
  return fills
    .filter((fill) => {
      if (seen.has(fill.id)) return false
      seen.add(fill.id)
      return (
        (filter.symbol === undefined || fill.symbol === filter.symbol) &&
        (filter.orderId === undefined || fill.orderId === filter.orderId) &&
        (filter.since === undefined || fill.timestamp >= filter.since)
      )
    })
    .sort((a, b) => a.timestamp - b.timestamp || sequence(a) - sequence(b))
}

/** Thrown when a read would need more than MAX_FILL_PAGES pages: the caller narrows it (a later `since`). */
export function tooManyFillPages(exchange: ExchangeId, operation: string): InvalidOrderError {
  return new InvalidOrderError(
    `${exchange} ${operation}: more fills than ${MAX_FILL_PAGES} pages hold; narrow the read with a later since`,
    { exchange, operation }
  )
}
