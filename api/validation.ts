// zod at the edge: parse a body or query and turn the first issue into a 400 that names the field.
import type { Context } from 'hono'
import type { z } from 'zod'

import { badRequest } from './errors.js'

export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const field = issue.path.map(String).join('.')
  throw badRequest(field ? `${field}: ${issue.message}` : issue.message, field || undefined)
}

export async function jsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text()
  if (!text.trim()) throw badRequest('request body must be a JSON object')
  try {
    return JSON.parse(text)
  } catch {
    throw badRequest('request body is not valid JSON')
  }
}
