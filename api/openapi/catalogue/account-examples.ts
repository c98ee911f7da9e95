// Example answers of the account routes, checked against their schemas by test/api-docs/openapi-document.test.ts.
const T = 1_767_312_000_000

export const futuresPositions = {
  exchange: 'binance',
  demo: true,
  kind: 'futures',
  positions: [
    {
      symbol: 'BTC/USDT:USDT',
      side: 'long',
      amount: '0.01',
      entryPrice: '64010.5',
      leverage: 20,
      unrealizedPnl: '-0.105',
      liquidationPrice: '61066.1',
    },
  ],
}

export const marginPositions = {
  exchange: 'kraken',
  demo: true,
  kind: 'margin',
  positions: [
    { symbol: 'BTC/USD', side: 'long', amount: '0.1', entryPrice: '64010', leverage: 3, unrealizedPnl: '-2' },
  ],
}

export const noPositions = {
  exchange: 'coinbase',
  demo: true,
  kind: 'none',
  positions: [],
  note: 'coinbase (Coinbase Exchange) trades spot only: it holds no futures or margin positions; see GET /api/balances/coinbase',
}

export const leverageSet = {
  exchange: 'binance',
  symbol: 'BTC/USDT:USDT',
  leverage: 5,
  workflowId: 'leverage-binance-0b6f3c2e-8d4a-4f1b-9c7e-2a5d8e1f4b3c',
}

export const accountInfo = {
  exchange: 'binance',
  demo: true,
  canTrade: true,
  canWithdraw: true,
  canDeposit: true,
  permissions: ['SPOT'],
  fees: { symbol: 'BTC/USDT', maker: '0.001', taker: '0.001' },
}

export const fundingRecords = {
  exchange: 'coinbase',
  demo: true,
  currency: 'BTC',
  records: [
    {
      id: '5f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b',
      currency: 'BTC',
      amount: '11',
      type: 'deposit',
      status: 'ok',
      timestamp: T - 47 * 3_600_000,
    },
    {
      id: '6a2e3d4c-5b6a-4f70-9b8c-0d1e2f3a4b5c',
      currency: 'BTC',
      amount: '1',
      type: 'withdrawal',
      status: 'ok',
      timestamp: T - 23 * 3_600_000,
    },
  ],
}

export const venueFills = {
  exchange: 'binance',
  demo: true,
  symbol: 'BTC/USDT',
  orderId: '28457',
  fills: [
    {
      id: '1204',
      orderId: '28457',
      symbol: 'BTC/USDT',
      side: 'buy',
      price: '64010.5',
      amount: '0.006',
      fee: { cost: '0.384063', currency: 'USDT' },
      takerOrMaker: 'taker',
      timestamp: T,
    },
    {
      id: '1205',
      orderId: '28457',
      symbol: 'BTC/USDT',
      side: 'buy',
      price: '64011',
      amount: '0.004',
      fee: { cost: '0.256044', currency: 'USDT' },
      takerOrMaker: 'taker',
      timestamp: T,
    },
  ],
}
