// How long the workers' venue calls waited for rate-limit budget (gateway_rate_limit_wait_seconds on each worker's
// GET /metrics), so that a throughput figure says whether the venues' limits or the machine set it.

export interface RateLimitWaits {
  /** Calls that had to wait. */
  calls: number
  seconds: number
}

/** The histogram's _count and _sum, over every label set, in a Prometheus text exposition. */
export function rateLimitWaitsIn(exposition: string): RateLimitWaits {
  const total = (suffix: string) =>
    exposition
      .split('\n')
      .filter((line) => line.startsWith(`gateway_rate_limit_wait_seconds_${suffix}`))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0)
  return { calls: total('count'), seconds: total('sum') }
}

/** The waits of every worker that answers now. A worker that started in between counts from zero. */
export async function readRateLimitWaits(metricsUrls: string[]): Promise<RateLimitWaits> {
  const each = await Promise.all(
    metricsUrls.map(async (url) => {
      const response = await fetch(url)
      return rateLimitWaitsIn(await response.text())
    })
  )
  return each.reduce((sum, waits) => ({ calls: sum.calls + waits.calls, seconds: sum.seconds + waits.seconds }), {
    calls: 0,
    seconds: 0,
  })
}

export function waitsBetween(before: RateLimitWaits, after: RateLimitWaits): string {
  const calls = after.calls - before.calls
  return calls === 0
    ? 'no venue call waited for rate-limit budget'
    : `${calls} venue calls waited for rate-limit budget, ${(after.seconds - before.seconds).toFixed(1)} s in all`
}
