// PUT /api/leverage/:exchange/:symbol: one change of the account's leverage on a USD-M perpetual, as a workflow so
// that it is recorded (the run, its input and the venue's answer) and shown in the Temporal UI like every other
// change made to an account. The API has checked the exchange, the market and the bounds before starting it.
import type { LeverageSet, SetLeverageInput } from '../activities/leverage.js'
import { ACTIVITY_OPTIONS } from '../temporal.config.js'
import { accountSettings } from './lib/activities.js'

export async function setLeverageWorkflow(input: SetLeverageInput): Promise<LeverageSet> {
  return accountSettings.setAccountLeverage.executeWithOptions(
    {
      ...ACTIVITY_OPTIONS.accountSetting,
      summary: `leverage ${input.leverage}x on ${input.symbol} at ${input.exchange}`,
    },
    [input]
  )
}
