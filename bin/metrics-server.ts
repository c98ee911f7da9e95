// The worker role's own GET /metrics (npm run worker has no API): WORKER_METRICS_PORT turns it on, on
// WORKER_METRICS_HOST (127.0.0.1). It answers nothing else and has no token: bind it where only Prometheus reaches.
import { createServer, type Server } from 'node:http'

import type { MetricsExposition } from '../api/routes/metrics.js'

type Env = Record<string, string | undefined>

interface MetricsServerConfig {
  host: string
  port: number
}

/** WORKER_METRICS_PORT (0 picks a free port) and WORKER_METRICS_HOST; undefined when the port is not set. */
export function readWorkerMetricsConfig(env: Env): MetricsServerConfig | undefined {
  const raw = env.WORKER_METRICS_PORT
  if (raw === undefined || raw === '') return undefined
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`WORKER_METRICS_PORT must be a port number, got '${raw}'`)
  }
  return { host: env.WORKER_METRICS_HOST || '127.0.0.1', port }
}

interface MetricsServer {
  server: Server
  /** http://host:port/metrics, with the port bound. */
  url: string
}

/** Listens and resolves once bound (or rejects, e.g. on EADDRINUSE). */
export function listenMetrics(metrics: MetricsExposition, { host, port }: MetricsServerConfig): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0]
    if (request.method !== 'GET' || path !== '/metrics') {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('only GET /metrics here\n')
      return
    }
    metrics.text().then(
      (text) => response.writeHead(200, { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' }).end(text),
      (error: Error) =>
        response.writeHead(500, { 'Content-Type': 'text/plain' }).end(`metrics failed: ${error.message}\n`)
    )
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      const address = server.address()
      const bound = typeof address === 'object' && address !== null ? address.port : port
      const shown = host.includes(':') ? `[${host}]` : host
      resolve({ server, url: `http://${shown}:${bound}/metrics` })
    })
  })
}
