// The venue simulator: engine, default venues, faults, HTTP server and control API.
export {
  startSimulator,
  DEFAULT_SEED,
  type RunningSimulator,
  type SimulatorOptions,
  type SimulatorPort,
} from './server.js'
export { createControlApp, symbolFromPath, type ControlContext } from './control.js'
export { createFaults, type FaultConfig, type Faults } from './faults.js'
export {
  DEFAULT_VENUES,
  DEFAULT_MARKETS,
  DEMO_BALANCES,
  REFERENCE_MIDS,
  VENUE_MID_OFFSETS,
  type VenueConfig,
} from './markets.js'
export { DEMO_CREDENTIALS } from './credentials.js'
export { createVenueEngine, LIQUIDITY_OWNER, type VenueEngineOptions } from './engine/index.js'
export type * from './engine/types.js'
export { SimError } from './engine/types.js'
export type * from './dialect.js'
