// `npm run sim`: the venue simulator on fixed ports for demo mode. Prints URLs and demo API keys (never secrets).
import { EXCHANGE_IDS } from '../domain/types.js'
import { startSimulator, type SimulatorPort } from '../sim/index.js'

const DEFAULT_PORTS: Record<SimulatorPort, number> = {
  control: 8100,
  binance: 8101,
  coinbase: 8102,
  kraken: 8103,
}

function portFromEnv(name: SimulatorPort): number {
  const text = process.env[`SIM_PORT_${name.toUpperCase()}`]
  if (text === undefined || text === '') return DEFAULT_PORTS[name]
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`SIM_PORT_${name.toUpperCase()} must be a port number, got ${text}`)
  }
  return port
}

const simulator = await startSimulator({
  host: process.env.SIM_HOST || '127.0.0.1',
  ports: Object.fromEntries((['control', ...EXCHANGE_IDS] as const).map((name) => [name, portFromEnv(name)])),
  seed: process.env.SIM_SEED ? Number(process.env.SIM_SEED) : undefined,
})

console.log('Venue simulator running')
for (const venue of EXCHANGE_IDS) {
  console.log(`  ${venue.padEnd(8)} ${simulator.urls[venue]}  demo apiKey ${simulator.credentials[venue].apiKey}`)
}
console.log(`  control  ${simulator.urls.control}  (GET /venues, PUT /venues/:venue/books/:symbol, ...)`)

let stopping = false
async function stop(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  console.log(`${signal}: stopping the simulator`)
  await simulator.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop('SIGINT'))
process.on('SIGTERM', () => void stop('SIGTERM'))
