// The Temporal server's config files, derived from the module's config/development-postgres12.yaml and
// config/dynamicconfig/development-sql.yaml (server v1.29.1). What differs, and why:
// - one file per service (`--env <service>`): each service runs as its own process, and processes on one host need
//   their own Prometheus port; pprof is off for the same reason (one fixed port);
// - the project's PostgreSQL (127.0.0.1, its own port, trust auth for local connections) and ports apart from the
//   dev server's (layout.ts);
// - archival off: nothing here reads archived histories (the execution history lives in the gateway's database);
// - eager activity execution on, as the dev server runs it (Temporal notes §2.2), so that both behave alike.
import type { ClusterLayout, ServiceName } from './layout.js'
import { SERVICES } from './layout.js'

function datastore(layout: ClusterLayout, database: string, maxConns: number): string {
  return `      sql:
        pluginName: "postgres12"
        databaseName: "${database}"
        connectAddr: "127.0.0.1:${layout.pg.port}"
        connectProtocol: "tcp"
        user: "${layout.pg.user}"
        password: ""
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: "1h"`
}

function serviceBlock(layout: ClusterLayout, name: ServiceName): string {
  const ports = layout.services[name]
  const http = name === 'frontend' ? `\n      httpPort: ${layout.frontendHttpPort}` : ''
  return `  ${name}:
    rpc:
      grpcPort: ${ports.grpc}
      membershipPort: ${ports.membership}
      bindOnLocalHost: true${http}`
}

/** The config of one service's process: `<configDir>/<service>.yaml`. */
export function serverConfigYaml(layout: ClusterLayout, service: ServiceName, logLevel = 'info'): string {
  return `# Written by bin/cluster (npm run cluster) for the ${service} service; rewritten on every run.
log:
  stdout: true
  level: ${logLevel}

persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: ${layout.numHistoryShards}
  datastores:
    postgres-default:
${datastore(layout, layout.pg.databases.main, 20)}
    postgres-visibility:
${datastore(layout, layout.pg.databases.visibility, 4)}

global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
  pprof:
    port: 0
  metrics:
    prometheus:
      framework: "tally"
      timerType: "histogram"
      listenAddress: "127.0.0.1:${layout.services[service].metrics}"

services:
${SERVICES.map((name) => serviceBlock(layout, name)).join('\n')}

clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "${layout.frontendAddress}"

dcRedirectionPolicy:
  policy: "noop"

archival:
  history:
    state: "disabled"
  visibility:
    state: "disabled"

namespaceDefaults:
  archival:
    history:
      state: "disabled"
    visibility:
      state: "disabled"

dynamicConfigClient:
  filepath: "${layout.dynamicConfigFile}"
  pollInterval: "10s"
`
}

/** The dynamic config every service reads (and re-reads every 10 s). */
export function dynamicConfigYaml(layout: ClusterLayout): string {
  return `# Written by bin/cluster (npm run cluster); rewritten on every run. From the module's development-sql.yaml.
limit.maxIDLength:
  - value: 255
    constraints: {}
frontend.enableExecuteMultiOperation:
  - value: true
system.enableActivityEagerExecution:
  - value: true
system.enableNexus:
  - value: true
component.nexusoperations.callback.endpoint.template:
  - value: http://127.0.0.1:${layout.frontendHttpPort}/namespaces/{{.NamespaceName}}/nexus/callback
component.callbacks.allowedAddresses:
  - value:
      - Pattern: "*"
        AllowInsecure: true
history.hostLevelCacheMaxSize:
  - value: 8192
history.enableTransitionHistory:
  - value: true
`
}
