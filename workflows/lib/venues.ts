// Reading venues' books and fees (routing and arbitrage): every read in parallel, a failed or unusable venue
// reported with its reason instead of failing the whole read.
import { isCancellation } from '@temporalio/workflow'

import type { VenueSnapshot } from '../../domain/routing/index.js'
import type { ExchangeId } from '../../domain/types.js'
import { fetchSnapshot } from './activities.js'
import { describeFailure } from './describe-failure.js'

export interface VenueTarget {
  exchange: ExchangeId
  symbol: string
}

export interface VenueReadError extends VenueTarget {
  errorType: string
  message: string
}

export interface VenueReads {
  /** Usable venues only, in the order asked. */
  snapshots: VenueSnapshot[]
  errors: VenueReadError[]
}

/**
 * Every target's snapshot, read in parallel. A failed read is that venue's result; a cancellation is the workflow's,
 * so it is rethrown: a cancelled workflow must stop here, not carry on as if the venues were down.
 */
export async function fetchSnapshots(
  targets: readonly VenueTarget[],
  depth: number
): Promise<PromiseSettledResult<VenueSnapshot>[]> {
  const settled = await Promise.allSettled(
    targets.map(({ exchange, symbol }) => fetchSnapshot({ exchange, symbol, depth }))
  )
  const cancelled = settled.find((s) => s.status === 'rejected' && isCancellation(s.reason))
  if (cancelled?.status === 'rejected') throw cancelled.reason
  return settled
}

export async function readVenues(targets: readonly VenueTarget[], depth: number): Promise<VenueReads> {
  const settled = await fetchSnapshots(targets, depth)
  const reads: VenueReads = { snapshots: [], errors: [] }
  settled.forEach((result, i) => {
    const target = targets[i]!
    if (result.status === 'rejected') {
      reads.errors.push({ ...target, ...describeFailure(result.reason) })
      return
    }
    const unusable = unusableReason(result.value)
    if (unusable) reads.errors.push({ ...target, errorType: 'VenueUnusable', message: unusable })
    else reads.snapshots.push(result.value)
  })
  return reads
}

// Both legs of an arbitrage must fill at once: a venue that is down or has the market disabled is left out.
function unusableReason(snapshot: VenueSnapshot): string | undefined {
  if (snapshot.enabled === false) return `${snapshot.book.symbol} is not trading on ${snapshot.exchange}`
  if (snapshot.health === 'down') return `${snapshot.exchange} is down`
  return undefined
}
