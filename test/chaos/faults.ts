// Venue faults during the run, one episode at a time through the simulator's control API, each recorded as a
// window so the checks know which venues were really unavailable when. Held-answer episodes also kill workers
// the moment a venue has accepted an order it is still holding the answer to: the crash lands between the venue
// accepting and the activity completing.
import type { ExchangeId } from '../../domain/types.js'
import type { Rng } from '../../sim/engine/rng.js'
import type { FaultConfig } from '../../sim/faults.js'
import type { ControlClient } from '../support/simulator.js'
import type { Cluster } from './cluster.js'
import type { FaultWindow } from './model.js'
import { VENUES } from './venues.js'

interface Episode {
  label: string
  config: FaultConfig
  durationMs: number
  excusesNotPlaced: boolean
  /** Kill workers while the venue holds an accepted order's answer. */
  killDuringHold?: boolean
}

const HOLD_MS = 1_500

const episode = (label: string, config: FaultConfig, durationMs: number, excusesNotPlaced: boolean): Episode => ({
  label,
  config,
  durationMs,
  excusesNotPlaced,
})

const EPISODES: { weight: number; episode: Episode }[] = [
  {
    weight: 30,
    episode: {
      ...episode(`holdOrderResponsesMs ${HOLD_MS}`, { holdOrderResponsesMs: HOLD_MS }, 8_000, false),
      killDuringHold: true,
    },
  },
  { weight: 15, episode: episode('dropOrderResponses 2', { dropOrderResponses: 2 }, 6_000, false) },
  { weight: 10, episode: episode('latencyMs 400', { latencyMs: 400 }, 6_000, false) },
  {
    weight: 15,
    episode: episode(
      'rateLimitRate 0.3 (429, Retry-After 1)',
      { rateLimitRate: 0.3, retryAfterSeconds: 1 },
      5_000,
      true
    ),
  },
  { weight: 15, episode: episode('errorRate 0.3 (5xx)', { errorRate: 0.3 }, 5_000, true) },
  { weight: 15, episode: episode('timeoutRate 0.15', { timeoutRate: 0.15 }, 5_000, true) },
]
const DOWN = episode('down', { down: true }, 20_000, true)

function pick(rng: Rng): Episode {
  const total = EPISODES.reduce((sum, e) => sum + e.weight, 0)
  let roll = rng.next() * total
  for (const { weight, episode } of EPISODES) {
    roll -= weight
    if (roll < 0) return episode
  }
  return EPISODES[0]!.episode
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export interface FaultInjector {
  windows: FaultWindow[]
  /** Kills timed inside a held answer. */
  holdKills: number
  /** Runs episodes until `until()` says stop, one venue down once at `downAt`; then clears every fault. */
  run(until: () => boolean, downAt: number): Promise<void>
}

export function createFaultInjector(
  control: ControlClient,
  cluster: Cluster,
  rng: Rng,
  log: (line: string) => void
): FaultInjector {
  const windows: FaultWindow[] = []
  const injector: FaultInjector = { windows, holdKills: 0, run }

  async function ordersAt(venue: ExchangeId): Promise<number> {
    return (await control.receivedOrders(venue).catch(() => [])).length
  }

  /** Polls the venue while it holds answers; on each newly accepted order, kill one or every ready worker. */
  async function killInsideHolds(venue: ExchangeId, endAt: number): Promise<void> {
    let seen = await ordersAt(venue)
    while (Date.now() < endAt) {
      await sleep(150)
      const now = await ordersAt(venue)
      if (now <= seen) continue
      seen = now
      const ready = cluster.readyWorkers()
      if (ready.length === 0) continue
      const targets = rng.chance(0.3) ? ready : [ready[rng.int(0, ready.length - 1)]!]
      cluster.killWorkers(targets)
      injector.holdKills += targets.length
      // Let the supervisor bring workers back before the next kill in this window.
      await sleep(HOLD_MS)
    }
  }

  async function play(venue: ExchangeId, episode: Episode): Promise<void> {
    const window: FaultWindow = {
      venue,
      label: episode.label,
      from: Date.now(),
      excusesNotPlaced: episode.excusesNotPlaced,
    }
    windows.push(window)
    await control.setFaults(venue, episode.config)
    const endAt = Date.now() + episode.durationMs
    if (episode.killDuringHold) await killInsideHolds(venue, endAt)
    else await sleep(episode.durationMs)
    await control.clearFaults(venue)
    window.to = Date.now()
  }

  async function run(until: () => boolean, downAt: number): Promise<void> {
    let downDone = false
    // Every kind once first (in a seeded order), then at random by weight.
    const firsts = EPISODES.map((e) => e.episode)
    for (let i = firsts.length - 1; i > 0; i--) {
      const j = rng.int(0, i)
      ;[firsts[i], firsts[j]] = [firsts[j]!, firsts[i]!]
    }
    try {
      while (!until()) {
        const venue = VENUES[rng.int(0, VENUES.length - 1)]!
        const episode = !downDone && Date.now() >= downAt ? DOWN : (firsts.shift() ?? pick(rng))
        if (episode === DOWN) downDone = true
        log(`chaos: fault ${venue} ${episode.label} for ${episode.durationMs / 1000} s`)
        await play(venue, episode)
        await sleep(rng.int(2_000, 6_000))
      }
    } finally {
      await control.clearFaults().catch(() => {})
      for (const window of windows) window.to ??= Date.now()
    }
  }

  return injector
}
