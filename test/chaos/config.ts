// The chaos run's knobs, from the environment. Defaults fit `npm run test:chaos` in CI: at least 300
// executions, the whole run (start-up, load, settling, checks) inside 10 minutes.
export interface ChaosConfig {
  /** CHAOS_SEED: every random choice (plan, kills, faults) derives from it. */
  seed: number
  /** CHAOS_EXECUTIONS: executions to drive. */
  executions: number
  /** CHAOS_SECONDS: the load phase starts no execution after this many seconds. */
  loadSeconds: number
  /** CHAOS_SETTLE_SECONDS: how long to wait, faults cleared, for every execution to close. */
  settleSeconds: number
  /** CHAOS_BUDGET_SECONDS: hard cap on the whole run; past it everything is killed and the run fails. */
  budgetSeconds: number
  /** CHAOS_CONCURRENCY: executions in flight. */
  concurrency: number
  /** CHAOS_WORKERS: worker processes on the task queue. */
  workers: number
  /** CHAOS_KEEP=1 keeps the temp dir (process logs, both SQLite files) after a passing run too. */
  keep: boolean
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const text = env[name]
  if (text === undefined || text === '') return fallback
  const value = Number(text)
  if (!Number.isInteger(value) || value < min)
    throw new Error(`${name} must be an integer of at least ${min}, got ${text}`)
  return value
}

export function readChaosConfig(env: NodeJS.ProcessEnv): ChaosConfig {
  return {
    seed: intFrom(env, 'CHAOS_SEED', 1, 0),
    executions: intFrom(env, 'CHAOS_EXECUTIONS', 300, 1),
    loadSeconds: intFrom(env, 'CHAOS_SECONDS', 300, 10),
    settleSeconds: intFrom(env, 'CHAOS_SETTLE_SECONDS', 120, 5),
    budgetSeconds: intFrom(env, 'CHAOS_BUDGET_SECONDS', 570, 60),
    concurrency: intFrom(env, 'CHAOS_CONCURRENCY', 10, 1),
    workers: intFrom(env, 'CHAOS_WORKERS', 2, 2),
    keep: env.CHAOS_KEEP === '1',
  }
}
