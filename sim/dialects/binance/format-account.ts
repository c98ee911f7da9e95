// Accounts in Binance's JSON shapes: spot GET /api/v3/account; USD-M account (v2/v3), balance, positionRisk
// (v2/v3) and leverageBracket. The simulator keeps one wallet per API key: USD-M margin is the same quote
// balance the spot account shows, with posted margin and open-order reservations in `locked`.

import { add, isZero, mul, sub, sum } from '../../../domain/money.js'
import type { SimBalance, SimMarket, SimPosition } from '../../engine/types.js'
import { fixed, spot } from './decimals.js'
import { marketId } from './symbols.js'

/** Maintenance margin ratio of the single leverage bracket the simulator publishes (BTCUSDT's first). */
export const MAINT_MARGIN_RATIO = '0.004'
export const MAX_NOTIONAL = '1000000000'

const basisPoints = (fee: string): number => Number(mul(fee, 10_000))

export function spotAccount(
  balances: Record<string, SimBalance>,
  fees: { maker: string; taker: string },
  uid: number,
  now: number
): unknown {
  return {
    makerCommission: basisPoints(fees.maker),
    takerCommission: basisPoints(fees.taker),
    buyerCommission: 0,
    sellerCommission: 0,
    commissionRates: { maker: spot(fees.maker), taker: spot(fees.taker), buyer: spot(0), seller: spot(0) },
    canTrade: true,
    canWithdraw: true,
    canDeposit: true,
    brokered: false,
    requireSelfTradePrevention: false,
    preventSor: false,
    updateTime: now,
    accountType: 'SPOT',
    balances: Object.entries(balances).map(([asset, b]) => ({ asset, free: spot(b.free), locked: spot(b.locked) })),
    permissions: ['SPOT'],
    uid,
  }
}

export function spotCommission(symbol: string, fees: { maker: string; taker: string }): unknown {
  const rates = { maker: spot(fees.maker), taker: spot(fees.taker), buyer: spot(0), seller: spot(0) }
  const zero = { maker: spot(0), taker: spot(0), buyer: spot(0), seller: spot(0) }
  return {
    symbol,
    standardCommission: rates,
    specialCommission: zero,
    taxCommission: zero,
    discount: { enabledForAccount: false, enabledForSymbol: false, discountAsset: 'BNB', discount: spot(0) },
  }
}

const f8 = (v: string): string => fixed(v, 8)

interface MarginAsset {
  asset: string
  wallet: string
  free: string
  locked: string
  unrealized: string
  positionMargin: string
  maintMargin: string
}

const notionalOf = (p: SimPosition): string => mul(p.amount, p.markPrice)

function marginAssets(
  balances: Record<string, SimBalance>,
  perps: SimMarket[],
  positions: SimPosition[]
): MarginAsset[] {
  const assets = [...new Set(perps.map((m) => m.quote))]
  return assets.map((asset) => {
    const balance = balances[asset] ?? { free: '0', locked: '0' }
    const held = positions.filter((p) => perps.find((m) => m.symbol === p.symbol)?.quote === asset)
    return {
      asset,
      wallet: add(balance.free, balance.locked),
      free: balance.free,
      locked: balance.locked,
      unrealized: sum(held.map((p) => p.unrealizedPnl)),
      positionMargin: sum(held.map((p) => p.margin)),
      maintMargin: sum(held.map((p) => mul(notionalOf(p), MAINT_MARGIN_RATIO))),
    }
  })
}

function assetRow(a: MarginAsset, now: number) {
  const marginBalance = add(a.wallet, a.unrealized)
  return {
    asset: a.asset,
    walletBalance: f8(a.wallet),
    unrealizedProfit: f8(a.unrealized),
    marginBalance: f8(marginBalance),
    maintMargin: f8(a.maintMargin),
    initialMargin: f8(a.locked),
    positionInitialMargin: f8(a.positionMargin),
    openOrderInitialMargin: f8(sub(a.locked, a.positionMargin)),
    crossWalletBalance: f8(a.wallet),
    crossUnPnl: f8(a.unrealized),
    availableBalance: f8(a.free),
    maxWithdrawAmount: f8(a.free),
    // ccxt skips assets whose updateTime is 0 (binance.js:4086)
    updateTime: now,
  }
}

