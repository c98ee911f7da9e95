// One read on one venue, straight from the connectors (api/venue-reader.ts), with the venue's failure turned into an HTTP answer:
// unknown symbol 404, venue down or throttling 503, credentials refused 502, any other venue refusal 422.
import { randomUUID } from 'node:crypto'

import type { ExchangeRead } from '../activities/index.js'
import { failureClass } from '../domain/failures.js'
import { inputPrefix } from '../domain/input-prefix.js'
import { EXCHANGE_IDS, type ExchangeId } from '../domain/types.js'
import { ExchangeError } from '../exchanges/errors.js'
import { SA } from '../temporal.config.js'
import type { AppDeps } from './deps.js'
import { ApiError } from './errors.js'
import type { VenueReader } from './venue-reader.js'
import { workflowFailure, type FailureDescription } from './workflow-failure.js'

/** A read that has not answered by then is reported as the venue being unavailable (the run may still finish). */
export const READ_TIMEOUT_MS = 15_000

/** The exchange named in a path, if this deployment trades on it; a 404 naming it otherwise. */
export function enabledExchange(deps: Pick<AppDeps, 'exchanges'>, raw: string): ExchangeId {
  const exchange = raw.toLowerCase()
  if (!(EXCHANGE_IDS as readonly string[]).includes(exchange)) {
    throw new ApiError(
      404,
      'unknown_exchange',
      `unknown exchange '${inputPrefix(raw)}'; known: ${EXCHANGE_IDS.join(', ')}`,
      {
        exchange: inputPrefix(raw),
      }
    )
  }
  if (!deps.exchanges.includes(exchange as ExchangeId)) {
    throw new ApiError(404, 'unknown_exchange', `exchange '${exchange}' is not enabled here`, { exchange })
  }
  return exchange as ExchangeId
}

export async function runRead<T>(
  deps: Pick<AppDeps, 'runner' | 'reader'>,
  exchange: ExchangeId,
  read: ExchangeRead,
  timeoutMs = READ_TIMEOUT_MS
): Promise<T> {
  const run = deps.reader ? readDirect<T>(deps.reader, exchange, read) : readThroughWorkflow<T>(deps, exchange, read)
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(unavailable(exchange, `no answer from ${exchange} within ${timeoutMs} ms`, 'Timeout')),
      timeoutMs
    )
  })
  try {
    return await Promise.race([run, timeout])
  } catch (error) {
    throw readError(error, exchange, read)
  } finally {
    clearTimeout(timer)
  }
}

/** The connector's own error, named by its class as an activity would name it. */
async function readDirect<T>(reader: VenueReader, exchange: ExchangeId, read: ExchangeRead): Promise<T> {
  try {
    return await reader.read<T>(exchange, read)
  } catch (error) {
    if (error instanceof ExchangeError) {
      throw venueError(
        { errorType: error.name, message: error.message },
        exchange,
        'symbol' in read ? read.symbol : undefined
      )
    }
    throw error
  }
}

/** Deployments whose API has no connectors of its own (an in-process test app) read through a workflow. */
async function readThroughWorkflow<T>(
  deps: Pick<AppDeps, 'runner'>,
  exchange: ExchangeId,
  read: ExchangeRead
): Promise<T> {
  // The workflow answers whatever the read returns (unknown): the caller names what it asked for.
  return (await deps.runner.execute(
    'exchangeReadWorkflow',
    `read-${exchange}-${read.operation}-${randomUUID()}`,
    [{ exchange, ...read }],
    [
      { key: SA.exchange, value: exchange },
      { key: SA.strategy, value: 'read' },
    ]
  )) as T
}

/** The ApiError for a failed read; errors that are not a venue's failure (Temporal down, bugs) pass through. */
export function readError(error: unknown, exchange: ExchangeId, read: ExchangeRead): unknown {
  if (error instanceof ApiError) return error
  const failure = workflowFailure(error)
  return failure ? venueError(failure, exchange, 'symbol' in read ? read.symbol : undefined) : error
}

/** A venue's failure as an HTTP answer, by its type's class in the failure vocabulary (domain/failures.ts). */
export function venueError(failure: FailureDescription, exchange: ExchangeId, symbol?: string): ApiError {
  const { errorType, message } = failure
  const extra = { exchange, errorType }
  if (errorType === 'UnknownSymbolError' && symbol !== undefined) {
    return new ApiError(404, 'unknown_symbol', `unknown symbol ${symbol} on ${exchange}: ${message}`, {
      ...extra,
      symbol,
    })
  }
  // Refused before anything happened, or no answer in time: the venue cannot be read now.
  const kind = failureClass(errorType)
  if (kind === 'nothing_placed' || kind === 'outcome_unknown') return unavailable(exchange, message, errorType)
  if (errorType === 'AuthenticationError') {
    return new ApiError(502, 'venue_auth_failed', `${exchange} refused the credentials: ${message}`, extra)
  }
  if (kind === 'rejected')
    return new ApiError(422, 'venue_rejected', `${exchange} rejected the request: ${message}`, extra)
  return new ApiError(502, 'venue_error', `${exchange} failed: ${message}`, extra)
}

/** The venue is down or throttling us: nothing to do but try later. */
export function unavailable(exchange: ExchangeId, message: string, errorType: string): ApiError {
  return new ApiError(503, 'venue_unavailable', `${exchange} is unavailable: ${message}`, { exchange, errorType })
}
