// One error envelope for every failure the API reports:
//   { "error": { "code": "validation_error", "message": "amount: must be a positive decimal string", "field": "amount" } }
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {}
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export const badRequest = (message: string, field?: string) =>
  new ApiError(400, 'validation_error', message, field ? { field } : {})
export const notFound = (message: string) => new ApiError(404, 'not_found', message)

export function errorResponse(c: Context, error: ApiError) {
  return c.json({ error: { code: error.code, message: error.message, ...error.extra } }, error.status)
}
