// Worker kills at random moments: every 1-4 s a random ready worker is SIGKILLed (the supervisor starts it
// again), now and then every ready worker at once; and the Temporal dev server is SIGKILLed once, at `crashAt`,
// and restarted on its file.
import type { Rng } from '../../sim/engine/rng.js'
import type { Cluster } from './cluster.js'

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Share of kills that take every ready worker down together. */
const KILL_ALL_SHARE = 0.1

export async function runMonkey(
  cluster: Cluster,
  rng: Rng,
  until: () => boolean,
  crashAt: number,
  log: (line: string) => void
): Promise<void> {
  let crashed = false
  while (!until()) {
    await sleep(rng.int(1_000, 4_000))
    if (until()) return
    if (!crashed && Date.now() >= crashAt) {
      crashed = true
      log('chaos: SIGKILL of the Temporal dev server')
      const started = Date.now()
      await cluster.crashTemporal(2_000)
      log(`chaos: Temporal dev server back on its file after ${((Date.now() - started) / 1000).toFixed(1)} s`)
      continue
    }
    const ready = cluster.readyWorkers()
    if (ready.length === 0) continue
    if (rng.chance(KILL_ALL_SHARE)) {
      cluster.killWorkers(ready)
    } else if (ready.length > 1) {
      // Keep one worker up most of the time: a lone worker is only killed in the kill-all case.
      cluster.killWorkers([ready[rng.int(0, ready.length - 1)]!])
    }
  }
}
