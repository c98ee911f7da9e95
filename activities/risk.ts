// Risk activities: the facts the workflow's pre-trade decision (domain/risk/decide.ts) is made from, the record of
// a refusal, and the monitor's automation check. They read; the workflow decides, so every decision and its figures
// are in the history. Reads are cheap (the history's database, plus the book top for a market order) and safe to retry; the send
// slot is keyed by the client order id, so a retried check holds one slot, not two.
import { and, eq } from 'drizzle-orm'

import { getOrderAttempt, recordOrderIntent, updateOrderAttempt } from '../db/order-attempts.js'
import {
  evaluateAutoHalts,
  monitorExecutionsLastHour,
  netPosition,
  releaseSendSlot,
  reserveSendSlot,
} from '../db/risk-facts.js'
import { jsonText } from '../db/json-text.js'
import { effectiveState, getLimits, getTradingStates, recordRiskEvent, RISK_LOCK } from '../db/risk-store.js'
import { canonicalClientOrderId } from '../domain/client-order-id.js'
import { abs, sub } from '../domain/money.js'
import { DEFAULT_RISK_LIMITS } from '../domain/risk/config.js'
import { assetsOf, exposureCeiling } from '../domain/risk/decide.js'
import {
  RISK_REJECTED,
  type RiskCheckInput,
  type RiskFacts,
  type RiskLimitName,
  type RiskLimits,
  type TradingStateName,
} from '../domain/risk/types.js'
import type { DecimalString } from '../domain/types.js'
import type { AnyConnector } from '../exchanges/connector.js'
import type { ActivityDeps } from './deps.js'
import { asActivity } from './failures.js'
import { orderIntentOf, type PlaceOrderInput } from './orders.js'

export interface RiskRefusalInput {
  /** The placement that was refused: its ledger row is written from it (role, seq, the order). */
  placement: PlaceOrderInput
  limit: RiskLimitName
  message: string
}

export interface AutomationCheckInput {
  /** The monitor's workflow id; its children are `<monitorId>~arb-<n>`. */
  monitorId: string
}

export interface AutomationFacts {
  /** The platform-wide state ('all'): a monitor starts executions only while ACTIVE. */
  state: TradingStateName
  executionsLastHour: number
  maxPerHour: number
}

/** Ledger statuses of an order that is not at the venue: a refusal may be recorded over them. */
const NOT_AT_VENUE = new Set(['pending', 'absent'])

