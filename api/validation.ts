// zod at the edge: parse a body or query and turn the first issue into a 400 that names the field.
import type { Context } from 'hono'
import type { z } from 'zod'

import { inputPrefix } from '../domain/input-prefix.js'
import { ApiError, badRequest } from './errors.js'

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  // A path may hold the caller's own keys (a record's): each is quoted as a short prefix, like any input.
  const field = issue.path.map((key) => inputPrefix(key)).join('.')
  const message = issueMessage(issue)
  throw badRequest(field ? `${field}: ${message}` : message, field || undefined)
}

/** zod's message, except for unknown keys, which zod quotes whole and all of them. */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'unrecognized_keys') return issue.message
  const shown = issue.keys.slice(0, 3).map((key) => `"${inputPrefix(key)}"`)
  const more = issue.keys.length > shown.length ? `, … (${issue.keys.length} in all)` : ''
  return `Unrecognized key${issue.keys.length > 1 ? 's' : ''}: ${shown.join(', ')}${more}`
}

// application/json only: a body sent as text/plain or a form is refused unread. Such "simple" requests are the ones a
// web page may send cross-site without a preflight, so this also keeps a browser from placing orders on a
// token-less loopback deployment.
const JSON_CONTENT_TYPE = /^application\/json\s*(;|$)/i

export async function jsonBody(c: Context): Promise<unknown> {
  if (!JSON_CONTENT_TYPE.test(c.req.header('content-type') ?? '')) {
    throw new ApiError(415, 'unsupported_media_type', 'send the body as JSON with Content-Type: application/json')
  }
  const text = await c.req.text()
  if (!text.trim()) throw badRequest('request body must be a JSON object')
  try {
    return JSON.parse(text)
  } catch {
    throw badRequest('request body is not valid JSON')
  }
}
