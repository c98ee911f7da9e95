// The namespace the gateway's roles use, on the cluster: registered when missing (the server, unlike the dev server,
// creates none), with the retention the dev server gets, and the search attributes of temporal.config.ts (SA).
//
// A new search attribute is known at once to the frontend that registered it, but each other service process reads
// attributes through a cache refreshed every 60 s (server common/searchattribute/manager.go): until then the history
// service would fail a workflow task that upserts it. So after adding attributes we wait out that minute.
import { Connection, isGrpcServiceError } from '@temporalio/client'

import { DEV_SERVER, SA } from '../../temporal.config.js'
import { ensureSearchAttributes } from '../temporal/dev-server.js'

const GRPC_NOT_FOUND = 5
const SEARCH_ATTRIBUTE_CACHE_MS = 60_000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export interface NamespaceResult {
  created: boolean
  addedAttributes: string[]
}

/** Connects to the frontend, retrying until it answers (it waits for the other services to join first). */
export async function connectFrontend(address: string, timeoutMs = 120_000): Promise<Connection> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    let connection: Connection | undefined
    try {
      connection = await Connection.connect({ address, connectTimeout: 2_000 })
      await connection.workflowService.getSystemInfo({})
      return connection
    } catch (error) {
      await connection?.close().catch(() => {})
      if (Date.now() > deadline)
        throw new Error(`the Temporal frontend at ${address} did not answer: ${(error as Error).message}`)
      await sleep(500)
    }
  }
}

async function namespaceExists(connection: Connection, namespace: string): Promise<boolean> {
  try {
    await connection.workflowService.describeNamespace({ namespace })
    return true
  } catch (error) {
    if (isGrpcServiceError(error) && error.code === GRPC_NOT_FOUND) return false
    throw error
  }
}

/** Retries `attempt` while it fails (a namespace just registered reaches the services' caches within seconds). */
async function retrying<T>(what: string, attempt: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return await attempt()
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what}: ${(error as Error).message}`)
      await sleep(1_000)
    }
  }
}

export async function ensureNamespace(
  connection: Connection,
  namespace: string,
  log: (line: string) => void
): Promise<NamespaceResult> {
  let created = false
  if (!(await namespaceExists(connection, namespace))) {
    await connection.workflowService.registerNamespace({
      namespace,
      description: 'exchange gateway (npm run cluster)',
      workflowExecutionRetentionPeriod: { seconds: DEV_SERVER.retentionDays * 86_400 } as never /* int64 as number */,
    })
    created = true
    log(`Namespace ${namespace}: registered, retention ${DEV_SERVER.retentionDays} days`)
  }
  const addedAttributes = await retrying(`registering the search attributes of namespace ${namespace}`, () =>
    ensureSearchAttributes(connection, namespace, Object.values(SA))
  )
  if (addedAttributes.length > 0) {
    log(`Namespace ${namespace}: search attributes ${addedAttributes.join(', ')} registered`)
    log(`Waiting ${SEARCH_ATTRIBUTE_CACHE_MS / 1000} s for every service's search-attribute cache to see them...`)
    await sleep(SEARCH_ATTRIBUTE_CACHE_MS)
  } else {
    log(
      `Namespace ${namespace}: search attributes ${Object.values(SA)
        .map((k) => k.name)
        .join(', ')} present`
    )
  }
  return { created, addedAttributes }
}
