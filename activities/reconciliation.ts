// Reconciliation activities: read one venue (open orders, recent fills, a lookup per unsettled ledger row), compare
// with the ledger (domain/reconciliation.ts decides), settle the rows the venue's answers settle and store the
// report. Never sends an order. Idempotent: a retry re-reads everything and replaces its own report.
import { Context, log } from '@temporalio/activity'

import {
  ledgerRowsForReconciliation,
  ledgerSymbols,
  saveReconciliationReport,
  settleOrderAttempt,
  type LedgerRow,
  type ReconciliationChecked,
} from '../db/reconciliation.js'
import {
  DEFAULT_RECONCILE_GRACE_MS,
  DEFAULT_RECONCILE_LOOKBACK_MS,
  reconcileLedger,
  rowsToLookUp,
  type LedgerOrder,
  type ReconcileTiming,
} from '../domain/reconciliation.js'
import type { ExchangeId, Fill, UnifiedOrder } from '../domain/types.js'
import { coinbaseClientOrderId } from '../exchanges/coinbase/client-order-id.js'
import type { AnyConnector } from '../exchanges/connector.js'
import type { ActivityDeps } from './deps.js'
import { asActivity } from './failures.js'
import { attemptUpdateFrom } from './orders.js'

export interface ReconcileVenueInput {
  /** The reconciliation run (workflow id): one report per run and venue. */
  runId: string
  exchange: ExchangeId
  /** Only these symbols; by default every symbol of the ledger and of the venue's open orders. */
  symbols?: string[]
  graceMs?: number
  lookbackMs?: number
}

export interface VenueReconciliationSummary {
  exchange: ExchangeId
  status: 'ok' | 'failed'
  differences: number
  settled: number
  error?: string
}

/** Share of the activity's start-to-close budget spent on lookups; the rest are left for the next run. */
const LOOKUP_BUDGET_SHARE = 0.6

export function createReconciliationActivities({ connectors, db, now = Date.now }: ActivityDeps) {
  return {
    /** The venues this worker trades on. */
    async listReconcilableVenues(): Promise<ExchangeId[]> {
      return [...new Set(connectors.list().map((c) => c.id))]
    },

    async reconcileVenue(input: ReconcileVenueInput): Promise<VenueReconciliationSummary> {
      const { exchange } = input
      const graceMs = input.graceMs ?? DEFAULT_RECONCILE_GRACE_MS
      const since = now() - (input.lookbackMs ?? DEFAULT_RECONCILE_LOOKBACK_MS)
      const connector = connectors.get(exchange)
      const wanted = input.symbols && input.symbols.length > 0 ? new Set(input.symbols) : undefined
      const inScope = (symbol: string) => wanted === undefined || wanted.has(symbol)
      return asActivity(async () => {
        // The venue first, the ledger second: an order the platform sent has its row before it reaches the venue.
        const startedAt = now()
        const openOrders = (await connector.getOpenOrders()).filter((o) => inScope(o.symbol))
        const symbols = [...new Set([...(await ledgerSymbols(db, exchange)), ...openOrders.map((o) => o.symbol)])]
          .filter(inScope)
          .sort()
        const fills = (await recentFills(connector, symbols, since))?.filter(
          (f) => inScope(f.symbol) && f.timestamp >= since
        )

        const rows = await ledgerRowsForReconciliation(db, {
          exchange,
          since: since - graceMs,
          venueOrderIds: [...openOrders.map((o) => o.id), ...(fills ?? []).map((f) => f.orderId)],
          clientOrderIds: openOrders.map((o) => o.clientOrderId).filter(Boolean),
          symbols: wanted ? [...wanted] : undefined,
        })
        const ledger = rows.map(toLedgerOrder)
        const timing: ReconcileTiming = { now: now(), graceMs, venueReadAt: startedAt }

        const { lookups, deferred } = await lookUp(
          connector,
          ledger,
          rowsToLookUp(ledger, { openOrders, fills }, timing),
          {
            deadline: startedAt + lookupBudgetMs(),
            now,
          }
        )
        const outcome = reconcileLedger({ ledger, openOrders, fills, lookups, timing: { ...timing, now: now() } })

        let settledCount = 0
        for (const settlement of outcome.settlements) {
          const update = 'order' in settlement ? attemptUpdateFrom(settlement.order) : { status: 'absent' }
          const settled = await settleOrderAttempt(db, settlement.clientOrderId, update, {
            expectedUpdatedAt: settlement.expectedUpdatedAt,
            at: now(),
          })
          if (!settled) continue
          settledCount++
          for (const d of outcome.differences) if (d.clientOrderId === settlement.clientOrderId) d.settled = true
        }

        const checked: ReconciliationChecked = {
          openOrders: openOrders.length,
          fills: fills?.length ?? null,
          ledgerRows: ledger.length,
          lookups: Object.keys(lookups).length,
          deferred,
        }
        await saveReconciliationReport(db, {
          runId: input.runId,
          exchange,
          status: 'ok',
          startedAt,
          completedAt: now(),
          symbols,
          checked,
          differences: outcome.differences,
          settledCount,
        })
        if (outcome.differences.length > 0) {
          log.warn('reconciliation found differences', {
            exchange,
            differences: outcome.differences.length,
            settled: settledCount,
          })
        }
        return { exchange, status: 'ok', differences: outcome.differences.length, settled: settledCount }
      })
    },

    /** Keeps a report of a venue that could not be read, so the latest report says so. */
    async recordReconciliationFailure(input: { runId: string; exchange: ExchangeId; error: string }): Promise<void> {
      const at = now()
      await saveReconciliationReport(db, {
        runId: input.runId,
        exchange: input.exchange,
        status: 'failed',
        startedAt: at,
        completedAt: at,
        symbols: [],
        checked: null,
        differences: [],
        settledCount: 0,
        error: input.error,
      })
    },
  }
}