export function futuresAccount(
  balances: Record<string, SimBalance>,
  perps: SimMarket[],
  positions: SimPosition[],
  now: number
): unknown {
  const assets = marginAssets(balances, perps, positions)
  const total = (pick: (a: MarginAsset) => string) => f8(sum(assets.map(pick)))
  return {
    totalInitialMargin: total((a) => a.locked),
    totalMaintMargin: total((a) => a.maintMargin),
    totalWalletBalance: total((a) => a.wallet),
    totalUnrealizedProfit: total((a) => a.unrealized),
    totalMarginBalance: total((a) => add(a.wallet, a.unrealized)),
    totalPositionInitialMargin: total((a) => a.positionMargin),
    totalOpenOrderInitialMargin: total((a) => sub(a.locked, a.positionMargin)),
    totalCrossWalletBalance: total((a) => a.wallet),
    totalCrossUnPnl: total((a) => a.unrealized),
    availableBalance: total((a) => a.free),
    maxWithdrawAmount: total((a) => a.free),
    assets: assets.map((a) => assetRow(a, now)),
    positions: positions.map((p) => ({
      symbol: marketIdOf(p, perps),
      positionSide: 'BOTH',
      positionAmt: signedAmount(p),
      unrealizedProfit: f8(p.unrealizedPnl),
      isolatedMargin: f8('0'),
      notional: f8(signedNotional(p)),
      isolatedWallet: f8('0'),
      initialMargin: f8(p.margin),
      maintMargin: f8(mul(notionalOf(p), MAINT_MARGIN_RATIO)),
      updateTime: now,
    })),
  }
}

export function futuresBalanceRows(
  balances: Record<string, SimBalance>,
  perps: SimMarket[],
  positions: SimPosition[],
  now: number
): unknown {
  return marginAssets(balances, perps, positions).map((a) => ({
    accountAlias: 'SgsR',
    asset: a.asset,
    balance: f8(a.wallet),
    crossWalletBalance: f8(a.wallet),
    crossUnPnl: f8(a.unrealized),
    availableBalance: f8(a.free),
    maxWithdrawAmount: f8(a.free),
    marginAvailable: true,
    updateTime: now,
  }))
}

const marketIdOf = (p: SimPosition, perps: SimMarket[]): string => {
  const market = perps.find((m) => m.symbol === p.symbol)
  return market === undefined ? p.symbol : marketId(market)
}

const signedAmount = (p: SimPosition): string => (p.side === 'short' && !isZero(p.amount) ? `-${p.amount}` : p.amount)
const signedNotional = (p: SimPosition): string => (p.side === 'short' ? mul(notionalOf(p), -1) : notionalOf(p))

export function positionRiskV3(p: SimPosition, perps: SimMarket[], quote: string, now: number): unknown {
  return {
    symbol: marketIdOf(p, perps),
    positionSide: 'BOTH',
    positionAmt: signedAmount(p),
    entryPrice: p.entryPrice,
    breakEvenPrice: p.entryPrice,
    markPrice: f8(p.markPrice),
    unRealizedProfit: f8(p.unrealizedPnl),
    liquidationPrice: p.liquidationPrice,
    isolatedMargin: '0',
    notional: f8(signedNotional(p)),
    marginAsset: quote,
    isolatedWallet: '0',
    initialMargin: f8(p.margin),
    maintMargin: f8(mul(notionalOf(p), MAINT_MARGIN_RATIO)),
    positionInitialMargin: f8(p.margin),
    openOrderInitialMargin: '0',
    adl: 0,
    bidNotional: '0',
    askNotional: '0',
    updateTime: now,
  }
}

export function positionRiskV2(p: SimPosition, perps: SimMarket[], now: number): unknown {
  return {
    symbol: marketIdOf(p, perps),
    positionAmt: signedAmount(p),
    entryPrice: p.entryPrice,
    breakEvenPrice: p.entryPrice,
    markPrice: f8(p.markPrice),
    unRealizedProfit: f8(p.unrealizedPnl),
    liquidationPrice: p.liquidationPrice,
    leverage: String(p.leverage),
    maxNotionalValue: MAX_NOTIONAL,
    marginType: 'cross',
    isolatedMargin: f8('0'),
    isAutoAddMargin: 'false',
    positionSide: 'BOTH',
    notional: f8(signedNotional(p)),
    isolatedWallet: '0',
    updateTime: now,
  }
}

/** One bracket per symbol: up to the market's maximum leverage over the whole notional range. */
export function leverageBracket(market: SimMarket): unknown {
  return {
    symbol: marketId(market),
    notionalCoef: 1,
    brackets: [
      {
        bracket: 1,
        initialLeverage: market.maxLeverage,
        notionalCap: Number(MAX_NOTIONAL),
        notionalFloor: 0,
        maintMarginRatio: Number(MAINT_MARGIN_RATIO),
        cum: 0,
      },
    ],
  }
}
