// The chaos suite's worker process: composed as bin/worker-main.ts composes `npm run worker` (same settings,
// connectors, database, activities and workflows, same ready line), except that its workflow code comes
// pre-bundled from CHAOS_WORKFLOW_BUNDLE (built once per run by the suite). Bundling with webpack at every start
// takes 20-40 s on a busy 2-core machine, longer than the gap between kills: restarted workers would never be up.
import { readFileSync } from 'node:fs'

import { NativeConnection } from '@temporalio/worker'

import { runProcess } from '../../bin/lifecycle.js'
import { fetchSimulatorUrls } from '../../bin/simulator-venues.js'
import { readDatabasePath } from '../../bin/start-config.js'
import { createGatewayWorker } from '../../bin/worker.js'
import { installWorkerRuntime } from '../../bin/worker-role.js'
import { openDatabase } from '../../db/client.js'
import { createConnectorRegistry, loadExchangeSettings } from '../../exchanges/registry.js'
import { temporalConnectionSettings } from '../../temporal.config.js'

await runProcess({ name: 'worker' }, async (lifecycle) => {
  const bundlePath = process.env.CHAOS_WORKFLOW_BUNDLE
  if (!bundlePath) throw new Error('CHAOS_WORKFLOW_BUNDLE (the pre-built workflow bundle) is not set')
  const workflowBundle = { code: readFileSync(bundlePath, 'utf8'), sourceMap: readFileSync(`${bundlePath}.map`, 'utf8') }
  const settings = loadExchangeSettings(process.env)
  const simulatorUrls = await fetchSimulatorUrls(settings)
  const temporal = temporalConnectionSettings(process.env)
  installWorkerRuntime()

  const database = openDatabase(readDatabasePath(process.env))
  lifecycle.defer(() => database.close())
  const connectors = createConnectorRegistry(settings, { simulatorUrls })
  lifecycle.defer(() => connectors.close())
  const connection = await NativeConnection.connect({ address: temporal.address })
  lifecycle.defer(() => connection.close())
  const worker = await createGatewayWorker({
    connection,
    namespace: temporal.namespace,
    taskQueue: temporal.taskQueue,
    deps: { connectors, db: database.db },
    workflowBundle,
  })
  let stopping = false
  const running = worker.run().catch((error: Error) => {
    // A worker that can no longer poll must not leave a process that looks alive: the suite starts another.
    if (!stopping) lifecycle.abort(`the worker stopped: ${error.message}`)
  })
  lifecycle.defer(async () => {
    stopping = true
    worker.shutdown()
    await running
  })
  console.log(`worker ready: task queue ${temporal.taskQueue} (pid ${process.pid})`)
})
