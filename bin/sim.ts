// `npm run sim`: the venue simulator on fixed ports for demo mode. Prints URLs and demo API keys (never secrets).
// SIM_HOST, SIM_PORT_CONTROL (8100), SIM_PORT_BINANCE / _COINBASE / _KRAKEN (8101-8103), SIM_SEED. Workers and APIs
// in other processes reach it through SIMULATOR_URL=<control URL>.
import { EXCHANGE_IDS } from '../domain/types.js'
import { startSimulator } from '../sim/index.js'
import { runProcess } from './lifecycle.js'
import { readSimulatorConfig } from './start-config.js'
import { simulatorDialects } from './simulator-dialects.js'

await runProcess({ name: 'simulator' }, async (lifecycle) => {
  const config = readSimulatorConfig(process.env)
  const simulator = await startSimulator({
    host: config.simulatorHost,
    ports: config.simulatorPorts,
    seed: config.simulatorSeed,
    dialects: simulatorDialects(process.env),
  })
  lifecycle.defer(() => simulator.close())

  console.log('Venue simulator running')
  for (const venue of EXCHANGE_IDS) {
    console.log(`  ${venue.padEnd(8)} ${simulator.urls[venue]}  demo apiKey ${simulator.credentials[venue].apiKey}`)
  }
  console.log(`  control  ${simulator.urls.control}  (GET /venues, PUT /venues/:venue/books/:symbol, ...)`)
  console.log(`sim ready: ${simulator.urls.control} (pid ${process.pid})`)
})
