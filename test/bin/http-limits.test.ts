// Goal: a hostile request cannot grow the API process: a 200 MB body (declared or streamed without a length) is
// answered 413 in the error envelope while the process's resident memory grows by less than 50 MB; a header block
// past maxHeaderSize is answered 431, a long URL 414, both in the envelope. Method: the API's server (createApp
// behind listenHttp, as bin/api-server.ts runs it) in its own process; raw requests over 127.0.0.1 from this one;
// the server's VmRSS read from /proc while each request is sent.
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { connect } from 'node:net'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startRole, type RoleProcess } from './role-process.js'

const TOKEN = 'http-limits-test-token-0123'
const MB = 1024 * 1024

let server: RoleProcess
let url: URL
let pid: number

beforeAll(async () => {
  server = startRole('test/bin/fixtures/api-limits-server.ts', {
    ...process.env,
    HOST: '127.0.0.1',
    GATEWAY_API_TOKEN: TOKEN,
  })
  const [, address, id] = await server.waitFor(/ready: (\S+) pid (\d+)/)
  url = new URL(address!)
  pid = Number(id)
})
afterAll(async () => {
  server?.child.kill('SIGTERM')
  await server?.exited
})

const rssBytes = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024

/** The server's largest resident memory while `during` runs, sampled every 10 ms. */
async function peakRss<T>(during: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = rssBytes()
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssBytes())
  }, 10)
  try {
    const result = await during()
    peak = Math.max(peak, rssBytes())
    return { result, peak }
  } finally {
    clearInterval(sampler)
  }
}

interface Answer {
  status: number
  body: string
  sentBytes: number
}

/**
 * POSTs `totalBytes` of body in 1 MB chunks (with or without a Content-Length) and, like a hostile client, keeps
 * writing after the answer until all is sent or the server cuts the connection.
 */
function postHuge(
  totalBytes: number,
  { declareLength, authorized = true }: { declareLength: boolean; authorized?: boolean }
) {
  return new Promise<Answer>((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (authorized) headers.authorization = `Bearer ${TOKEN}`
    if (declareLength) headers['content-length'] = String(totalBytes)
    const req = request({ host: url.hostname, port: url.port, path: '/api/orders', method: 'POST', headers })
    const chunk = Buffer.alloc(MB, 0x20)
    let sentBytes = 0
    let answer: Omit<Answer, 'sentBytes'> | undefined
    let writing = true
    const settle = () => {
      if (answer && !writing) resolve({ ...answer, sentBytes })
    }
    req.on('response', (response) => {
      let body = ''
      response.on('data', (data: Buffer) => (body += data.toString()))
      response.on('end', () => {
        answer = { status: response.statusCode!, body }
        settle()
      })
    })
    // The server cuts the connection after answering: the writes fail from then on, which is the point.
    const stop = () => {
      writing = false
      settle()
    }
    req.on('error', stop)
    req.on('close', stop)
    const write = () => {
      while (writing && sentBytes < totalBytes) {
        sentBytes += chunk.length
        if (!req.write(chunk)) return void req.once('drain', write)
      }
      if (writing) req.end(stop)
    }
    write()
    setTimeout(() => reject(new Error(`no answer after ${sentBytes} bytes`)), 50_000).unref()
  })
}

/** A raw request over a socket: Node's own refusals (431) come before any handler, so fetch cannot shape them. */
function rawRequest(text: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname)
    let data = ''
    socket.on('data', (chunk) => (data += chunk.toString()))
    socket.on('error', reject)
    socket.on('close', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n')
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1]), body })
    })
    socket.end(text)
  })
}

describe('oversized bodies', () => {
  it.each([
    ['streamed without a Content-Length', false],
    ['with a declared Content-Length', true],
  ])('a 200 MB body %s: 413 in the envelope, and the process grows by less than 50 MB', async (_, declareLength) => {
    const before = rssBytes()
    const { result, peak } = await peakRss(() => postHuge(200 * MB, { declareLength }))
    expect(peak - before, `resident memory grew by ${((peak - before) / MB).toFixed(1)} MB`).toBeLessThan(50 * MB)
    expect(result.status).toBe(413)
    expect(JSON.parse(result.body)).toEqual({
      error: { code: 'payload_too_large', message: 'request body larger than 65536 bytes' },
    })
    // The server is still answering.
    expect(
      (
        await rawRequest(
          `GET /api/executions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nConnection: close\r\n\r\n`
        )
      ).status
    ).toBe(200)
  })

  it('a 200 MB body without a token: 401, the body unread', async () => {
    const before = rssBytes()
    const { result, peak } = await peakRss(() => postHuge(200 * MB, { declareLength: false, authorized: false }))
    expect(result.status).toBe(401)
    expect(peak - before).toBeLessThan(50 * MB)
  })
})

describe('oversized request lines and headers', () => {
  it('a header block past 16 KiB: 431 in the envelope', async () => {
    const answer = await rawRequest(
      `GET /api/executions HTTP/1.1\r\nHost: x\r\nX-Pad: ${'p'.repeat(20_000)}\r\nConnection: close\r\n\r\n`
    )
    expect(answer.status).toBe(431)
    expect(JSON.parse(answer.body)).toEqual({
      error: { code: 'request_header_fields_too_large', message: 'request line and headers larger than 16384 bytes' },
    })
  })

  it('a URL past 4096 characters: 414 in the envelope (past the header limit: 431)', async () => {
    const long = await rawRequest(
      `GET /api/executions?symbol=${'A'.repeat(5000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`
    )
    expect(long.status).toBe(414)
    expect(JSON.parse(long.body).error.code).toBe('uri_too_long')
    const huge = await rawRequest(
      `GET /api/executions?symbol=${'A'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`
    )
    expect(huge.status).toBe(431)
  })
})
