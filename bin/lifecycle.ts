// The life of one entry process (npm start and each single role): what it started is stopped in reverse order on
// SIGINT/SIGTERM or when starting fails, and the process exits 0 after a clean stop, 1 after a failed start.
// SIGKILL needs nothing: the process holds no state that must survive (ARCHITECTURE.md, invariant 6).

export interface Lifecycle {
  /** Registers how to stop something just started; the steps run last-registered first. */
  defer(stop: () => Promise<void> | void): void
  /** Runs every registered step once; a failing step is logged and the others still run. */
  stop(): Promise<void>
  /** Something this process serves died (the worker, the server it runs): say so, stop the rest, exit 1. */
  abort(reason: string): void
}

export function createLifecycle(onAbort: (reason: string) => void = () => {}): Lifecycle {
  const steps: Array<() => Promise<void> | void> = []
  return {
    defer: (stop) => void steps.push(stop),
    abort: onAbort,
    async stop() {
      while (steps.length > 0) {
        const step = steps.pop()!
        await Promise.resolve()
          .then(step)
          .catch((error: unknown) => console.error(error))
      }
    },
  }
}

export interface RunOptions {
  /** Named in the messages, e.g. 'worker'. */
  name: string
  log?: (line: string) => void
}

/**
 * Runs `start` with a fresh lifecycle; SIGINT/SIGTERM stop it and exit 0. A start that throws prints
 * `<name> could not start: <reason>` on stderr, stops what was started and exits 1.
 */
export async function runProcess(
  { name, log = (line) => console.log(line) }: RunOptions,
  start: (lifecycle: Lifecycle) => Promise<void>
): Promise<void> {
  let stopping = false
  const lifecycle = createLifecycle((reason) => {
    if (stopping) return
    stopping = true
    console.error(`${name} failed: ${reason}`)
    void lifecycle.stop().then(() => process.exit(1))
  })
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    log(`${signal}: stopping the ${name}...`)
    void lifecycle.stop().then(() => {
      log(`${name} stopped.`)
      process.exit(0)
    })
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  try {
    await start(lifecycle)
  } catch (error) {
    stopping = true
    console.error(`${name} could not start: ${(error as Error).message}`)
    await lifecycle.stop()
    process.exit(1)
  }
}
