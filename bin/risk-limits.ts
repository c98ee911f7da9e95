// The configuration's risk limits for an entry point: RISK_LIMITS_FILE (JSON) merged over the demo-safe defaults.
// A bad file stops the process at start with the file and the field named (domain/risk/config.ts).
import { readFileSync } from 'node:fs'

import { loadRiskLimits } from '../domain/risk/config.js'
import type { RiskLimits } from '../domain/risk/types.js'

export function readRiskLimits(env: Record<string, string | undefined>): RiskLimits {
  return loadRiskLimits(env, (path) => readFileSync(path, 'utf8'))
}
