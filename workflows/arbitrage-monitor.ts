// Watches symbols across venues for arbitrage: every interval it reads all books, lists the opportunities per
// symbol for the 'opportunities' query and, when asked to, starts an arbitrage child for the good ones. It runs
// until the 'stop' signal, continuing as new now and then so that its history stays small.
//
// One child per symbol at a time, across continue-as-new too: a new child on a symbol whose previous child is still
// trading (or unwinding) would trade against it. The running children are carried to the next run. A run learns
// that a child ended from the child's result when it started the child itself, and otherwise from the child's own
// report (childClosedSignal, sent to the monitor's workflow id, so it reaches whichever run is current). A child
// that closed without reporting (terminated by hand) is caught by a probe every new run sends to each carried child:
// a signal to a closed workflow fails. A venue pair whose child ended badly is paused (nextBackoff), also carried.
import {
  ApplicationFailure,
  CancellationScope,
  ChildWorkflowCancellationType,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  isCancellation,
  log,
  patched,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow'

import {
  nextBackoff,
  pausedPairs,
  scanPairs,
  type ArbitrageOpportunity,
  type PairBackoff,
  type SkippedPair,
} from '../domain/arbitrage/index.js'
import type { ExchangeId } from '../domain/types.js'
import { SA } from '../temporal.config.js'
import { arbitrageWorkflow, DEFAULT_ARBITRAGE_DEPTH } from './arbitrage.js'
import {
  monitorOpportunitiesQuery,
  monitorParamsUpdate,
  monitorStopSignal,
  monitorUpdateParamsSignal,
} from './definitions.js'
import { recordEnd, recordStart } from './lib/execution.js'
import { childClosedSignal, childProbeSignal } from './lib/monitor-children.js'
import {
  applyUpdate,
  changeProblem,
  DEFAULT_BACKOFF_MS,
  paramsOf,
  paramsProblem,
  type MonitorParams,
} from './lib/monitor-params.js'
import { riskChecks } from './lib/activities.js'
import { describeFailure } from './lib/describe-failure.js'
import { PATCHES } from './lib/placement.js'
import { readVenues, type VenueReadError } from './lib/venues.js'

export type { PairBackoff, SkippedPair } from '../domain/arbitrage/index.js'
export type { AutoExecuteParams, MonitorParams, MonitorParamsUpdate } from './lib/monitor-params.js'

export const DEFAULT_MAX_SCANS_PER_RUN = 100
/** How many started executions the query lists. */
const RECENT_EXECUTIONS = 20

export interface ArbitrageMonitorInput extends MonitorParams {
  /** Book depth read per venue (default 20 levels). */
  depth?: number
  /** Continue as new after this many scans in one run (default 100). */
  maxScansPerRun?: number
  /** Set by the monitor itself when it continues as new; absent on a first start. */
  carried?: MonitorCarried
}

export interface MonitorScan {
  scannedAt: number
  /** Per symbol, best net profit first. */
  opportunities: Record<string, ArbitrageOpportunity[]>
  /** Venues that could not be read or used in the last scan. */
  errors: VenueReadError[]
  /** Profitable pairs left out because a venue would refuse their size (step, minimum amount or notional). */
  skipped: SkippedPair[]
}

export interface MonitorExecution {
  /** The child arbitrage workflow's id: `<monitor id>~arb-<n>` (see childWorkflowId). */
  workflowId: string
  opportunityId: string
  netProfitPct: number
  startedAt: number
  /** Why the child could not be started (it then does not count as an execution). */
  error?: string
}

/** A child arbitrage not yet seen to end: no other child starts on its symbol meanwhile. */
export interface RunningChild {
  workflowId: string
  symbol: string
  opportunityId: string
  buyExchange: ExchangeId
  sellExchange: ExchangeId
  startedAt: number
}

/** What one run hands to the next. */
export interface MonitorCarried {
  scans: number
  executions: number
  /** Children started or attempted so far: the n of the next child id. */
  childSeq: number
  latest?: MonitorScan
  recentExecutions: MonitorExecution[]
  /** Absent in runs continued by a monitor from before children were carried. */
  running?: RunningChild[]
  /** Venue pairs whose last child ended badly (absent as above). */
  backoffs?: PairBackoff[]
}

/** The 'opportunities' query's answer and the workflow's result. */
export interface MonitorView extends Partial<MonitorScan> {
  workflowId: string
  stopped: boolean
  scans: number
  executions: number
  params: MonitorParams
  recentExecutions: MonitorExecution[]
  running: RunningChild[]
  /** Pairs paused after a bad end, or with bad ends in a row (a pause that has expired until a trade completes). */
  backoffs: PairBackoff[]
  /** Why the last opportunity worth executing was not executed: the trading state or the hourly cap. */
  automationBlocked?: string
}

export async function arbitrageMonitorWorkflow(input: ArbitrageMonitorInput): Promise<MonitorView> {
  const { workflowId } = workflowInfo()
  let params = paramsOf(input)
  const carried: MonitorCarried = input.carried ?? { scans: 0, executions: 0, childSeq: 0, recentExecutions: [] }
  const running: RunningChild[] = (carried.running ??= [])
  carried.backoffs ??= []
  let stopRequested = false
  let paramsChanged = false
  let automationBlocked: string | undefined
  const view = (): MonitorView => ({
    workflowId,
    stopped: stopRequested,
    ...carried.latest,
    scans: carried.scans,
    executions: carried.executions,
    params,
    recentExecutions: carried.recentExecutions,
    running,
    backoffs: carried.backoffs ?? [],
    ...(automationBlocked ? { automationBlocked } : {}),
  })

  // Called once per child, by whichever news comes first: its result, its report, or a failed probe.
  function childEnded(workflowId: string, outcome: string): void {
    const index = running.findIndex((c) => c.workflowId === workflowId)
    if (index < 0) return
    const [child] = running.splice(index, 1)
    const backoffs = carried.backoffs ?? []
    const previous = backoffs.find((b) => b.opportunityId === child!.opportunityId)
    const backoffMs = params.autoExecute?.backoffMs ?? DEFAULT_BACKOFF_MS
    const next = nextBackoff(previous, { ...child!, outcome }, Date.now(), backoffMs)
    carried.backoffs = [...backoffs.filter((b) => b !== previous), ...(next ? [next] : [])]
    if (next && next !== previous) log.warn('arbitrage pair paused after its child ended badly', { ...next })
  }

  setHandler(monitorOpportunitiesQuery, view)
  setHandler(childClosedSignal, ({ workflowId, outcome }) => childEnded(workflowId, outcome))
  setHandler(monitorStopSignal, () => {
    stopRequested = true
  })
  setHandler(monitorUpdateParamsSignal, (update) => {
    const problem = paramsProblem(update)
    if (problem) {
      log.warn('monitor parameters update ignored', { problem: problem.message })
      return
    }
    params = applyUpdate(params, update)
    paramsChanged = true
  })
  // The validator runs before the update is accepted into the history: a refused change leaves no trace and
  // changes nothing, and its caller learns why, naming the field.
  setHandler(
    monitorParamsUpdate,
    (update) => {
      params = applyUpdate(params, update)
      paramsChanged = true
      return params
    },
    {
      validator: (update) => {
        const problem = changeProblem(update, carried)
        if (problem) {
          throw ApplicationFailure.create({
            type: 'ValidationError',
            message: problem.message,
            details: [{ field: problem.field }],
          })
        }
      },
    }
  )

  const problem = startProblem(input)
  if (problem) throw ApplicationFailure.nonRetryable(problem, 'ValidationError')
  if (!input.carried) {
    await recordStart({
      strategy: 'monitor',
      symbol: params.symbols.join(','),
      exchanges: params.exchanges.join(','),
      idempotencyKey: null,
      request: input,
    })
  }

  const depth = input.depth ?? DEFAULT_ARBITRAGE_DEPTH
  const maxScansPerRun = input.maxScansPerRun ?? DEFAULT_MAX_SCANS_PER_RUN

  // Children carried from an earlier run may have closed before this run could hear their report.
  async function probeCarried(children: RunningChild[]): Promise<void> {
    await Promise.all(
      children.map(async (child) => {
        try {
          await getExternalWorkflowHandle(child.workflowId).signal(childProbeSignal)
        } catch (error) {
          if (isCancellation(error)) throw error
          // Closed without a report: how it ended is unknown here, so its pair is paused as after a bad end.
          childEnded(child.workflowId, 'closed')
        }
      })
    )
  }

  /** The trading state and the hourly cap on automatic executions (risk limits) allow a new child now. */
  async function automationAllowed(): Promise<boolean> {
    if (!patched(PATCHES.monitorChecksAutomation)) return true
    const facts = await riskChecks.checkAutomation({ monitorId: workflowId }).catch((error: Error) => error)
    automationBlocked =
      facts instanceof Error
        ? `the risk check could not run: ${facts.message}`
        : facts.state !== 'ACTIVE'
          ? `trading is ${facts.state}: automatic executions wait until it is ACTIVE`
          : facts.executionsLastHour >= facts.maxPerHour
            ? `${facts.executionsLastHour} automatic executions in the last hour, at maxAutoExecutionsPerMonitorPerHour ${facts.maxPerHour}`
            : undefined
    return automationBlocked === undefined
  }

  async function executeBest(scan: MonitorScan): Promise<void> {
    const auto = params.autoExecute
    if (!auto?.enabled) return
    const paused = pausedPairs(carried.backoffs ?? [], Date.now())
    let allowed: boolean | undefined
    for (const symbol of params.symbols) {
      if (auto.maxExecutions !== undefined && carried.executions >= auto.maxExecutions) return
      const best = scan.opportunities[symbol]?.find((o) => o.netProfitPct >= auto.minProfitPct && !paused.has(o.id))
      if (!best || running.some((c) => c.symbol === symbol)) continue
      // Asked once per scan, and only when there is something to execute: no activity on quiet scans.
      allowed ??= await automationAllowed()
      if (!allowed) return
      carried.childSeq += 1
      const execution: MonitorExecution = {
        workflowId: childWorkflowId(workflowId, carried.childSeq),
        opportunityId: best.id,
        netProfitPct: best.netProfitPct,
        startedAt: Date.now(),
      }
      try {
        const child = await startChild(arbitrageWorkflow, {
          workflowId: execution.workflowId,
          taskQueue: workflowInfo().taskQueue,
          parentClosePolicy: ParentClosePolicy.ABANDON,
          cancellationType: ChildWorkflowCancellationType.ABANDON,
          // The same labels the API gives an arbitrage, so the UI's filters find these too.
          typedSearchAttributes: [
            { key: SA.symbol, value: symbol },
            { key: SA.strategy, value: 'arbitrage' },
          ],
          staticSummary: `arbitrage ${symbol}: buy on ${best.buyExchange}, sell on ${best.sellExchange} (from ${workflowInfo().workflowId})`,
          args: [
            {
              symbol,
              buyExchange: best.buyExchange,
              sellExchange: best.sellExchange,
              amount: params.maxAmount,
              minProfitPct: Math.max(auto.minProfitPct, params.minProfitPct),
              opportunity: best,
              depth,
            },
          ],
        })
        carried.executions += 1
        const { buyExchange, sellExchange } = best
        running.push({
          workflowId: execution.workflowId,
          symbol,
          opportunityId: best.id,
          buyExchange,
          sellExchange,
          startedAt: execution.startedAt,
        })
        child.result().then(
          (result) => childEnded(execution.workflowId, result.outcome),
          () => childEnded(execution.workflowId, 'failed')
        )
      } catch (error) {
        if (isCancellation(error)) throw error
        execution.error = describeFailure(error).message
        log.warn('arbitrage child not started', { childId: execution.workflowId, error: execution.error })
      }
      carried.recentExecutions = [execution, ...carried.recentExecutions].slice(0, RECENT_EXECUTIONS)
    }
  }

  try {
    if (running.length > 0) await probeCarried([...running])
    let runScans = 0
    while (!stopRequested) {
      paramsChanged = false
      carried.latest = await scan(params, depth)
      carried.scans += 1
      runScans += 1
      if (!stopRequested) await executeBest(carried.latest)
      // A parameter update cuts the wait short so that the new settings show at once.
      await condition(() => stopRequested || paramsChanged, params.intervalMs)
      if (stopRequested) break
      if (workflowInfo().continueAsNewSuggested || runScans >= maxScansPerRun) {
        await condition(allHandlersFinished)
        // A stop that arrived while the handlers finished ends this run instead.
        if (!stopRequested) {
          return await continueAsNew<typeof arbitrageMonitorWorkflow>({
            ...params,
            depth: input.depth,
            maxScansPerRun: input.maxScansPerRun,
            carried,
          })
        }
      }
    }
  } catch (error) {
    if (isCancellation(error)) {
      await CancellationScope.nonCancellable(() =>
        recordEnd({ status: 'completed', outcome: 'cancelled', result: view() })
      )
    }
    throw error
  }

  await condition(allHandlersFinished)
  const result = view()
  await recordEnd({ status: 'completed', outcome: 'stopped', result })
  return result
}

/**
 * A child's id: `<monitor id>~arb-<n>`. '~' is never in an Idempotency-Key, so no API request's workflow id can be a
 * child's (`monitor-<key>` with the key `x-arb-1` was the child `monitor-x-arb-1`). Monitors started before this
 * rule keep naming their children `<monitor id>-arb-<n>`.
 */
function childWorkflowId(monitorId: string, seq: number): string {
  return patched('monitor-child-ids-outside-key-space') ? `${monitorId}~arb-${seq}` : `${monitorId}-arb-${seq}`
}

async function scan(params: MonitorParams, depth: number): Promise<MonitorScan> {
  const targets = params.symbols.flatMap((symbol) => params.exchanges.map((exchange) => ({ exchange, symbol })))
  const reads = await readVenues(targets, depth)
  const opportunities: Record<string, ArbitrageOpportunity[]> = {}
  const skipped: SkippedPair[] = []
  for (const symbol of params.symbols) {
    // Each snapshot carries its venue's step and minimums: sizes they forbid are skipped, and listed with why.
    const venues = reads.snapshots.filter((s) => s.book.symbol === symbol)
    const found = scanPairs(symbol, venues, { minProfitPct: params.minProfitPct, maxAmount: params.maxAmount })
    opportunities[symbol] = found.opportunities
    skipped.push(...found.skipped)
  }
  return { scannedAt: Date.now(), opportunities, errors: reads.errors, skipped }
}

function startProblem(input: ArbitrageMonitorInput): string | undefined {
  const missing = (['symbols', 'exchanges', 'intervalMs', 'minProfitPct'] as const).filter(
    (k) => input[k] === undefined
  )
  if (missing.length > 0) return `missing ${missing.join(', ')}`
  const { depth, maxScansPerRun } = input
  if (depth !== undefined && !(Number.isInteger(depth) && depth > 0)) return 'depth must be a positive integer'
  if (maxScansPerRun !== undefined && !(Number.isInteger(maxScansPerRun) && maxScansPerRun > 0)) {
    return 'maxScansPerRun must be a positive integer'
  }
  return paramsProblem(input)?.message
}
