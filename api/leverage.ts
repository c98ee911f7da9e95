// PUT /api/leverage's two halves: the checks made before anything starts (the market is a USD-M perpetual the venue
// lists, the leverage within that market's own maximum), and the run of setLeverageWorkflow, bounded in time.
import type { SetLeverageInput, LeverageSet } from '../activities/leverage.js'
import type { ExchangeId } from '../domain/types.js'
import { SA } from '../temporal.config.js'
import type { AppDeps } from './deps.js'
import { marketsOf } from './display-markets.js'
import { ApiError, badRequest } from './errors.js'
import { runRead, venueError } from './exchange-read.js'
import { workflowFailure } from './workflow-failure.js'

/**
 * How long the API waits for the change. The activity's own budget (accountSetting: a minute) ends the run sooner;
 * this only bounds a request when no worker picks the run up.
 */
export const LEVERAGE_WAIT_MS = 75_000

export async function checkLeverage(
  deps: Pick<AppDeps, 'runner' | 'reader'>,
  exchange: ExchangeId,
  symbol: string,
  leverage: number
): Promise<void> {
  const market = (await marketsOf(deps).get(exchange)).get(symbol)
  if (market === undefined) {
    throw new ApiError(404, 'unknown_symbol', `unknown symbol ${symbol} on ${exchange}`, { exchange, symbol })
  }
  if (market.type !== 'swap') {
    const perpetual = `${market.base}/${market.quote}:${market.quote}`
    throw badRequest(
      `symbol: ${symbol} is a spot market; leverage is set on a USD-M perpetual such as ${perpetual}`,
      'symbol'
    )
  }
  const maxLeverage = await runRead<number>(deps, exchange, { operation: 'maxLeverage', symbol })
  if (leverage > maxLeverage) {
    throw badRequest(`leverage: ${symbol} on ${exchange} allows at most ${maxLeverage}x, not ${leverage}x`, 'leverage')
  }
}

export async function setLeverage(
  deps: Pick<AppDeps, 'runner'>,
  workflowId: string,
  input: SetLeverageInput,
  waitMs = LEVERAGE_WAIT_MS
): Promise<LeverageSet> {
  const run = deps.runner.execute(
    'setLeverageWorkflow',
    workflowId,
    [input],
    [
      { key: SA.exchange, value: input.exchange },
      { key: SA.symbol, value: input.symbol },
      { key: SA.strategy, value: 'leverage' },
    ]
  )
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const message = `no answer within ${waitMs} ms; the change may still be made: see workflow ${workflowId}`
      reject(
        new ApiError(503, 'venue_unavailable', message, { exchange: input.exchange, errorType: 'Timeout', workflowId })
      )
    }, waitMs)
  })
  try {
    return await Promise.race([run, late])
  } catch (error) {
    const failure = workflowFailure(error)
    if (failure === undefined) throw error
    const answer = venueError(failure, input.exchange, input.symbol)
    throw new ApiError(answer.status, answer.code, answer.message, { ...answer.extra, workflowId })
  } finally {
    clearTimeout(timer)
  }
}
