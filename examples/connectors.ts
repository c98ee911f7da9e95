// The connector API, one example per exchange, runnable as is:   npx tsx examples/connectors.ts
// It starts the venue simulator in-process and talks to it with the unmodified ccxt clients and the simulator's demo
// credentials. Against a real exchange, drop `baseUrl` and pass your own keys (or use exchanges/registry.ts, which
// reads them from the environment).
import { createBinanceConnector } from '../exchanges/binance.js'
import { createCoinbaseConnector } from '../exchanges/coinbase.js'
import { connectorConfig } from '../exchanges/config.js'
import { ExchangeError } from '../exchanges/errors.js'
import { createKrakenConnector } from '../exchanges/kraken.js'
import { DEMO_CREDENTIALS } from '../sim/credentials.js'
import { startSimulator } from '../sim/server.js'

const sim = await startSimulator({ tickIntervalMs: 0 })
const show = (label: string, value: unknown) => console.log(`${label.padEnd(28)} ${JSON.stringify(value)}`)

try {
  // Binance: spot and USD-M futures.
  const binance = createBinanceConnector(
    connectorConfig({ ...DEMO_CREDENTIALS.binance, baseUrl: sim.urls.binance, demo: true })
  )
  await binance.initialize()
  const book = await binance.getOrderBook('BTC/USDT', 3)
  show('binance best ask', book.asks[0])
  const bought = await binance.placeOrder({
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'market',
    amount: '0.01',
    clientOrderId: 'example-buy-1',
  })
  show('binance market buy', {
    id: bought.id,
    status: bought.status,
    filled: bought.filled,
    average: bought.average,
    fee: bought.fee,
  })
  show('binance by client id', (await binance.getOrder({ symbol: 'BTC/USDT', clientOrderId: 'example-buy-1' })).status)
  await binance.setLeverage('BTC/USDT:USDT', 10)
  await binance.placeFuturesOrder({ symbol: 'BTC/USDT:USDT', side: 'buy', type: 'market', amount: '0.01' })
  show(
    'binance futures positions',
    (await binance.getFuturesPositions()).map((p) => [p.symbol, p.side, p.contracts, p.leverage])
  )

  // Coinbase Exchange: post-only, GTT with cancel_after, fills and funding records.
  const coinbase = createCoinbaseConnector(
    connectorConfig({ ...DEMO_CREDENTIALS.coinbase, baseUrl: sim.urls.coinbase, demo: true })
  )
  await coinbase.initialize()
  const resting = await coinbase.placeAdvancedOrder({
    symbol: 'BTC/USD',
    side: 'buy',
    type: 'limit',
    amount: '0.01',
    price: '50000',
    postOnly: true,
    timeInForce: 'GTT',
    cancelAfter: 'hour',
  })
  show('coinbase GTT post-only', { id: resting.id, status: resting.status, clientOrderId: resting.clientOrderId })
  show('coinbase cancel', (await coinbase.cancelOrder({ symbol: 'BTC/USD', id: resting.id })).status)
  const sold = await coinbase.placeOrder({ symbol: 'BTC/USD', side: 'sell', type: 'market', amount: '0.01' })
  show(
    'coinbase fills',
    (await coinbase.getFills({ orderId: sold.id })).map((f) => [f.price, f.amount, f.fee?.cost])
  )
  show('coinbase funding (USD)', (await coinbase.getFundingRecords({ currency: 'USD' })).length)

  // Kraken: margin, conditional orders and trade history; client order ids looked up through open/closed orders.
  const kraken = createKrakenConnector(
    connectorConfig({ ...DEMO_CREDENTIALS.kraken, baseUrl: sim.urls.kraken, demo: true })
  )
  await kraken.initialize()
  const stop = await kraken.placeConditionalOrder({
    symbol: 'BTC/USD',
    side: 'sell',
    amount: '0.01',
    type: 'stop-loss',
    triggerPrice: '50000',
  })
  show('kraken stop-loss', { id: stop.id, status: stop.status, triggerPrice: stop.triggerPrice })
  await kraken.placeMarginOrder({ symbol: 'BTC/USD', side: 'buy', type: 'market', amount: '0.01', leverage: 2 })
  show(
    'kraken margin positions',
    (await kraken.getMarginPositions()).map((p) => [p.symbol, p.side, p.amount, p.leverage])
  )
  show('kraken trade history', (await kraken.getTradeHistory({})).length)

  // Every failure is an ExchangeError subclass that says what to do next.
  try {
    await kraken.placeOrder({ symbol: 'BTC/USD', side: 'buy', type: 'limit', amount: '0.00001', price: '60000' })
  } catch (error) {
    if (!(error instanceof ExchangeError)) throw error
    show(`kraken ${error.name}`, error.message)
  }
  await Promise.all([binance.close(), coinbase.close(), kraken.close()])
} finally {
  await sim.close()
}
