// The Node HTTP server under the API, with the limits only the server can enforce: the size of the request line and
// headers (maxHeaderSize, answered 431 before any handler runs). Its refusals use the API's error envelope.
import type { Server } from 'node:http'
import type { Socket } from 'node:net'

import { serve } from '@hono/node-server'

import type { RequestLimits } from '../api/limits.js'

export interface ListeningServer {
  server: Server
  port: number
}

/** The server's own answers to what Node refuses before a request exists. */
const CLIENT_ERRORS: Record<
  string,
  { status: number; reason: string; code: string; message: (limits: RequestLimits) => string }
> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    code: 'request_header_fields_too_large',
    message: (limits) => `request line and headers larger than ${limits.maxHeaderBytes} bytes`,
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    code: 'request_timeout',
    message: () => 'the request was not received in time',
  },
}

function answerClientError(limits: RequestLimits) {
  return (error: Error & { code?: string }, socket: Socket) => {
    // A client that went away is not answered (as Node's own handler does).
    if (error.code === 'ECONNRESET' || !socket.writable) return socket.destroy()
    const known = CLIENT_ERRORS[error.code ?? '']
    const status = known?.status ?? 400
    const body = JSON.stringify({
      error: known
        ? { code: known.code, message: known.message(limits) }
        : { code: 'bad_request', message: 'malformed HTTP request' },
    })
    socket.end(
      `HTTP/1.1 ${status} ${known?.reason ?? 'Bad Request'}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
    )
  }
}

/** Listens on host:port (0 picks a free port) and resolves once bound, or rejects (EADDRINUSE). */
export function listenHttp(
  fetch: (request: Request, env: unknown) => Response | Promise<Response>,
  { host, port, limits }: { host: string; port: number; limits: RequestLimits }
): Promise<ListeningServer> {
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch, port, hostname: host, serverOptions: { maxHeaderSize: limits.maxHeaderBytes } },
      (info) => resolve({ server, port: info.port })
    ) as Server
    server.once('error', reject)
    server.on('clientError', answerClientError(limits))
  })
}
