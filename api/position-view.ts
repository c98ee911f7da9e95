// One shape for every venue's open positions in GET /api/positions/:exchange: Binance's USD-M perpetual positions and
// Kraken's spot-margin positions side by side, with the figures each venue gives (Kraken reports no liquidation price).
import type { FuturesPosition } from '../domain/types.js'
import type { MarginPosition } from '../exchanges/connector.js'

export interface PositionView {
  symbol: string
  side: 'long' | 'short'
  /** In the base currency (a Binance USD-M contract is one unit of the base). */
  amount: string
  entryPrice: string
  leverage: number
  unrealizedPnl?: string
  liquidationPrice?: string
}

export function futuresPositionView(position: FuturesPosition): PositionView {
  const { symbol, side, contracts, entryPrice, leverage, unrealizedPnl, liquidationPrice } = position
  return {
    symbol,
    side,
    amount: contracts,
    entryPrice,
    leverage,
    unrealizedPnl,
    ...(liquidationPrice !== undefined && { liquidationPrice }),
  }
}

export function marginPositionView(position: MarginPosition): PositionView {
  const { symbol, side, amount, entryPrice, leverage, unrealizedPnl } = position
  return { symbol, side, amount, entryPrice, leverage, ...(unrealizedPnl !== undefined && { unrealizedPnl }) }
}
