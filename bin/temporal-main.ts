// `npm run temporal`: the embedded Temporal dev server alone, in the foreground until SIGINT/SIGTERM.
// TEMPORAL_PORT, TEMPORAL_UI_PORT (0 = no UI) and TEMPORAL_DB_FILE as for npm start. The ready line carries the pid
// of the server process itself: SIGKILL it to crash the server; this wrapper then exits 1, and starting the role
// again on the same TEMPORAL_DB_FILE brings the same state back.
import { runProcess } from './lifecycle.js'
import { readTemporalServerConfig } from './start-config.js'
import { startEmbeddedTemporal } from './temporal-server.js'

await runProcess({ name: 'temporal' }, async (lifecycle) => {
  const config = readTemporalServerConfig(process.env)
  const server = await startEmbeddedTemporal(config, (line) => console.log(line))
  lifecycle.defer(() => server.stop())
  // After a clean stop the process exits before this matters; otherwise the server died under us.
  server.process.once('exit', (code, signal) => lifecycle.abort(`temporal exited: ${signal ?? `code ${code}`}`))
  if (server.uiUrl) console.log(`Temporal UI: ${server.uiUrl}`)
  console.log(`temporal ready: ${server.address} (pid ${server.process.pid})`)
})
