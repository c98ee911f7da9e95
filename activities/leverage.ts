// The account's leverage on a USD-M perpetual (Binance): a change to the account at the venue, run by
// setLeverageWorkflow so that it is durable and visible in the Temporal UI. Setting the same leverage again leaves the
// account as setting it once did, so the accountSetting policy may retry any failure that is not a refusal.
import { ApplicationFailure } from '@temporalio/activity'

import type { ExchangeId } from '../domain/types.js'
import type { ActivityDeps } from './deps.js'
import { asActivity } from './failures.js'

export interface SetLeverageInput {
  exchange: ExchangeId
  symbol: string
  leverage: number
}

export interface LeverageSet {
  exchange: ExchangeId
  symbol: string
  /** As the venue answered it. */
  leverage: number
}

export function createLeverageActivities({ connectors }: ActivityDeps) {
  return {
    async setAccountLeverage(input: SetLeverageInput): Promise<LeverageSet> {
      const connector = connectors.get(input.exchange)
      // Kraken's margin leverage goes with each order and Coinbase has none: the API refuses them before starting.
      if (connector.id !== 'binance') {
        throw ApplicationFailure.nonRetryable(`${input.exchange} has no account leverage setting`, 'ValidationError')
      }
      const applied = await asActivity(() => connector.setLeverage(input.symbol, input.leverage))
      return { exchange: connector.id, symbol: applied.symbol, leverage: applied.leverage }
    },
  }
}
