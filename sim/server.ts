// The simulator's HTTP side: one plain node:http server per venue (its dialect over its engine) and one for
// the control API. Owns sockets, raw bodies, fault injection and the tick timer; dialects stay pure.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

import { EXCHANGE_IDS, type ExchangeId } from '../domain/types.js'
import { createControlListener } from './control.js'
import { DEMO_CREDENTIALS } from './credentials.js'
import type { DialectFactory, DialectHandler, SimRequest, SimResponse } from './dialect.js'
import { createBinanceDialect } from './dialects/binance/index.js'
import { createCoinbaseDialect } from './dialects/coinbase/index.js'
import { createKrakenDialect } from './dialects/kraken/index.js'
import { createVenueEngine } from './engine/index.js'
import type { SimCredentials, VenueEngine } from './engine/types.js'
import { createFaults, type FaultConfig, type Faults } from './faults.js'
import { DEMO_BALANCES, DEFAULT_VENUES } from './markets.js'

export type SimulatorPort = ExchangeId | 'control'

export interface SimulatorOptions {
  /** Default 127.0.0.1. */
  host?: string
  /** 0 (the default) = a free port chosen by the OS. */
  ports?: Partial<Record<SimulatorPort, number>>
  seed?: number
  /** 0 = no automatic ticks (tests tick through the control API); default 1000. */
  tickIntervalMs?: number
  now?: () => number
  dialects?: Partial<Record<ExchangeId, DialectFactory>>
  /**
   * More credentials each venue accepts, besides its demo ones (e.g. a test's own known keys, configured through
   * BINANCE_API_KEY... and *_BASE_URL). Each account starts with the demo balances.
   */
  extraCredentials?: Partial<Record<ExchangeId, SimCredentials[]>>
}

export interface RunningSimulator {
  urls: Record<SimulatorPort, string>
  engines: Record<ExchangeId, VenueEngine>
  faults: Faults
  credentials: Record<ExchangeId, SimCredentials>
  close(): Promise<void>
}

export const DEFAULT_SEED = 42
const BODY_LIMIT_BYTES = 1_000_000
/** How long a "timeout" fault holds a socket before destroying it. */
const HUNG_SOCKET_MS = 60_000

const DEFAULT_DIALECTS: Record<ExchangeId, DialectFactory> = {
  binance: createBinanceDialect,
  coinbase: createCoinbaseDialect,
  kraken: createKrakenDialect,
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > BODY_LIMIT_BYTES) reject(new Error('request body too large'))
      else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function toSimRequest(req: IncomingMessage, body: string): SimRequest {
  const target = req.url ?? '/'
  const queryStart = target.indexOf('?')
  return {
    method: req.method ?? 'GET',
    path: queryStart === -1 ? target : target.slice(0, queryStart),
    query: queryStart === -1 ? '' : target.slice(queryStart + 1),
    target,
    headers: req.headers,
    body,
    ip: req.socket.remoteAddress ?? '',
  }
}

