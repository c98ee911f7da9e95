// One catalogue entry -> one OpenAPI operation: parameters from the route's zod schemas, the body by component name,
// responses merged by status with what every route of its kind can answer, each error status with its codes and an
// example of each.
import { scopeOfRoute } from '../scopes.js'
import { commonResponses } from './common-errors.js'
import { componentRef, inlineSchema, type JsonSchema } from './json-schema.js'
import type { Example, ResponseDoc, ResponseHeader, RouteDoc } from './route-doc.js'
import { ERROR_CODES, errorExample, type ErrorCode } from './schemas/errors.js'

/** /api/orders/:workflowId -> /api/orders/{workflowId} */
export const openApiPath = (honoPath: string) => honoPath.replace(/:(\w+)/g, '{$1}')

const HEADER_REFS: Record<ResponseHeader, string> = {
  Location: 'Location',
  'Retry-After': 'RetryAfter',
  'WWW-Authenticate': 'WwwAuthenticate',
}

export function operation(route: RouteDoc): JsonSchema {
  const scope = route.public ? undefined : scopeOfRoute(route.method.toUpperCase(), route.path)
  const description = [route.description, scope ? `Scope: \`${scope}\`.` : 'Open: no token needed.']
    .filter(Boolean)
    .join('\n\n')
  return {
    operationId: route.operationId,
    summary: route.summary,
    description,
    tags: route.tags,
    security: scope ? [{ bearer: [scope] }] : [],
    parameters: parameters(route),
    ...(route.body
      ? {
          requestBody: {
            required: route.body.required,
            content: { 'application/json': { schema: componentRef(route.body.schema), examples: route.body.examples } },
          },
        }
      : {}),
    responses: responses(route),
  }
}

function parameters(route: RouteDoc): JsonSchema[] {
  const params: JsonSchema[] = []
  if (route.pathParams) params.push(...objectParameters(route.pathParams, 'path', {}))
  if (route.query) params.push(...objectParameters(route.query, 'query', route.queryNotes ?? {}))
  if (route.idempotencyKey) params.push({ $ref: '#/components/parameters/IdempotencyKey' })
  params.push({ $ref: '#/components/parameters/RequestId' })
  return params
}

function objectParameters(
  schema: RouteDoc['query'] & object,
  place: 'path' | 'query',
  notes: Record<string, string>
): JsonSchema[] {
  const json = inlineSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] }
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...propertySchema } = property
    const text = notes[name] ?? (description as string | undefined)
    return {
      name,
      in: place,
      required: place === 'path' || (json.required ?? []).includes(name),
      ...(text ? { description: text } : {}),
      schema: propertySchema,
      // exchanges=binance,kraken
      ...(propertySchema.type === 'array' ? { style: 'form', explode: false } : {}),
    }
  })
}

interface Merged {
  descriptions: string[]
  schemas: JsonSchema[]
  errors: ErrorCode[]
  media: string[]
  examples: Record<string, Example>
  headers: Set<ResponseHeader>
}

function responses(route: RouteDoc): Record<string, JsonSchema> {
  const byStatus = new Map<number, Merged>()
  for (const response of route.responses) merge(byStatus, response, false)
  for (const response of commonResponses(route)) merge(byStatus, response, true)
  const statuses = [...byStatus.keys()].sort((a, b) => a - b)
  return Object.fromEntries(statuses.map((status) => [String(status), render(byStatus.get(status)!)]))
}

/** `common`: what every route of the kind answers; it only adds its codes to a status the route describes itself. */
function merge(byStatus: Map<number, Merged>, response: ResponseDoc, common: boolean): void {
  const merged = byStatus.get(response.status) ?? {
    descriptions: [],
    schemas: [],
    errors: [],
    media: [],
    examples: {},
    headers: new Set(),
  }
  byStatus.set(response.status, merged)
  if (!common || merged.descriptions.length === 0) merged.descriptions.push(response.description)
  merged.schemas.push(...(response.schemas ?? []).map(componentRef))
  merged.errors.push(...(response.errors ?? []).filter((code) => !merged.errors.includes(code)))
  merged.media.push(...(response.media ?? []))
  Object.assign(merged.examples, response.examples)
  for (const header of response.headers ?? []) merged.headers.add(header)
}

function render(merged: Merged): JsonSchema {
  const codes = merged.errors.map((code) => `- \`${code}\`: ${ERROR_CODES[code].meaning}`)
  const description = [merged.descriptions.join(' '), ...codes].join('\n')
  const headers = {
    'X-Request-Id': { $ref: '#/components/headers/RequestId' },
    ...Object.fromEntries([...merged.headers].map((h) => [h, { $ref: `#/components/headers/${HEADER_REFS[h]}` }])),
  }
  const content: Record<string, JsonSchema> = {}
  for (const media of merged.media) content[media] = media === 'application/json' ? { schema: { type: 'object' } } : {}
  const alternatives = [...merged.schemas, ...(merged.errors.length > 0 ? [errorSchema(merged.errors)] : [])]
  if (alternatives.length > 0) {
    const errorExamples = merged.errors.map((code) => [code, { $ref: `#/components/examples/${code}` }])
    const examples = { ...merged.examples, ...Object.fromEntries(errorExamples) }
    content['application/json'] = {
      schema: alternatives.length === 1 ? alternatives[0] : { anyOf: alternatives },
      ...(Object.keys(examples).length > 0 ? { examples } : {}),
    }
  }
  return { description, headers, content }
}

/** Every error code's example, referred to by the responses that may carry it. */
export function errorExamples(): Record<string, JsonSchema> {
  return Object.fromEntries(
    (Object.keys(ERROR_CODES) as ErrorCode[]).map((code) => [
      code,
      { summary: ERROR_CODES[code].meaning, value: errorExample(code) },
    ])
  )
}

/** The envelope, its code narrowed to those this status may carry. */
function errorSchema(codes: ErrorCode[]): JsonSchema {
  return {
    allOf: [componentRef('ErrorEnvelope'), { properties: { error: { properties: { code: { enum: codes } } } } }],
  }
}
