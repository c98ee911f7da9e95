// `npm run cluster:stop`: stops what `npm run cluster` started (UI, the four services, PostgreSQL), found through
// their pid files and pg_ctl. The data stays in .temporal/pg: the next `npm run cluster` starts on it.
import { clusterLayout } from './layout.js'
import { stopPostgres } from './postgres.js'
import { stopServices } from './services.js'
import { stopUi } from './ui.js'

const log = (line: string) => console.log(line)
const layout = clusterLayout(new URL('../..', import.meta.url).pathname, process.env)

try {
  await stopUi(layout, log)
  await stopServices(layout, 'temporal-server', log)
  if (await stopPostgres(layout, log)) log('PostgreSQL: stopped')
  log('cluster stopped')
} catch (error) {
  console.error(`cluster:stop failed: ${(error as Error).message}`)
  process.exit(1)
}
