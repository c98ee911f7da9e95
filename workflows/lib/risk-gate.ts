// The pre-trade gate every order passes before its first send: an activity reads the facts (limits, the trading
// state, the order's value, the position, a send slot), the workflow decides (domain/risk/decide.ts), so the
// decision and its figures are in the history. A refusal is a definitive rejection, recorded in the ledger by an
// activity whose summary in the Temporal UI is the refusal itself.
import { log, patched, sleep, upsertSearchAttributes } from '@temporalio/workflow'

import type { PlaceOrderInput } from '../../activities/index.js'
import { decideOrderRisk } from '../../domain/risk/decide.js'
import { isNothingPlaced } from '../../domain/failures.js'
import { RISK_REJECTED, type RiskCheckInput } from '../../domain/risk/types.js'
import { ACTIVITY_OPTIONS, SA } from '../../temporal.config.js'
import { riskChecks, riskRecords } from './activities.js'
import { describeFailure } from './describe-failure.js'
import { PATCHES, type PlacementOutcome } from './placement.js'

/** How often an unwind held by HALTED looks at the state again. */
export const UNWIND_HOLD_RECHECK = '5s'

/**
 * undefined when the order may be sent; else its rejection. An unwind (`reducing`) is never refused: under HALTED it
 * waits, sending nothing, until the state lets it through (it takes risk down; dropping it would leave the
 * position open). A facts read that keeps failing refuses a new order (fail closed) and keeps an unwind waiting.
 */
export async function passRiskGate(
  input: PlaceOrderInput,
  reducing: boolean,
  /** The execution's start record, still being written: a refusal's ledger row refers to it. */
  startRecorded?: Promise<unknown>
): Promise<PlacementOutcome | undefined> {
  if (!patched(PATCHES.riskGate)) return undefined
  const check: RiskCheckInput = {
    executionId: input.executionId,
    exchange: input.exchange,
    request: input.request,
    ...(reducing ? { reducing: true } : {}),
  }
  let held = false
  for (;;) {
    const facts = await riskChecks.checkOrderRisk(check).catch((error: Error) => error)
    await startRecorded
    if (facts instanceof Error) {
      if (reducing) {
        await sleep(UNWIND_HOLD_RECHECK)
        continue
      }
      // Nothing was sent. A venue that cannot answer its book read (down, throttled) is that venue's failure, as it
      // would be for the order itself, so a failover moves on; anything else is the check's own failure.
      const failure = describeFailure(facts)
      const venueFailure = isNothingPlaced(failure.errorType)
      return {
        kind: 'not_placed',
        errorType: venueFailure ? failure.errorType : 'RiskCheckFailed',
        message: `the pre-trade check could not run: ${failure.message}`,
      }
    }
    const decision = decideOrderRisk(facts, check)
    if (decision.allowed) {
      if (held) upsertSearchAttributes([{ key: SA.orderStatus, value: 'UNWINDING' }])
      return undefined
    }
    if (reducing) {
      if (!held) {
        log.warn('unwind held by the trading state', {
          clientOrderId: input.request.clientOrderId,
          reason: decision.message,
        })
        upsertSearchAttributes([{ key: SA.orderStatus, value: 'UNWIND_HELD' }])
        held = true
      }
      await sleep(UNWIND_HOLD_RECHECK)
      continue
    }
    await riskRecords.recordRiskRefusal.executeWithOptions(
      { ...ACTIVITY_OPTIONS.risk, summary: `risk refused: ${decision.message}` },
      [{ placement: input, limit: decision.limit, message: decision.message }]
    )
    return {
      kind: 'rejected',
      errorType: RISK_REJECTED,
      message: `risk refused (${decision.limit}): ${decision.message}`,
    }
  }
}
