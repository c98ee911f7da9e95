// How the roles secure their connection to Temporal, from the environment: mTLS for a self-hosted cluster (Temporal's
// Helm chart with TLS on the frontend), an API key for Temporal Cloud, or neither for the dev server and
// `npm run cluster`. The variables are the Temporal CLI's own, so one set of settings serves the roles and the CLI
// (the namespace job of ops/deploy runs `temporal operator namespace create` with the same environment).
// The same options go to the client's Connection and to the worker's NativeConnection: both take `tls` and `apiKey`.
import { readFileSync } from 'node:fs'

import type { TLSConfig } from '@temporalio/client'

/** The part of Connection.connect's and NativeConnection.connect's options that the environment decides. */
export interface TemporalConnectionOptions {
  tls?: TLSConfig
  apiKey?: string
}

type Env = Record<string, string | undefined>

/** Reads a PEM file named by a variable; throws (ENOENT, EACCES...) when it cannot. */
export type ReadPemFile = (path: string) => Uint8Array

// Kubernetes hands an optional secret that is absent as an empty variable: empty means unset.
function setting(env: Env, name: string): string | undefined {
  const value = env[name]?.trim()
  return value ? value : undefined
}

function tlsSwitch(env: Env): boolean | undefined {
  const value = setting(env, 'TEMPORAL_TLS')
  if (value === undefined) return undefined
  if (value === 'true') return true
  if (value === 'false') return false
  throw new Error(`TEMPORAL_TLS must be true or false, not ${JSON.stringify(value)}`)
}

function readPem(env: Env, name: string, readFile: ReadPemFile): Uint8Array | undefined {
  const path = setting(env, name)
  if (path === undefined) return undefined
  try {
    return readFile(path)
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    throw new Error(`${name}: cannot read ${path} (${reason})`)
  }
}

function clientCertPair(env: Env, readFile: ReadPemFile): TLSConfig['clientCertPair'] {
  const cert = setting(env, 'TEMPORAL_TLS_CERT')
  const key = setting(env, 'TEMPORAL_TLS_KEY')
  if (cert === undefined && key === undefined) return undefined
  // A certificate without its key (or the reverse) would connect without mTLS and fail later, far from the cause.
  if (key === undefined) throw new Error('TEMPORAL_TLS_CERT is set but TEMPORAL_TLS_KEY is not: mTLS needs both')
  if (cert === undefined) throw new Error('TEMPORAL_TLS_KEY is set but TEMPORAL_TLS_CERT is not: mTLS needs both')
  return { crt: readPem(env, 'TEMPORAL_TLS_CERT', readFile)!, key: readPem(env, 'TEMPORAL_TLS_KEY', readFile)! }
}

/** Every variable that asks for TLS or carries a credential to Temporal. */
export const TEMPORAL_TLS_VARIABLES = [
  'TEMPORAL_TLS',
  'TEMPORAL_TLS_CERT',
  'TEMPORAL_TLS_KEY',
  'TEMPORAL_TLS_CA',
  'TEMPORAL_TLS_SERVER_NAME',
  'TEMPORAL_API_KEY',
] as const

/**
 * Connection options from TEMPORAL_TLS_CERT + TEMPORAL_TLS_KEY (client certificate and key files: mTLS),
 * TEMPORAL_TLS_CA (the server's root CA file, when the system's CAs do not trust it), TEMPORAL_TLS_SERVER_NAME
 * (the name the server's certificate carries, when the address does not), TEMPORAL_TLS=true (TLS without a client
 * certificate) and TEMPORAL_API_KEY (Temporal Cloud; implies TLS). Nothing set: a plaintext connection, as to the
 * dev server. TEMPORAL_TLS=false turns TLS off explicitly (an API key then travels in plaintext: a server behind a
 * TLS-terminating mesh) and refuses to be combined with TLS files. Errors name the variable.
 *
 * @example
 * await Connection.connect({ address, ...temporalConnectionOptions(process.env, readFileSync) })
 */
export function temporalConnectionOptions(env: Env, readFile: ReadPemFile): TemporalConnectionOptions {
  const apiKey = setting(env, 'TEMPORAL_API_KEY')
  const tlsFiles = ['TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY', 'TEMPORAL_TLS_CA', 'TEMPORAL_TLS_SERVER_NAME'].filter(
    (name) => setting(env, name) !== undefined
  )
  const switched = tlsSwitch(env)
  if (switched === false) {
    if (tlsFiles.length > 0) throw new Error(`TEMPORAL_TLS is false but ${tlsFiles.join(', ')} asks for TLS`)
    return apiKey === undefined ? {} : { apiKey }
  }
  if (switched === undefined && tlsFiles.length === 0 && apiKey === undefined) return {}

  const tls: TLSConfig = {}
  const pair = clientCertPair(env, readFile)
  if (pair) tls.clientCertPair = pair
  const ca = readPem(env, 'TEMPORAL_TLS_CA', readFile)
  if (ca) tls.serverRootCACertificate = ca
  const serverName = setting(env, 'TEMPORAL_TLS_SERVER_NAME')
  if (serverName) tls.serverNameOverride = serverName
  return apiKey === undefined ? { tls } : { tls, apiKey }
}

/** temporalConnectionOptions with the files read from disk: what the roles pass to connect. */
export function readTemporalConnectionOptions(env: Env): TemporalConnectionOptions {
  return temporalConnectionOptions(env, (path) => readFileSync(path))
}
