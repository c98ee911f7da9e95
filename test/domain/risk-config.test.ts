// Risk limits from configuration: the defaults, a file merged over them, and a clear refusal naming the field.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import {
  DEFAULT_RISK_LIMITS,
  loadRiskLimits,
  mergeRiskLimits,
  riskLimitsPatchProblem,
  riskLimitsProblem,
} from '../../domain/risk/config.js'

const dir = mkdtempSync(join(tmpdir(), 'risk-config-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const read = (path: string) => readFileSync(path, 'utf8')
function file(content: unknown): string {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.json`)
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content))
  return path
}

describe('DEFAULT_RISK_LIMITS', () => {
  it('are valid and demo-safe', () => {
    expect(riskLimitsProblem(DEFAULT_RISK_LIMITS)).toBeUndefined()
    expect(DEFAULT_RISK_LIMITS).toMatchObject({
      maxOrderNotional: '1000000',
      maxOrdersPerMinutePerVenue: 600,
      maxDailyArbitrageLoss: '50000',
      maxAutoExecutionsPerMonitorPerHour: 60,
      maxUnresolvedOrders: 20,
      venueErrorHalt: { rate: 0.5, minRequests: 20, windowMs: 60000 },
      maxOrderNotionalBySymbol: {},
      maxExposure: {},
    })
  })
})

describe('loadRiskLimits', () => {
  it('is the defaults without RISK_LIMITS_FILE', () => {
    expect(loadRiskLimits({}, read)).toEqual(DEFAULT_RISK_LIMITS)
    expect(loadRiskLimits({ RISK_LIMITS_FILE: '  ' }, read)).toEqual(DEFAULT_RISK_LIMITS)
  })

  it('merges the file over the defaults: keys replace, venueErrorHalt merges by field', () => {
    const path = file({
      maxOrderNotional: '250000',
      maxOrderNotionalBySymbol: { 'BTC/USDT': '100000' },
      maxExposure: { 'binance:BTC': '5', ETH: '50' },
      venueErrorHalt: { rate: 0.25 },
    })
    expect(loadRiskLimits({ RISK_LIMITS_FILE: path }, read)).toEqual({
      ...DEFAULT_RISK_LIMITS,
      maxOrderNotional: '250000',
      maxOrderNotionalBySymbol: { 'BTC/USDT': '100000' },
      maxExposure: { 'binance:BTC': '5', ETH: '50' },
      venueErrorHalt: { rate: 0.25, minRequests: 20, windowMs: 60000 },
    })
  })

  it('refuses a file that breaks a rule, naming the file and the field', () => {
    const cases: [unknown, RegExp][] = [
      [{ maxOrderNotional: 1000 }, /maxOrderNotional: must be a positive decimal string/],
      [{ maxOrderNotional: '-5' }, /maxOrderNotional: must be a positive decimal string/],
      [{ maxDailyArbitrageLoss: 'lots' }, /maxDailyArbitrageLoss: must be a positive decimal string/],
      [
        { maxOrderNotionalBySymbol: { 'BTC/USDT': '0' } },
        /maxOrderNotionalBySymbol\.BTC\/USDT: must be a positive decimal string/,
      ],
      [{ maxOrdersPerMinutePerVenue: 1.5 }, /maxOrdersPerMinutePerVenue: must be a positive integer/],
      [{ maxUnresolvedOrders: 0 }, /maxUnresolvedOrders: must be a positive integer/],
      [{ venueErrorHalt: { rate: 0 } }, /venueErrorHalt\.rate: must be a number in \(0, 1\]/],
      [{ venueErrorHalt: { rate: 1.5 } }, /venueErrorHalt\.rate: must be a number in \(0, 1\]/],
      [{ venueErrorHalt: { windowMs: -1 } }, /venueErrorHalt\.windowMs: must be a positive integer/],
      [{ maxNotional: '5' }, /maxNotional: is not a risk limit/],
      [['x'], /must be a JSON object of limits/],
    ]
    for (const [content, message] of cases) {
      const path = file(content)
      expect(() => loadRiskLimits({ RISK_LIMITS_FILE: path }, read), JSON.stringify(content)).toThrow(message)
      expect(() => loadRiskLimits({ RISK_LIMITS_FILE: path }, read)).toThrow(path)
    }
  })

  it('refuses a file that is not JSON or cannot be read', () => {
    expect(() => loadRiskLimits({ RISK_LIMITS_FILE: file('{ "maxOrderNotional": ') }, read)).toThrow(
      /RISK_LIMITS_FILE .*JSON/
    )
    expect(() => loadRiskLimits({ RISK_LIMITS_FILE: join(dir, 'missing.json') }, read)).toThrow(/missing\.json.*ENOENT/)
  })
})

describe('riskLimitsProblem and riskLimitsPatchProblem', () => {
  it('a complete set must have every limit; a patch may have any subset', () => {
    const { maxExposure: _, ...withoutExposure } = DEFAULT_RISK_LIMITS
    expect(riskLimitsProblem(withoutExposure)).toMatchObject({ field: 'maxExposure' })
    expect(riskLimitsPatchProblem({ maxUnresolvedOrders: 5 })).toBeUndefined()
    expect(riskLimitsPatchProblem({ venueErrorHalt: { minRequests: 0 } })).toEqual({
      field: 'venueErrorHalt.minRequests',
      message: 'venueErrorHalt.minRequests: must be a positive integer',
    })
    expect(riskLimitsPatchProblem({ venueErrorHalt: { rate: 0.5, burst: 2 } })).toMatchObject({
      field: 'venueErrorHalt.burst',
    })
  })

  it('mergeRiskLimits replaces maps whole', () => {
    const base = { ...DEFAULT_RISK_LIMITS, maxExposure: { BTC: '1' } }
    expect(mergeRiskLimits(base, { maxExposure: { ETH: '2' } }).maxExposure).toEqual({ ETH: '2' })
    expect(mergeRiskLimits(base, {}).maxExposure).toEqual({ BTC: '1' })
  })
})
