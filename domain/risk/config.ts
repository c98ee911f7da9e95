// Risk limits from configuration: demo-safe defaults, a JSON file (RISK_LIMITS_FILE) merged over them, and the
// validation every source of limits passes (the file at start, PUT /api/risk/limits), each problem naming its field.
// Pure: the file is read through an injected `readText`, so this module stays free of I/O (bin/ passes fs).
import { z } from 'zod'

import { inputPrefix } from '../input-prefix.js'
import { isDecimalString, isPositive } from '../money.js'
import type { RiskLimits } from './types.js'

/** Safe for demo mode: generous enough for the simulator's books and the test suites, tight enough to mean something. */
export const DEFAULT_RISK_LIMITS: RiskLimits = {
  maxOrderNotional: '1000000',
  maxOrderNotionalBySymbol: {},
  maxExposure: {},
  maxOrdersPerMinutePerVenue: 600,
  maxDailyArbitrageLoss: '50000',
  maxAutoExecutionsPerMonitorPerHour: 60,
  maxUnresolvedOrders: 20,
  venueErrorHalt: { rate: 0.5, minRequests: 20, windowMs: 60_000 },
}

// Amounts stay strings: a JSON number may already have been rounded by the parser.
const positiveDecimalString = z
  .string({ message: 'must be a positive decimal string such as "250000"' })
  .refine((v) => isDecimalString(v) && isPositive(v), { message: 'must be a positive decimal string such as "250000"' })
const positiveCount = z
  .number({ message: 'must be a positive integer' })
  .int({ message: 'must be a positive integer' })
  .positive({ message: 'must be a positive integer' })
const decimalMap = z.record(z.string().min(1, { message: 'keys must not be empty' }), positiveDecimalString, {
  message: 'must be an object of decimal strings, e.g. { "BTC/USDT": "250000" }',
})

const venueErrorHaltSchema = z
  .object(
    {
      rate: z
        .number({ message: 'must be a number in (0, 1]' })
        .gt(0, { message: 'must be a number in (0, 1]' })
        .lte(1, { message: 'must be a number in (0, 1]' }),
      minRequests: positiveCount,
      windowMs: positiveCount,
    },
    { message: 'must be an object { rate, minRequests, windowMs }' }
  )
  .strict()

const limitsSchema = z
  .object(
    {
      maxOrderNotional: positiveDecimalString,
      maxOrderNotionalBySymbol: decimalMap,
      maxExposure: decimalMap,
      maxOrdersPerMinutePerVenue: positiveCount,
      maxDailyArbitrageLoss: positiveDecimalString,
      maxAutoExecutionsPerMonitorPerHour: positiveCount,
      maxUnresolvedOrders: positiveCount,
      venueErrorHalt: venueErrorHaltSchema,
    },
    { message: 'must be a JSON object of limits' }
  )
  .strict()

/** What a file or a PUT may hold: any subset of the limits; venueErrorHalt may itself be partial. */
const patchSchema = limitsSchema.extend({ venueErrorHalt: venueErrorHaltSchema.partial() }).partial().strict()

/** The body of PUT /api/risk/limits, as the API's OpenAPI document describes it. */
export const riskLimitsPatchSchema = patchSchema

export type RiskLimitsPatch = Omit<Partial<RiskLimits>, 'venueErrorHalt'> & {
  venueErrorHalt?: Partial<RiskLimits['venueErrorHalt']>
}

function firstProblem(error: z.ZodError): { field?: string; message: string } {
  const issue = error.issues[0]!
  // A path may hold the caller's own keys (a symbol in a map): each is quoted as a short prefix.
  const at = issue.path.map((key) => inputPrefix(key))
  if (issue.code === 'unrecognized_keys') {
    const field = [...at, inputPrefix(issue.keys[0]!)].join('.')
    return { field, message: `${field}: is not a risk limit` }
  }
  const field = at.join('.')
  return field ? { field, message: `${field}: ${issue.message}` } : { message: issue.message }
}

/** Undefined when `value` is a complete, valid RiskLimits; else the first problem, naming its field. */
export function riskLimitsProblem(value: unknown): { field?: string; message: string } | undefined {
  const parsed = limitsSchema.safeParse(value)
  return parsed.success ? undefined : firstProblem(parsed.error)
}

/** Undefined when `value` is a valid partial of the limits (a file's or a PUT's body); else the first problem. */
export function riskLimitsPatchProblem(value: unknown): { field?: string; message: string } | undefined {
  const parsed = patchSchema.safeParse(value)
  return parsed.success ? undefined : firstProblem(parsed.error)
}

/** `patch` over `base`: each key replaces the base's (a map replaces the whole map); venueErrorHalt merges by field. */
export function mergeRiskLimits(base: RiskLimits, patch: RiskLimitsPatch): RiskLimits {
  return {
    ...base,
    ...(patch as Partial<RiskLimits>),
    venueErrorHalt: { ...base.venueErrorHalt, ...patch.venueErrorHalt },
  }
}

export class RiskLimitsConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RiskLimitsConfigError'
  }
}

/**
 * The configuration's limits: the JSON file named by RISK_LIMITS_FILE merged over DEFAULT_RISK_LIMITS, or the defaults
 * when it is unset. A file that cannot be read, is not JSON or breaks a rule throws, naming the file and the field:
 * a platform must not start trading under limits nobody meant.
 */
export function loadRiskLimits(
  env: Record<string, string | undefined>,
  readText: (path: string) => string
): RiskLimits {
  const path = env.RISK_LIMITS_FILE?.trim()
  if (!path) return DEFAULT_RISK_LIMITS
  let json: unknown
  try {
    json = JSON.parse(readText(path))
  } catch (error) {
    throw new RiskLimitsConfigError(`RISK_LIMITS_FILE ${path}: ${(error as Error).message}`)
  }
  const problem = riskLimitsPatchProblem(json)
  if (problem) throw new RiskLimitsConfigError(`RISK_LIMITS_FILE ${path}: ${problem.message}`)
  const limits = mergeRiskLimits(DEFAULT_RISK_LIMITS, json as RiskLimitsPatch)
  const merged = riskLimitsProblem(limits)
  if (merged) throw new RiskLimitsConfigError(`RISK_LIMITS_FILE ${path}: ${merged.message}`)
  return limits
}
