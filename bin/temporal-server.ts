// The embedded Temporal dev server as npm start and npm run temporal run it: the project's CLI, state in a SQLite
// file (restartable on the same file, even after a SIGKILL), the search attributes and retention the platform
// needs, and no orphan server left behind if this process is killed.
import { DEV_SERVER, SA } from '../temporal.config.js'
import type { TemporalServerConfig } from './start-config.js'
import { ensureTemporalCli } from './temporal/cli.js'
import { startDevServer, type RunningDevServer } from './temporal/dev-server.js'

const projectRoot = new URL('..', import.meta.url).pathname

export async function startEmbeddedTemporal(
  config: TemporalServerConfig,
  log: (line: string) => void
): Promise<RunningDevServer> {
  const cliPath = await ensureTemporalCli({ projectRoot, log })
  return startDevServer({
    cliPath,
    port: config.temporalPort,
    uiPort: config.temporalUiPort,
    dbFile: config.temporalDbFile,
    searchAttributes: Object.values(SA),
    retentionDays: DEV_SERVER.retentionDays,
    dieWithParent: true,
    log,
  })
}
