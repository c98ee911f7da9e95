// Goal: a long-lived connector reuses its HTTP connection instead of opening one per request (ccxt 4.5 on Node
// uses an undici Agent with keep-alive), and close() releases it. Method: a plain local HTTP server that answers
// Binance's status call and counts the TCP connections it accepts.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterAll, beforeAll, expect, it } from 'vitest'

import { createBinanceConnector } from '../../exchanges/binance.js'
import { connectorConfig } from '../../exchanges/config.js'

let server: Server
let connections = 0
let closedConnections = 0
let baseUrl: string

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json')
    res.end('{"status":0,"msg":"normal"}')
  })
  server.on('connection', (socket) => {
    connections += 1
    socket.on('close', () => (closedConnections += 1))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

it('reuses kept-alive connections across sequential requests and releases them on close()', async () => {
  const binance = createBinanceConnector(connectorConfig({ baseUrl, demo: true }))
  for (let i = 0; i < 20; i++) expect((await binance.getStatus()).status).toBe('ok')
  // undici may open a second socket while the first is being returned to its pool, never one per request
  expect(connections).toBeGreaterThan(0)
  expect(connections).toBeLessThanOrEqual(2)
  await binance.close()
  await new Promise((resolve) => setTimeout(resolve, 50))
  expect(closedConnections).toBe(connections)
})
