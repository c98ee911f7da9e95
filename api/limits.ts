// Request size limits, checked before anything reads or parses the request:
//   body   413 payload_too_large: a Content-Length above the limit is refused unread; a body without one (chunked)
//          is counted as it streams and refused at the first byte past the limit, so memory stays bounded;
//   URL    414 uri_too_long, from the length of the request target (path and query);
//   header 431, answered by the Node server itself (maxHeaderSize; see bin/http-server.ts).
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'

import { ApiError, errorResponse } from './errors.js'

export interface RequestLimits {
  /** Bytes of request body (default 64 KiB). */
  maxBodyBytes: number
  /** Characters of the request target, path and query (default 4096). */
  maxUrlLength: number
  /** Bytes of the request line and headers together (Node's maxHeaderSize; default 16 KiB). */
  maxHeaderBytes: number
}

export const DEFAULT_LIMITS: RequestLimits = { maxBodyBytes: 64 * 1024, maxUrlLength: 4096, maxHeaderBytes: 16 * 1024 }

export function limitBodySize(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      errorResponse(c, new ApiError(413, 'payload_too_large', `request body larger than ${maxBytes} bytes`)),
  })
}

export function limitUrlLength(maxLength: number): MiddlewareHandler {
  return async function limitUrlLength(c, next) {
    const url = c.req.url
    // The request target: from the first '/' after the scheme and host.
    const target = url.length - url.indexOf('/', url.indexOf('//') + 2)
    if (target > maxLength) throw new ApiError(414, 'uri_too_long', `request URL longer than ${maxLength} characters`)
    await next()
  }
}
