// Runs the Temporal CLI dev server as a child process and waits until it answers. `npm start` uses it with a
// SQLite file under data/ (history survives restarts) and the UI on :8233; the tests use it in memory, headless,
// on a free port.
//
// We start the process ourselves rather than through TestWorkflowEnvironment.createLocal: that helper gives the
// server only 5 s to come up, and a first start that creates the schema on a busy CI machine can take longer.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname } from 'node:path'

import { Connection } from '@temporalio/client'
import type { defineSearchAttributeKey } from '@temporalio/common'

type SearchAttributeKey = ReturnType<typeof defineSearchAttributeKey>

export interface DevServerOptions {
  cliPath: string
  ip?: string
  /** gRPC port; 0 picks a free one. */
  port?: number
  /** UI port; undefined runs headless. */
  uiPort?: number
  /** SQLite file for persistent state; undefined keeps everything in memory. */
  dbFile?: string
  namespace?: string
  searchAttributes?: readonly SearchAttributeKey[]
  retentionDays?: number
  readyTimeoutMs?: number
  log?: (line: string) => void
  /**
   * Kill the server when this process dies, even by SIGKILL, so that no orphan keeps the port and the DB file
   * (Linux: through `setpriv --pdeathsig`; elsewhere the server outlives a killed parent).
   */
  dieWithParent?: boolean
}

export interface RunningDevServer {
  address: string
  namespace: string
  uiUrl?: string
  process: ChildProcess
  stop(): Promise<void>
}

const SA_TYPE_TO_ENUM: Record<string, number> = {
  // temporal.api.enums.v1.IndexedValueType
  TEXT: 1,
  KEYWORD: 2,
  INT: 3,
  DOUBLE: 4,
  BOOL: 5,
  DATETIME: 6,
  KEYWORD_LIST: 7,
}

export async function freePort(ip = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, ip, () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

function saTypeName(key: SearchAttributeKey): string {
  return key.type === 'KEYWORD_LIST' ? 'KeywordList' : key.type.charAt(0) + key.type.slice(1).toLowerCase()
}

export async function startDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  const ip = options.ip ?? '127.0.0.1'
  const port = options.port || (await freePort(ip))
  const namespace = options.namespace ?? 'default'
  const log = options.log ?? (() => {})
  const args = ['server', 'start-dev', '--ip', ip, '--port', String(port), '--log-level', 'warn']
  if (namespace !== 'default') args.push('--namespace', namespace)
  if (options.uiPort) args.push('--ui-port', String(options.uiPort))
  else args.push('--headless')
  if (options.dbFile) {
    mkdirSync(dirname(options.dbFile), { recursive: true })
    args.push(
      '--db-filename',
      options.dbFile,
      '--sqlite-pragma',
      'journal_mode=WAL',
      '--sqlite-pragma',
      'synchronous=NORMAL'
    )
  }
  for (const key of options.searchAttributes ?? []) args.push('--search-attribute', `${key.name}=${saTypeName(key)}`)
  args.push('--dynamic-config-value', 'system.enableActivityEagerExecution=true')

  const [command, commandArgs] = options.dieWithParent
    ? withParentDeathSignal(options.cliPath, args)
    : [options.cliPath, args]
  // setpriv execs the CLI: child.pid is the server process itself.
  const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  let exited: number | null = null
  child.on('exit', (code) => {
    exited = code ?? -1
  })

  const address = `${ip}:${port}`
  const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000)
  let connection: Connection | undefined
  while (!connection) {
    if (exited !== null) throw new Error(`Temporal dev server exited with ${exited} before it was ready:\n${output}`)
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(
        `Temporal dev server at ${address} did not answer within ${options.readyTimeoutMs ?? 90_000} ms:\n${output}`
      )
    }
    try {
      connection = await Connection.connect({ address, connectTimeout: 2_000 })
      await connection.workflowService.getSystemInfo({})
    } catch {
      await connection?.close().catch(() => {})
      connection = undefined
      await new Promise((r) => setTimeout(r, 250))
    }
  }
  try {
    // --search-attribute only applies when the namespace is created; on an existing DB file add what is missing.
    await ensureSearchAttributes(connection, namespace, options.searchAttributes ?? [])
    if (options.retentionDays) await setRetention(connection, namespace, options.retentionDays)
  } finally {
    await connection.close()
  }
  log(`Temporal dev server ready at ${address}`)

  return {
    address,
    namespace,
    uiUrl: options.uiPort ? `http://${ip}:${options.uiPort}` : undefined,
    process: child,
    stop: () => stopProcess(child),
  }
}

/** Registers the attributes the namespace lacks (also used for `npm run cluster`); returns their names. */
export async function ensureSearchAttributes(
  connection: Connection,
  namespace: string,
  keys: readonly SearchAttributeKey[]
): Promise<string[]> {
  if (keys.length === 0) return []
  const existing = await connection.operatorService.listSearchAttributes({ namespace })
  const known = new Set(Object.keys(existing.customAttributes ?? {}))
  const missing = keys.filter((k) => !known.has(k.name))
  if (missing.length === 0) return []
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((k) => [k.name, SA_TYPE_TO_ENUM[k.type] as number])) as never,
  })
  return missing.map((k) => k.name)
}

async function setRetention(connection: Connection, namespace: string, days: number) {
  await connection.workflowService.updateNamespace({
    namespace,
    config: {
      workflowExecutionRetentionTtl: { seconds: days * 86_400 } as never /* protobufjs takes a number for int64 */,
    },
  })
}

let pdeathsigSupported: boolean | undefined

function withParentDeathSignal(command: string, args: string[]): [string, string[]] {
  pdeathsigSupported ??= /--pdeathsig/.test(spawnSync('setpriv', ['--help'], { encoding: 'utf8' }).stdout ?? '')
  return pdeathsigSupported ? ['setpriv', ['--pdeathsig', 'KILL', '--', command, ...args]] : [command, args]
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000)
    child.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    child.kill('SIGTERM')
  })
}
