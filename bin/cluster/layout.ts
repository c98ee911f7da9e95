// Where the local Temporal cluster of `npm run cluster` lives: its files under .temporal/ (ignored by git) and its
// fixed ports. The ports sit apart from the dev server's (7233, UI 8233) and the simulator's (8100-8103), so that
// `npm start`, the tests and the cluster can run side by side. Pure: the environment is read by the caller.
import { join, resolve } from 'node:path'

export const TEMPORAL_SERVER_VERSION = 'v1.29.1'
/** The UI server the CLI v1.5.1 bundles (Temporal notes §2.1): the same UI as the dev server's. */
export const TEMPORAL_UI_VERSION = 'v2.42.1'
export const POSTGRES_MAJOR = 15

/** The server's services, one process each, in the order they are started. */
export const SERVICES = ['history', 'matching', 'frontend', 'worker'] as const
export type ServiceName = (typeof SERVICES)[number]

export interface ServicePorts {
  grpc: number
  membership: number
  /** Prometheus /metrics of this process. */
  metrics: number
}

export interface ClusterLayout {
  projectRoot: string
  binDir: string
  /** PostgreSQL's data directory (initdb), its log, its port, Temporal's user and databases. */
  pg: { dataDir: string; logFile: string; port: number; user: string; databases: { main: string; visibility: string } }
  /** Server config files (one per service: each process has its own metrics port), logs and pid files. */
  clusterDir: string
  configDir: string
  dynamicConfigFile: string
  logDir: string
  runDir: string
  services: Record<ServiceName, ServicePorts>
  /** The frontend's HTTP API (the UI and `temporal` CLI use gRPC; this is for curl and Nexus callbacks). */
  frontendHttpPort: number
  /** The address the gateway's roles use: TEMPORAL_ADDRESS. */
  frontendAddress: string
  ui: { port: number; rootDir: string }
  /**
   * History shards: fixed at the first start, never changeable afterwards without a new database. Four, as in the
   * module's development-postgres12.yaml: plenty for one machine (Temporal notes, sizing in ops/deploy/README.md).
   */
  numHistoryShards: number
}

type Env = Record<string, string | undefined>

function portFrom(env: Env, name: string, fallback: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1 || value > 65_535)
    throw new Error(`${name} must be a port number, got '${raw}'`)
  return value
}

/**
 * TEMPORAL_CLUSTER_PORT (7333): the frontend; the other services take the next ports as the module's config lays them
 * out (history +1, matching +2, worker +6, frontend HTTP +10), membership 1000 below, metrics 2000 above.
 * TEMPORAL_CLUSTER_UI_PORT (8333), TEMPORAL_CLUSTER_PG_PORT (55432).
 */
export function clusterLayout(projectRoot: string, env: Env = {}): ClusterLayout {
  const root = resolve(projectRoot)
  const base = portFrom(env, 'TEMPORAL_CLUSTER_PORT', 7333)
  const offsets: Record<ServiceName, number> = { frontend: 0, history: 1, matching: 2, worker: 6 }
  const services = Object.fromEntries(
    SERVICES.map((name) => [
      name,
      { grpc: base + offsets[name], membership: base - 1000 + offsets[name], metrics: base + 2000 + offsets[name] },
    ])
  ) as Record<ServiceName, ServicePorts>
  const clusterDir = join(root, '.temporal', 'cluster')
  return {
    projectRoot: root,
    binDir: join(root, '.temporal', 'bin'),
    pg: {
      dataDir: join(root, '.temporal', 'pg', 'data'),
      logFile: join(root, '.temporal', 'pg', 'postgres.log'),
      port: portFrom(env, 'TEMPORAL_CLUSTER_PG_PORT', 55432),
      user: 'temporal',
      databases: { main: 'temporal', visibility: 'temporal_visibility' },
    },
    clusterDir,
    configDir: join(clusterDir, 'config'),
    dynamicConfigFile: join(clusterDir, 'config', 'dynamicconfig.yaml'),
    logDir: join(clusterDir, 'logs'),
    runDir: join(clusterDir, 'run'),
    services,
    frontendHttpPort: base + 10,
    frontendAddress: `127.0.0.1:${base}`,
    ui: { port: portFrom(env, 'TEMPORAL_CLUSTER_UI_PORT', 8333), rootDir: join(clusterDir, 'ui') },
    numHistoryShards: 4,
  }
}
