// The Temporal UI for the cluster: the UI server the CLI's dev server embeds (ui-server v2.42.1, the same screens),
// run on its own and pointed at the cluster's frontend. The dev server's UI cannot serve another server: `start-dev`
// always wires its UI to the frontend it starts itself.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { runningPid, startDaemon, stopDaemon, type DaemonSpec } from './daemon.js'
import type { ClusterLayout } from './layout.js'

export const UI_SERVER_NAME = 'temporal-ui-server'

/** ui-server's config (server/config/config.go): the frontend it calls over gRPC, and where it listens. */
export function uiConfigYaml(layout: ClusterLayout, namespace: string): string {
  return `# Written by bin/cluster (npm run cluster); rewritten on every run.
temporalGrpcAddress: ${layout.frontendAddress}
host: 127.0.0.1
port: ${layout.ui.port}
enableUi: true
defaultNamespace: ${namespace}
showTemporalSystemNamespace: false
notifyOnNewVersion: false
refreshInterval: 0s
cors:
  cookieInsecure: true
  allowOrigins: []
forwardHeaders: []
`
}

export function uiDaemon(layout: ClusterLayout, uiServer: string): DaemonSpec {
  return {
    name: 'temporal ui',
    command: uiServer,
    args: ['--root', layout.ui.rootDir, '--config', 'config', '--env', 'cluster', 'start'],
    cwd: layout.ui.rootDir,
    logFile: join(layout.logDir, 'ui.log'),
    pidFile: join(layout.runDir, 'ui.pid'),
  }
}

export function uiUrl(layout: ClusterLayout): string {
  return `http://127.0.0.1:${layout.ui.port}`
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Starts the UI when it is not running; resolves once its API lists the cluster's namespaces. */
export async function ensureUi(
  layout: ClusterLayout,
  uiServer: string,
  namespace: string,
  log: (line: string) => void,
  timeoutMs = 60_000
): Promise<string> {
  const configDir = join(layout.ui.rootDir, 'config')
  mkdirSync(configDir, { recursive: true })
  writeFileSync(join(configDir, 'cluster.yaml'), uiConfigYaml(layout, namespace))
  const spec = uiDaemon(layout, uiServer)
  const pid = runningPid(spec)
  if (pid !== undefined) {
    log(`Temporal UI: already running (pid ${pid})`)
  } else {
    log(`Temporal UI: started (pid ${startDaemon(spec)}), log ${spec.logFile}`)
  }
  const probe = `${uiUrl(layout)}/api/v1/namespaces/${encodeURIComponent(namespace)}`
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const answer = await fetch(probe, { signal: AbortSignal.timeout(2_000) }).catch((error: Error) => error)
    if (!(answer instanceof Error) && answer.ok) return uiUrl(layout)
    if (runningPid(spec) === undefined) throw new Error(`the Temporal UI server exited; see ${spec.logFile}`)
    if (Date.now() > deadline) {
      const why = answer instanceof Error ? answer.message : `HTTP ${answer.status}`
      throw new Error(`the Temporal UI did not answer ${probe} within ${timeoutMs} ms (${why}); see ${spec.logFile}`)
    }
    await sleep(500)
  }
}

export async function stopUi(layout: ClusterLayout, log: (line: string) => void): Promise<void> {
  if (await stopDaemon(uiDaemon(layout, UI_SERVER_NAME))) log('Temporal UI: stopped')
}
