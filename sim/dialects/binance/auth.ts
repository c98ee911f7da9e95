// SIGNED endpoint security as Binance applies it: the X-MBX-APIKEY header names the account, the HMAC
// signature covers the request exactly as sent, and the timestamp must fall within recvWindow of the
// server's clock (rest-api.md "Timing security": default 5000 ms, at most 60000, at most 1 s ahead).

import type { SimCredentials } from '../../engine/types.js'
import type { SimRequest } from '../../dialect.js'
import {
  aheadOfServer,
  invalidApiKey,
  invalidApiKeyFormat,
  invalidSignature,
  mandatoryParam,
  outsideRecvWindow,
  recvWindowTooLarge,
} from './errors.js'
import type { BinanceParams } from './params.js'
import { sentSignature, signedPayload, verifyBinanceSignature } from './sign.js'

const DEFAULT_RECV_WINDOW = 5000
const MAX_RECV_WINDOW = 60_000
const MAX_AHEAD_MS = 1000

/** The account's API key (the engine owner) of an authentic, timely request; throws Binance's error otherwise. */
export function authenticate(
  request: SimRequest,
  params: BinanceParams,
  credentials: SimCredentials[],
  serverTime: number
): string {
  const header = request.headers['x-mbx-apikey']
  const apiKey = Array.isArray(header) ? header[0] : header
  if (apiKey === undefined || apiKey === '') throw invalidApiKeyFormat()
  const account = credentials.find((c) => c.apiKey === apiKey)
  if (account === undefined) throw invalidApiKey()

  const signature = sentSignature({ query: request.query, body: request.body })
  if (signature === undefined) throw mandatoryParam('signature')
  const payload = signedPayload({ query: request.query, body: request.body })
  if (!verifyBinanceSignature(account.secret, payload, signature)) throw invalidSignature()

  const timestamp = params.requiredInteger('timestamp')
  const recvWindow = params.integer('recvWindow') ?? DEFAULT_RECV_WINDOW
  if (recvWindow > MAX_RECV_WINDOW) throw recvWindowTooLarge()
  if (timestamp >= serverTime + MAX_AHEAD_MS) throw aheadOfServer()
  if (serverTime - timestamp > recvWindow) throw outsideRecvWindow()
  return account.apiKey
}
