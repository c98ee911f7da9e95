// Goal: the options the roles build from TEMPORAL_TLS_* (bin/temporal-connection-options.ts) really reach a Temporal
// server that serves mTLS only, through the client's Connection and the worker's NativeConnection alike, and a
// connection without the right certificate, CA or server name is refused; the Temporal CLI reads the same variables
// (the namespace job of ops/deploy relies on it). Method: openssl makes a CA, the frontend's certificate (one DNS
// name, no IP) and client certificates; the real temporal-server 1.29.1 (found or built as `npm run cluster` does)
// serves them; a worker runs a workflow the client starts, both connected from the environment alone.
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { Client, Connection } from '@temporalio/client'
import { NativeConnection, Worker } from '@temporalio/worker'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ensureServerBinaries } from '../../bin/cluster/binaries.js'
import { clusterLayout } from '../../bin/cluster/layout.js'
import { ensureTemporalCli } from '../../bin/temporal/cli.js'
import { readTemporalConnectionOptions } from '../../bin/temporal-connection-options.js'
import { makeTestCertificates, type TestCertificates } from '../support/tls-certificates.js'
import { startTlsTemporalServer, type TlsTemporalServer } from '../support/tls-temporal-server.js'

const projectRoot = fileURLToPath(new URL('../..', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'temporal-tls-'))
let certs: TestCertificates
let server: TlsTemporalServer
let cli: string

function mtlsEnv(): Record<string, string> {
  return {
    TEMPORAL_TLS_CERT: certs.clientCertFile,
    TEMPORAL_TLS_KEY: certs.clientKeyFile,
    TEMPORAL_TLS_CA: certs.caFile,
    TEMPORAL_TLS_SERVER_NAME: certs.serverName,
  }
}

/** The CLI with only the given Temporal settings (none inherited from this shell). */
function temporalCli(args: string[], settings: Record<string, string>) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('TEMPORAL_')))
  return spawnSync(cli, args, {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...env, TEMPORAL_ADDRESS: server.address, ...settings },
  })
}

beforeAll(async () => {
  certs = makeTestCertificates(dir)
  // Found on PATH or in .temporal/bin; built with go install (about 6 minutes on 2 cores) where it is missing.
  const binaries = await ensureServerBinaries({
    binDir: clusterLayout(projectRoot, process.env).binDir,
    log: console.log,
  })
  server = await startTlsTemporalServer(binaries.server, join(dir, 'server'), certs)
  cli = await ensureTemporalCli({ projectRoot })
  const created = temporalCli(['operator', 'namespace', 'create', '--namespace', 'default'], mtlsEnv())
  if (created.status !== 0) throw new Error(`namespace not created: ${created.stderr}`)
}, 900_000)

afterAll(async () => {
  await server?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('a Temporal frontend that serves mTLS only', () => {
  it('runs a workflow: the client and the worker connect with the options the environment gives', async () => {
    const options = readTemporalConnectionOptions(mtlsEnv())
    const connection = await Connection.connect({ address: server.address, ...options })
    const workerConnection = await NativeConnection.connect({ address: server.address, ...options })
    try {
      const taskQueue = `tls-${randomUUID()}`
      const worker = await Worker.create({
        connection: workerConnection,
        namespace: 'default',
        taskQueue,
        workflowsPath: fileURLToPath(new URL('./fixtures/echo-workflow.ts', import.meta.url)),
      })
      const client = new Client({ connection, namespace: 'default' })
      const result = await worker.runUntil(
        client.workflow.execute('echoWorkflow', { taskQueue, workflowId: `tls-${randomUUID()}`, args: ['over mTLS'] })
      )
      expect(result).toBe('echo: over mTLS')
    } finally {
      await workerConnection.close()
      await connection.close()
    }
  })

  // The worker's connection (Rust core) says why a handshake failed when the client refuses the server. When the
  // server refuses the client (TLS 1.3 checks the client's certificate after the client has finished), the client
  // sees the alert or the connection closing, whichever comes first: a transport error, where a connection with the
  // right certificate gets through.
  const nativeOutcome = (env: Record<string, string>) =>
    NativeConnection.connect({ address: server.address, ...readTemporalConnectionOptions(env) }).then(
      async (connection) => {
        await connection.close()
        return 'connected'
      },
      (error: Error) => error.message
    )
  const REFUSED_BY_SERVER = /^Failed to call GetSystemInfo: .*tonic::transport::Error\(Transport, hyper::Error/

  it('refuses a plaintext connection, and TLS ones without a client certificate the CA signed', async () => {
    const tlsOnly = { TEMPORAL_TLS_CA: certs.caFile, TEMPORAL_TLS_SERVER_NAME: certs.serverName }
    const stranger = {
      ...mtlsEnv(),
      TEMPORAL_TLS_CERT: certs.strangerCertFile,
      TEMPORAL_TLS_KEY: certs.strangerKeyFile,
    }
    expect(await nativeOutcome(mtlsEnv())).toBe('connected')
    expect(await nativeOutcome({})).toMatch(REFUSED_BY_SERVER)
    expect(await nativeOutcome(tlsOnly)).toMatch(REFUSED_BY_SERVER)
    expect(await nativeOutcome(stranger)).toMatch(REFUSED_BY_SERVER)
    const client = Connection.connect({
      address: server.address,
      connectTimeout: 5_000,
      ...readTemporalConnectionOptions(tlsOnly),
    })
    await expect(client).rejects.toThrow('Failed to connect before the deadline')
  })

  it('checks the server by the name TEMPORAL_TLS_SERVER_NAME gives, and by the CA TEMPORAL_TLS_CA gives', async () => {
    const { TEMPORAL_TLS_SERVER_NAME: _name, ...withoutName } = mtlsEnv()
    const { TEMPORAL_TLS_CA: _ca, ...withoutCa } = mtlsEnv()
    // 127.0.0.1 is not the name in the frontend's certificate; the system's CAs do not know the test CA.
    expect(await nativeOutcome(withoutName)).toContain('NotValidForName')
    expect(await nativeOutcome(withoutCa)).toContain('UnknownIssuer')
  })

  it('serves the Temporal CLI configured by the same variables, and refuses it without the client certificate', () => {
    const described = temporalCli(['operator', 'namespace', 'describe', '--namespace', 'default'], mtlsEnv())
    expect(described.stderr).toBe('')
    expect(described.stdout).toContain('default')
    const refused = temporalCli(['operator', 'namespace', 'describe', '--namespace', 'default'], {
      TEMPORAL_TLS_CA: certs.caFile,
      TEMPORAL_TLS_SERVER_NAME: certs.serverName,
    })
    expect(refused.status).not.toBe(0)
    expect(refused.stderr).toContain('failed reaching server')
  })
})
