// The simulator's dialects as the environment configures them: the demo Kraken account has the verification tier
// KRAKEN_TIER names (its rate limits), the same tier the Kraken connector paces itself for.
import { krakenTier } from '../exchanges/settings.js'
import { krakenDialect } from '../sim/dialects/kraken/index.js'
import type { SimulatorOptions } from '../sim/server.js'

export function simulatorDialects(env: Record<string, string | undefined>): SimulatorOptions['dialects'] {
  return { kraken: krakenDialect({ rateLimits: { tier: krakenTier(env) } }) }
}
