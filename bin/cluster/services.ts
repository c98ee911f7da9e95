// The Temporal server's four services, each its own process (`temporal-server ... start --service <name>`), as they
// run on separate hosts or pods in production; here on one machine, found by each other through the membership table
// in PostgreSQL. A service that already runs is kept; the config files are rewritten on every run and read by a
// service when it (re)starts.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'

import { runningPid, startDaemon, stopDaemon, type DaemonSpec } from './daemon.js'
import { SERVICES, type ClusterLayout, type ServiceName } from './layout.js'
import { dynamicConfigYaml, serverConfigYaml } from './server-config.js'

export function serviceDaemon(layout: ClusterLayout, server: string, service: ServiceName): DaemonSpec {
  return {
    name: `temporal ${service}`,
    command: server,
    // The loopback-only cluster has no authorizer on purpose; the flag says so (and keeps the server from warning).
    args: [
      '--root',
      layout.clusterDir,
      '--config',
      'config',
      '--env',
      service,
      '--allow-no-auth',
      'start',
      '--service',
      service,
    ],
    cwd: layout.clusterDir,
    logFile: join(layout.logDir, `${service}.log`),
    pidFile: join(layout.runDir, `${service}.pid`),
  }
}

export function writeServerConfigs(layout: ClusterLayout): void {
  mkdirSync(layout.configDir, { recursive: true })
  for (const service of SERVICES)
    writeFileSync(join(layout.configDir, `${service}.yaml`), serverConfigYaml(layout, service))
  writeFileSync(layout.dynamicConfigFile, dynamicConfigYaml(layout))
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    const done = (open: boolean) => {
      socket.destroy()
      resolve(open)
    }
    socket.setTimeout(1_000, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

function logTail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log)'
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits until the service listens on its gRPC port; fails at once when its process dies. */
async function waitForService(spec: DaemonSpec, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await portOpen(port))) {
    if (runningPid(spec) === undefined)
      throw new Error(`${spec.name} exited while starting; ${spec.logFile}:\n${logTail(spec.logFile)}`)
    if (Date.now() > deadline)
      throw new Error(
        `${spec.name} did not listen on ${port} within ${timeoutMs} ms; ${spec.logFile}:\n${logTail(spec.logFile)}`
      )
    await sleep(250)
  }
}

/** The worker service serves no gRPC (it runs the system workflows as a client): its membership port says it is up. */
export function readinessPort(layout: ClusterLayout, service: ServiceName): number {
  const ports = layout.services[service]
  return service === 'worker' ? ports.membership : ports.grpc
}

export interface ServicesResult {
  started: ServiceName[]
  reused: ServiceName[]
}

/** Starts the services that are not running, in SERVICES order, each once the one before listens. */
export async function ensureServices(
  layout: ClusterLayout,
  server: string,
  log: (line: string) => void,
  timeoutMs = 120_000
): Promise<ServicesResult> {
  writeServerConfigs(layout)
  const result: ServicesResult = { started: [], reused: [] }
  for (const service of SERVICES) {
    const spec = serviceDaemon(layout, server, service)
    const port = readinessPort(layout, service)
    const pid = runningPid(spec)
    if (pid !== undefined) {
      log(`Temporal ${service}: already running (pid ${pid}), port ${port}`)
      result.reused.push(service)
      continue
    }
    const started = Date.now()
    const newPid = startDaemon(spec)
    await waitForService(spec, port, timeoutMs)
    log(`Temporal ${service}: started (pid ${newPid}) in ${Date.now() - started} ms, port ${port}, log ${spec.logFile}`)
    result.started.push(service)
  }
  return result
}

/** Stops the services, frontend first (no new requests), then worker, matching and history. */
export async function stopServices(layout: ClusterLayout, server: string, log: (line: string) => void): Promise<void> {
  const order: ServiceName[] = ['frontend', 'worker', 'matching', 'history']
  for (const service of order) {
    if (await stopDaemon(serviceDaemon(layout, server, service))) log(`Temporal ${service}: stopped`)
  }
}
