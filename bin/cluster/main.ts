// `npm run cluster`: a real Temporal server (v1.29.1, the one the dev server embeds) on PostgreSQL, on this machine:
// the server, its SQL tool and the UI server found or built with `go install`, the project's own PostgreSQL under
// .temporal/pg, Temporal's schemas, the four services as separate processes, the gateway's namespace and search
// attributes, and the UI. Everything runs in the background after this exits; a second run reuses what is there
// (and starts what is not). `npm run cluster:stop` stops it all; the data stays in .temporal/pg for the next start.
//
// Ports and paths: bin/cluster/layout.ts (TEMPORAL_CLUSTER_PORT, TEMPORAL_CLUSTER_UI_PORT, TEMPORAL_CLUSTER_PG_PORT).
// The gateway's roles reach it with TEMPORAL_ADDRESS (and TEMPORAL_NAMESPACE when not 'default').
import { relative } from 'node:path'

import { temporalConnectionSettings } from '../../temporal.config.js'
import { ensureServerBinaries, ensureUiServer } from './binaries.js'
import { clusterLayout, POSTGRES_MAJOR, TEMPORAL_SERVER_VERSION } from './layout.js'
import { connectFrontend, ensureNamespace } from './namespace.js'
import { ensurePostgres } from './postgres.js'
import { ensureSchemas } from './schema.js'
import { ensureServices } from './services.js'
import { ensureUi } from './ui.js'

const started = Date.now()
const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`
const log = (line: string) => console.log(line)
const layout = clusterLayout(new URL('../..', import.meta.url).pathname, process.env)
const { namespace } = temporalConnectionSettings(process.env)

try {
  // The builds take minutes on a cold machine: they run while PostgreSQL is installed and started, and the UI
  // server builds while the cluster comes up.
  const serverBinaries = ensureServerBinaries({ binDir: layout.binDir, log })
  const uiServer = serverBinaries.then(() => ensureUiServer({ binDir: layout.binDir, log }))
  uiServer.catch(() => {}) // awaited below; a failed UI build must not end the run before the cluster is up
  const [binaries, postgres] = await Promise.all([serverBinaries, ensurePostgres(layout, log)])
  log(`[${elapsed()}] temporal-server: ${binaries.server}; PostgreSQL ${POSTGRES_MAJOR} on port ${postgres.port}`)

  await ensureSchemas(layout, binaries.sqlTool, log)
  await ensureServices(layout, binaries.server, log)
  const connection = await connectFrontend(layout.frontendAddress)
  try {
    await ensureNamespace(connection, namespace, log)
  } finally {
    await connection.close()
  }

  let ui: string
  try {
    ui = await ensureUi(layout, await uiServer, namespace, log)
  } catch (error) {
    ui = `not available: ${(error as Error).message}`
  }

  const env = `TEMPORAL_ADDRESS=${layout.frontendAddress}${namespace === 'default' ? '' : ` TEMPORAL_NAMESPACE=${namespace}`}`
  const demo = `SIMULATOR_URL=http://127.0.0.1:8100 ${env}`
  log(
    [
      '',
      `Temporal cluster ready in ${elapsed()}: server ${TEMPORAL_SERVER_VERSION} (frontend, history, matching, worker) ` +
        `on PostgreSQL ${POSTGRES_MAJOR}`,
      `  ${env}   (namespace ${namespace})`,
      `  UI          ${ui}`,
      `  PostgreSQL  ${postgres.url(layout.pg.databases.main)}, ${postgres.url(layout.pg.databases.visibility)}`,
      `  logs        ${relative(process.cwd(), layout.logDir) || '.'}/`,
      'The gateway against it (each in its own terminal):',
      '  npm run sim',
      `  ${demo} npm run worker`,
      `  ${demo} npm run api`,
      'Stop it with: npm run cluster:stop',
    ].join('\n')
  )
  // The ready line stays a plain line: harnesses wait for it.
  console.log(`cluster ready: ${layout.frontendAddress}`)
} catch (error) {
  console.error(`cluster could not start (after ${elapsed()}): ${(error as Error).message}`)
  console.error(
    'What is already running stays up; run `npm run cluster` again after fixing this, or `npm run cluster:stop`.'
  )
  process.exit(1)
}
