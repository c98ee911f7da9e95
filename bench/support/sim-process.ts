// The benchmarks' simulator as a process of its own (bench/support/sim-child.ts starts it), so that the gateway
// process's CPU time is the gateway's: API, worker, ccxt and SQLite, without the venues' matching engines.
// Prints one JSON line with its URLs, then runs until its stdin closes (its parent exited) or SIGTERM.
import { startBenchSimulator } from './stack.js'

const sim = await startBenchSimulator()
process.stdout.write(`${JSON.stringify({ urls: sim.urls })}\n`)
const stop = () => {
  void sim.close().finally(() => process.exit(0))
}
process.stdin.on('close', stop)
process.stdin.resume()
process.on('SIGTERM', stop)
