// The arbitrage monitor's tunable parameters, and the checks a start or an update must pass.
import { isDecimalString, isPositive } from '../../domain/money.js'
import { EXCHANGE_IDS, type DecimalString, type ExchangeId } from '../../domain/types.js'

export interface AutoExecuteParams {
  enabled: boolean
  /** Only opportunities netting at least this much (percent) are executed. */
  minProfitPct: number
  /** Executions over the monitor's whole life (across continue-as-new); unlimited when absent. */
  maxExecutions?: number
  /**
   * Pause (ms) of a venue pair after one of its children ended badly (rejected, unwound, unwind_failed, unknown),
   * doubled for each further bad end in a row, at most an hour; default DEFAULT_BACKOFF_MS.
   */
  backoffMs?: number
}

export const DEFAULT_BACKOFF_MS = 60_000

export interface MonitorParams {
  symbols: string[]
  exchanges: ExchangeId[]
  intervalMs: number
  minProfitPct: number
  maxAmount?: DecimalString
  autoExecute?: AutoExecuteParams
}

/** Fields to change; `maxAmount: null` removes the cap. */
export type MonitorParamsUpdate = Partial<Omit<MonitorParams, 'maxAmount'>> & { maxAmount?: DecimalString | null }

/** Shorter intervals would only fill the history: the API asks for at least 1 s, tests go lower. */
export const MIN_INTERVAL_MS = 100

/** What is wrong with a parameter, naming it as the API does (e.g. 'autoExecute.maxExecutions'). */
export interface ParamsProblem {
  field: string
  message: string
}

/** What is wrong with the fields present in `params`, or undefined when they are all valid. */
export function paramsProblem(params: MonitorParamsUpdate): ParamsProblem | undefined {
  if (typeof params !== 'object' || params === null) return { field: '', message: 'parameters must be an object' }
  const { symbols, exchanges, intervalMs, minProfitPct, maxAmount, autoExecute } = params
  const problem = (field: string, message: string): ParamsProblem => ({ field, message: `${field} ${message}` })
  if (symbols !== undefined) {
    if (!Array.isArray(symbols) || symbols.length === 0) return problem('symbols', 'must be a non-empty list')
    if (symbols.some((s) => typeof s !== 'string' || !s.includes('/')))
      return problem('symbols', 'must look like BTC/USDT')
    if (new Set(symbols).size !== symbols.length) return problem('symbols', 'must not repeat')
  }
  if (exchanges !== undefined) {
    if (!Array.isArray(exchanges) || new Set(exchanges).size < 2)
      return problem('exchanges', 'must name at least two venues')
    if (exchanges.some((e) => !(EXCHANGE_IDS as readonly string[]).includes(e))) {
      return problem('exchanges', `must be among ${EXCHANGE_IDS.join(', ')}`)
    }
    if (new Set(exchanges).size !== exchanges.length) return problem('exchanges', 'must not repeat')
  }
  if (intervalMs !== undefined && !(Number.isInteger(intervalMs) && intervalMs >= MIN_INTERVAL_MS)) {
    return problem('intervalMs', `must be a whole number of at least ${MIN_INTERVAL_MS}`)
  }
  if (minProfitPct !== undefined && !Number.isFinite(minProfitPct))
    return problem('minProfitPct', 'must be a finite number')
  if (maxAmount !== undefined && maxAmount !== null && !(isDecimalString(maxAmount) && isPositive(maxAmount))) {
    return problem('maxAmount', 'must be a positive decimal string')
  }
  if (autoExecute !== undefined) return autoExecuteProblem(autoExecute, problem)
  return undefined
}

function autoExecuteProblem(
  auto: AutoExecuteParams,
  problem: (field: string, message: string) => ParamsProblem
): ParamsProblem | undefined {
  if (typeof auto !== 'object' || auto === null || typeof auto.enabled !== 'boolean') {
    return problem('autoExecute', 'must be { enabled, minProfitPct, maxExecutions?, backoffMs? }')
  }
  if (!Number.isFinite(auto.minProfitPct)) return problem('autoExecute.minProfitPct', 'must be a finite number')
  const max = auto.maxExecutions
  if (max !== undefined && !(Number.isInteger(max) && max >= 0))
    return problem('autoExecute.maxExecutions', 'must be a whole number')
  const backoff = auto.backoffMs
  if (backoff !== undefined && !(Number.isInteger(backoff) && backoff > 0)) {
    return problem('autoExecute.backoffMs', 'must be a positive whole number')
  }
  return undefined
}

/**
 * What is wrong with a change to a running monitor: its fields, and what they mean for this monitor. A cap on
 * executions counts over the monitor's whole life, so one below the executions it has already started reads as
 * "that many more" and would silently mean none: it is refused (enabled: false, or the count itself, stops them).
 */
export function changeProblem(update: MonitorParamsUpdate, running: { executions: number }): ParamsProblem | undefined {
  const problem = paramsProblem(update)
  if (problem) return problem
  const max = update.autoExecute?.maxExecutions
  if (update.autoExecute?.enabled === true && max !== undefined && max < running.executions) {
    return {
      field: 'autoExecute.maxExecutions',
      message:
        `autoExecute.maxExecutions ${max} is below the ${running.executions} executions this monitor has already ` +
        "started: it counts over the monitor's whole life (set enabled false to stop executing)",
    }
  }
  return undefined
}

/** `params` with `update` applied; call only after paramsProblem(update) returned undefined. */
export function applyUpdate(params: MonitorParams, update: MonitorParamsUpdate): MonitorParams {
  const next: MonitorParams = {
    symbols: update.symbols ?? params.symbols,
    exchanges: update.exchanges ?? params.exchanges,
    intervalMs: update.intervalMs ?? params.intervalMs,
    minProfitPct: update.minProfitPct ?? params.minProfitPct,
  }
  const maxAmount = update.maxAmount === null ? undefined : (update.maxAmount ?? params.maxAmount)
  const autoExecute = update.autoExecute ?? params.autoExecute
  if (maxAmount !== undefined) next.maxAmount = maxAmount
  if (autoExecute !== undefined) next.autoExecute = autoExecute
  return next
}

/** Only the parameter fields of a start input (the input also carries state and settings). */
export function paramsOf(input: MonitorParams): MonitorParams {
  return applyUpdate(input, {})
}