/** The account's recent fills, where the connector can list them (Kraken's trade history, Coinbase's fills). */
async function recentFills(connector: AnyConnector, symbols: string[], since: number): Promise<Fill[] | undefined> {
  switch (connector.id) {
    case 'kraken':
      return connector.getTradeHistory({ startTime: since })
    case 'coinbase': {
      const perSymbol = await Promise.all(symbols.map((symbol) => connector.getFills({ symbol, since })))
      return perSymbol.flat()
    }
    case 'binance':
      // The connector offers no account trade list; in-flight rows are still looked up one by one.
      return undefined
  }
}

/**
 * findOrder for each row, by the venue's id when the ledger has it (Kraken's client ids are unique among open orders
 * only). A row whose lookup fails, or that the time budget does not reach, is left for the next run.
 */
async function lookUp(
  connector: AnyConnector,
  ledger: readonly LedgerOrder[],
  clientOrderIds: readonly string[],
  clock: { deadline: number; now: () => number }
): Promise<{ lookups: Record<string, UnifiedOrder | null>; deferred: number }> {
  const byId = new Map(ledger.map((row) => [row.clientOrderId, row]))
  const lookups: Record<string, UnifiedOrder | null> = {}
  let deferred = 0
  for (const clientOrderId of clientOrderIds) {
    const row = byId.get(clientOrderId)!
    if (clock.now() > clock.deadline) {
      deferred++
      continue
    }
    try {
      const lookup = row.exchangeOrderId
        ? { symbol: row.symbol, id: row.exchangeOrderId }
        : { symbol: row.symbol, clientOrderId }
      lookups[clientOrderId] = (await connector.findOrder(lookup)) ?? null
    } catch (error) {
      deferred++
      log.warn('reconciliation lookup failed; left for the next run', {
        clientOrderId,
        error: error instanceof Error ? error.message : String(error),
      })
    }
    heartbeat()
  }
  return { lookups, deferred }
}

function toLedgerOrder(row: LedgerRow): LedgerOrder {
  const exchange = row.exchange as ExchangeId
  return {
    clientOrderId: row.clientOrderId,
    executionId: row.executionId,
    exchange,
    symbol: row.symbol,
    side: row.side,
    amount: row.amount,
    status: row.status,
    exchangeOrderId: row.exchangeOrderId,
    filled: row.filled,
    updatedAt: row.updatedAt,
    executionEnded: row.executionStatus === 'completed' || row.executionStatus === 'failed',
    // Coinbase reports the UUID it was given as client_oid, not our id.
    ...(exchange === 'coinbase' ? { venueClientOrderId: coinbaseClientOrderId(row.clientOrderId) } : {}),
  }
}

function lookupBudgetMs(): number {
  const timeout = Context.current().info.startToCloseTimeoutMs
  return Math.floor(timeout * LOOKUP_BUDGET_SHARE)
}

function heartbeat(): void {
  Context.current().heartbeat()
}
