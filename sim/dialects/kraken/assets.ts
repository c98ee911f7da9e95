// Kraken's asset names. Legacy assets carry an X (crypto) or Z (fiat) prefix and an altname: XXBT/XBT is BTC,
// ZUSD is USD, XETH/ETH is ETH; newer assets (USDT, SOL) use their plain code. ccxt maps them back through its
// commonCurrencies table, so the unified symbols stay BTC/USD etc.

export interface KrakenAsset {
  /** Unified code (BTC). */
  code: string
  /** Kraken's asset id, the key in Assets/Balance (XXBT). */
  id: string
  /** Assets.altname (XBT; ZUSD for the fiat legacy ids, as Kraken reports them). */
  altname: string
  /** Short name used inside pair altnames (XBT in XBTUSD, USD in XBTUSD). */
  short: string
  /** Assets.decimals: balance scale. */
  decimals: number
  displayDecimals: number
  /** Legacy X/Z-prefixed asset: pairs of two legacy assets are named by their ids (XXBTZUSD). */
  legacy: boolean
}

const KNOWN: Record<string, Omit<KrakenAsset, 'code'>> = {
  BTC: { id: 'XXBT', altname: 'XBT', short: 'XBT', decimals: 10, displayDecimals: 5, legacy: true },
  ETH: { id: 'XETH', altname: 'ETH', short: 'ETH', decimals: 10, displayDecimals: 5, legacy: true },
  LTC: { id: 'XLTC', altname: 'LTC', short: 'LTC', decimals: 10, displayDecimals: 5, legacy: true },
  XRP: { id: 'XXRP', altname: 'XRP', short: 'XRP', decimals: 8, displayDecimals: 5, legacy: true },
  DOGE: { id: 'XXDG', altname: 'XDG', short: 'XDG', decimals: 8, displayDecimals: 2, legacy: true },
  USD: { id: 'ZUSD', altname: 'ZUSD', short: 'USD', decimals: 4, displayDecimals: 2, legacy: true },
  EUR: { id: 'ZEUR', altname: 'ZEUR', short: 'EUR', decimals: 4, displayDecimals: 2, legacy: true },
  GBP: { id: 'ZGBP', altname: 'ZGBP', short: 'GBP', decimals: 4, displayDecimals: 2, legacy: true },
  USDT: { id: 'USDT', altname: 'USDT', short: 'USDT', decimals: 8, displayDecimals: 4, legacy: false },
  USDC: { id: 'USDC', altname: 'USDC', short: 'USDC', decimals: 8, displayDecimals: 4, legacy: false },
  SOL: { id: 'SOL', altname: 'SOL', short: 'SOL', decimals: 10, displayDecimals: 5, legacy: false },
}

/** The Kraken naming of a unified currency code; unknown codes are used as they are. */
export function krakenAsset(code: string): KrakenAsset {
  const known = KNOWN[code]
  if (known) return { code, ...known }
  return { code, id: code, altname: code, short: code, decimals: 8, displayDecimals: 5, legacy: false }
}
