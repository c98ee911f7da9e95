// Request parameters: the query of a public GET, or the form (JSON for trailing-percent and batch calls, quirk 8)
// body of a private POST. Kraken's nested form keys such as close[ordertype] stay flat names here.
import { KrakenError } from './errors.js'

export type Params = Record<string, string>

export function parseForm(text: string): Params {
  const params: Params = {}
  for (const [key, value] of new URLSearchParams(text)) params[key] = value
  return params
}

export function parseBody(body: string, contentType: string | undefined): Params {
  const isJson = (contentType ?? '').includes('application/json') || body.startsWith('{')
  if (!isJson) return parseForm(body)
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    throw new KrakenError('EGeneral:Invalid arguments')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new KrakenError('EGeneral:Invalid arguments')
  }
  const params: Params = {}
  for (const [key, value] of Object.entries(parsed)) {
    const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    if (scalar) params[key] = String(value)
  }
  return params
}

/** Kraken's booleans arrive as "true"/"false" (ccxt) or "1"/"0". */
export const isTrue = (value: string | undefined): boolean => value === 'true' || value === '1'

/** An optional time bound in seconds (start/end/since), possibly with decimals. */
export function optionalSeconds(params: Params, name: string): number | undefined {
  const raw = params[name]
  if (raw === undefined || raw === '') return undefined
  const value = Number(raw)
  if (!Number.isFinite(value) || value < 0) throw new KrakenError(`EGeneral:Invalid arguments:${name}`)
  return value
}

export function optionalInteger(params: Params, name: string): number | undefined {
  const raw = params[name]
  if (raw === undefined || raw === '') return undefined
  if (!/^-?\d+$/.test(raw)) throw new KrakenError(`EGeneral:Invalid arguments:${name}`)
  return Number(raw)
}