function send(res: ServerResponse, response: SimResponse): void {
  const body = typeof response.body === 'string' ? response.body : JSON.stringify(response.body ?? null)
  res.writeHead(response.status, { 'content-type': 'application/json', ...response.headers })
  res.end(body)
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

function rateLimitedResponse(dialect: DialectHandler, request: SimRequest, config: FaultConfig): SimResponse {
  const retryAfterSeconds = config.retryAfterSeconds ?? 1
  return (
    dialect.rateLimited?.(request, retryAfterSeconds) ?? {
      status: 429,
      body: { error: 'rate_limited' },
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }
  )
}

function createVenueListener(venue: ExchangeId, dialect: DialectHandler, faults: Faults, hung: Set<Socket>) {
  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = toSimRequest(req, await readBody(req))
    const { latencyMs } = faults.get(venue)
    if (latencyMs) await sleep(latencyMs)
    const decision = faults.decide(venue)
    if (decision === 'timeout') {
      hung.add(req.socket)
      setTimeout(() => req.socket.destroy(), HUNG_SOCKET_MS).unref()
      req.socket.once('close', () => hung.delete(req.socket))
      return
    }
    if (decision === 'down') return send(res, dialect.unavailable('maintenance', request))
    if (decision === 'rate-limited') return send(res, rateLimitedResponse(dialect, request, faults.get(venue)))
    if (decision === 'server-error') return send(res, dialect.unavailable('server-error', request))
    const placement = dialect.isOrderPlacement(request)
    if (placement && faults.takeLostOrderRequest(venue)) {
      // Lost on the wire: the client sees a reset; the venue never sees the order, or sees it late.
      req.socket.destroy()
      const { lateOrderArrivalMs } = faults.get(venue)
      if (lateOrderArrivalMs)
        setTimeout(
          () =>
            void Promise.resolve()
              .then(() => dialect.handle(request))
              .catch(() => undefined),
          lateOrderArrivalMs
        ).unref()
      return
    }
    const response = await dialect.handle(request)
    // The order is in the engine now; the client just never hears about it (outcome unknown).
    if (placement && faults.takeDroppedOrderResponse(venue)) return void req.socket.destroy()
    // Accepted, answer held: a client that dies meanwhile leaves an order it never heard about.
    const { holdOrderResponsesMs } = faults.get(venue)
    if (placement && holdOrderResponsesMs) await sleep(holdOrderResponsesMs)
    send(res, response)
  }

  return function venueListener(req: IncomingMessage, res: ServerResponse): void {
    answer(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error)
      console.error(`[sim:${venue}] ${req.method} ${(req.url ?? '').split('?')[0]} failed: ${message}`)
      if (!res.headersSent && !res.destroyed) send(res, { status: 500, body: { error: 'internal', message } })
    })
  }
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

function tickAll(engines: Record<ExchangeId, VenueEngine>): void {
  for (const venue of EXCHANGE_IDS) {
    try {
      engines[venue].tick()
    } catch (error) {
      console.error(`[sim:${venue}] tick failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? '127.0.0.1'
  const seed = options.seed ?? DEFAULT_SEED
  const now = options.now ?? Date.now
  const faults = createFaults(seed)
  const hung = new Set<Socket>()
  const credentials = { ...DEMO_CREDENTIALS }
  const engines = {} as Record<ExchangeId, VenueEngine>
  const servers: Server[] = []
  const urls = {} as Record<SimulatorPort, string>
  const dialects = {} as Record<ExchangeId, DialectHandler>

  for (const venue of EXCHANGE_IDS) {
    const config = DEFAULT_VENUES[venue]
    const engine = createVenueEngine({ ...config, seed, now, liquidity: { marketSeed: seed } })
    for (const { apiKey } of [credentials[venue], ...(options.extraCredentials?.[venue] ?? [])]) {
      for (const [asset, amount] of Object.entries(DEMO_BALANCES)) engine.credit(apiKey, asset, amount)
    }
    engines[venue] = engine
  }
  try {
    for (const venue of EXCHANGE_IDS) {
      const factory = options.dialects?.[venue] ?? DEFAULT_DIALECTS[venue]
      const accepted = [credentials[venue], ...(options.extraCredentials?.[venue] ?? [])]
      const dialect = factory({ engine: engines[venue], credentials: accepted, now })
      dialects[venue] = dialect
      const server = createServer({ keepAlive: true }, createVenueListener(venue, dialect, faults, hung))
      servers.push(server)
      urls[venue] = `http://${host}:${await listen(server, host, options.ports?.[venue] ?? 0)}`
    }
    const control = createServer({ keepAlive: true })
    servers.push(control)
    urls.control = `http://${host}:${await listen(control, host, options.ports?.control ?? 0)}`
    control.on(
      'request',
      createControlListener({
        engines,
        faults,
        urls,
        credentials,
        detachedOrders: (venue) => dialects[venue].detachedOrders?.() ?? [],
      })
    )
  } catch (error) {
    await Promise.all(servers.map(closeServer))
    throw error
  }

  const tickIntervalMs = options.tickIntervalMs ?? 1000
  const timer = tickIntervalMs > 0 ? setInterval(() => tickAll(engines), tickIntervalMs) : undefined
  timer?.unref()

  return {
    urls,
    engines,
    faults,
    credentials,
    async close() {
      if (timer) clearInterval(timer)
      for (const socket of hung) socket.destroy()
      await Promise.all(servers.map(closeServer))
    },
  }
}
