// A real Temporal server (temporal-server 1.29.1, the one `npm run cluster` runs) whose frontend serves mTLS only: in
// memory (SQLite), one process, loopback. The CLI's dev server cannot serve TLS (`temporal server start-dev` has no
// TLS flags in v1.5.1), so this is the smallest real server a TLS client can be shown against.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'

import { freePort } from '../../bin/temporal/dev-server.js'
import type { TestCertificates } from './tls-certificates.js'

export interface TlsTemporalServer {
  /** 127.0.0.1:<port>: the frontend, which only answers TLS with a client certificate the CA signed. */
  address: string
  logFile: string
  stop(): Promise<void>
}

const SERVICES = ['frontend', 'history', 'matching', 'worker'] as const

function sqliteStore(): string {
  return `      sql:
        pluginName: "sqlite"
        databaseName: "default"
        connectAddr: "localhost"
        connectProtocol: "tcp"
        connectAttributes: { mode: "memory", cache: "private" }
        maxConns: 1
        maxIdleConns: 1
        maxConnLifetime: "1h"`
}

function configYaml(certs: TestCertificates, ports: Record<(typeof SERVICES)[number], [number, number]>): string {
  const frontendClient = `client: { serverName: "${certs.serverName}", rootCaFiles: ["${certs.caFile}"] }`
  const services = SERVICES.map(
    (name) =>
      `  ${name}:\n    rpc: { grpcPort: ${ports[name][0]}, membershipPort: ${ports[name][1]}, bindOnLocalHost: true }`
  ).join('\n')
  return `log: { stdout: true, level: warn }
persistence:
  defaultStore: sqlite-default
  visibilityStore: sqlite-visibility
  numHistoryShards: 1
  datastores:
    sqlite-default:
${sqliteStore()}
    sqlite-visibility:
${sqliteStore()}
global:
  membership: { maxJoinDuration: 30s, broadcastAddress: "127.0.0.1" }
  pprof: { port: 0 }
  tls:
    frontend:
      server:
        certFile: "${certs.serverCertFile}"
        keyFile: "${certs.serverKeyFile}"
        requireClientAuth: true
        clientCaFiles: ["${certs.caFile}"]
      ${frontendClient}
    systemWorker:
      certFile: "${certs.serverCertFile}"
      keyFile: "${certs.serverKeyFile}"
      ${frontendClient}
services:
${services}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active: { enabled: true, initialFailoverVersion: 1, rpcName: "frontend", rpcAddress: "127.0.0.1:${ports.frontend[0]}" }
dcRedirectionPolicy: { policy: "noop" }
`
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    const done = (open: boolean) => {
      socket.destroy()
      resolve(open)
    }
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()))
}

export async function startTlsTemporalServer(
  serverBinary: string,
  dir: string,
  certs: TestCertificates,
  timeoutMs = 60_000
): Promise<TlsTemporalServer> {
  const ports = {} as Record<(typeof SERVICES)[number], [number, number]>
  for (const name of SERVICES) ports[name] = [await freePort(), await freePort()]
  mkdirSync(join(dir, 'config'), { recursive: true })
  writeFileSync(join(dir, 'config', 'tls.yaml'), configYaml(certs, ports))
  const logFile = join(dir, 'server.log')
  const log = openSync(logFile, 'a')
  // No authorizer: what is shown is the transport (TLS, client certificates), not authorization.
  const args = ['--root', dir, '--config', 'config', '--env', 'tls', '--allow-no-auth', 'start']
  const child = spawn(serverBinary, args, { stdio: ['ignore', log, log] })
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const gone = exited(child)
    child.kill('SIGTERM')
    // It shuts down gracefully in a few seconds; a server that does not must not outlive the test run.
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    await gone
    clearTimeout(killer)
  }
  const deadline = Date.now() + timeoutMs
  while (!(await portOpen(ports.frontend[0]))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop()
      throw new Error(`temporal-server did not serve its frontend; ${logFile}:\n${readFileSync(logFile, 'utf8')}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return { address: `127.0.0.1:${ports.frontend[0]}`, logFile, stop }
}