export function createRiskActivities({
  connectors,
  db,
  now = Date.now,
  riskLimits = DEFAULT_RISK_LIMITS,
}: ActivityDeps) {
  const limitsNow = (): Promise<RiskLimits> => getLimits(db, riskLimits)

  return {
    async checkOrderRisk(input: RiskCheckInput): Promise<RiskFacts> {
      const at = now()
      const limits = await limitsNow()
      // Halts first: an order must not slip through in the moment the loss or error figures cross their limits.
      await evaluateAutoHalts(db, limits, at)
      const { exchange, request } = input
      const clientOrderId = canonicalClientOrderId(exchange, request.clientOrderId)
      const { base, futures } = assetsOf(request.symbol)
      const state = await effectiveState(db, exchange)
      const connector = connectors.get(exchange)
      // Reads the decision will not use are skipped: under HALTED nothing is sent, and an unwind is exempt from the
      // notional (a venue whose market data fails must not hold an unwind up).
      const decides = state.state !== 'HALTED' && input.reducing !== true
      const valuationPrice = decides ? await valuationPriceOf(connector, request) : undefined
      const heldAtVenue =
        decides && state.state === 'REDUCING' ? await heldAt(connector, request.symbol, base, futures) : undefined
      // The slot is taken last, after every read that may fail: a failed check holds none.
      const slot =
        state.state === 'HALTED'
          ? { reserved: false, sentLastMinute: 0 }
          : await reserveSendSlot(db, {
              clientOrderId,
              exchange,
              cap: limits.maxOrdersPerMinutePerVenue,
              force: input.reducing === true,
              now: at,
            })
      const ceiling = exposureCeiling(limits, exchange, base) !== undefined
      return {
        limits,
        state: state.state,
        stateReason: state.reason,
        ...(valuationPrice !== undefined ? { valuationPrice } : {}),
        ...(ceiling && { netPosition: await netPosition(db, exchange, base) }),
        ...(heldAtVenue !== undefined ? { heldAtVenue } : {}),
        sentLastMinute: slot.sentLastMinute,
        slotReserved: slot.reserved,
      }
    },

    /**
     * Records a refusal: the send slot goes back, the ledger shows the order rejected and never sent (error_type
     * RiskRejectedError, the message naming the limit and figures), and the audit has a 'refusal'. Idempotent: a
     * retry finds the refusal already recorded. A row that shows the order at the venue is never overwritten.
     */
    async recordRiskRefusal({ placement, limit, message }: RiskRefusalInput): Promise<void> {
      const { exchange, executionId } = placement
      const request = {
        ...placement.request,
        clientOrderId: canonicalClientOrderId(exchange, placement.request.clientOrderId),
      }
      const { clientOrderId } = request
      const at = now()
      await db.serialized(RISK_LOCK, async (tx) => {
        const { riskEvents } = tx.t
        await releaseSendSlot(tx, clientOrderId)
        const [recorded] = await tx.orm
          .select({ id: riskEvents.id })
          .from(riskEvents)
          .where(
            and(eq(riskEvents.kind, 'refusal'), eq(jsonText(tx, riskEvents.detail, 'clientOrderId'), clientOrderId))
          )
          .limit(1)
        if (recorded) return
        await recordOrderIntent(tx, orderIntentOf(placement, request))
        const row = await getOrderAttempt(tx, clientOrderId)
        if (row && row.executionId === executionId && NOT_AT_VENUE.has(row.status)) {
          await updateOrderAttempt(
            tx,
            clientOrderId,
            { status: 'rejected', errorType: RISK_REJECTED, error: message },
            at
          )
        }
        await recordRiskEvent(tx, {
          kind: 'refusal',
          scope: exchange,
          actor: 'risk',
          detail: {
            executionId,
            clientOrderId,
            limit,
            message,
            symbol: request.symbol,
            side: request.side,
            amount: request.amount,
            ...(request.price !== undefined ? { price: request.price } : {}),
          },
          at,
        })
      })
    },

    /** What a monitor needs before it starts an automatic execution: the platform's state and its hourly count. */
    async checkAutomation({ monitorId }: AutomationCheckInput): Promise<AutomationFacts> {
      const limits = await limitsNow()
      const at = now()
      await evaluateAutoHalts(db, limits, at)
      const all = (await getTradingStates(db)).find((s) => s.scope === 'all')
      return {
        state: all?.state ?? 'ACTIVE',
        executionsLastHour: await monitorExecutionsLastHour(db, monitorId, at),
        maxPerHour: limits.maxAutoExecutionsPerMonitorPerHour,
      }
    },
  }
}

/**
 * The price an order is valued at: its limit price; for a market order the venue's best opposite quote (the ask a
 * buy would take, the bid a sell would hit), as the connector checks a market order's minimum notional. undefined
 * when the book has no such side: the decision then refuses (the notional fails closed).
 */
async function valuationPriceOf(
  connector: AnyConnector,
  request: RiskCheckInput['request']
): Promise<DecimalString | undefined> {
  if (request.type !== 'market' && request.price !== undefined) return request.price
  const book = await asActivity(() => connector.getOrderBook(request.symbol, 5))
  return (request.side === 'buy' ? book.asks[0] : book.bids[0])?.[0]
}

/**
 * What the venue shows held, for REDUCING: the free balance of the base asset on spot; on futures the signed
 * position in the symbol (long positive, short negative) from a connector that has positions, else '0'.
 */
async function heldAt(connector: AnyConnector, symbol: string, base: string, futures: boolean): Promise<DecimalString> {
  if (!futures) {
    const balances = await asActivity(() => connector.getBalances())
    return balances[base]?.free ?? '0'
  }
  if (!('getFuturesPositions' in connector)) return '0'
  const positions = await asActivity(() => connector.getFuturesPositions())
  const position = positions.find((p) => p.symbol === symbol)
  if (!position) return '0'
  const size = abs(position.contracts)
  return position.side === 'short' ? sub('0', size) : size
}
