// Checks an answer of the app against the OpenAPI document: the status must be documented for the route, the media
// type too, and a JSON body must match the schema of that status (Ajv, JSON Schema 2020-12, the document's own
// $refs). It also records which route answered which status, so a test can say what it covered.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'

import type { OpenApiDocument } from '../../api/openapi/index.js'

// ajv-formats is CommonJS: under NodeNext its default import is typed as the module, yet it is the plugin.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

const DOCUMENT_ID = 'https://exchange-gateway.invalid/openapi.json'

export interface Answer {
  method: string
  path: string
  status: number
  contentType: string
  body: unknown
}

export interface Operation {
  method: string
  template: string
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>
}

/** JSON pointer escaping (RFC 6901). */
const escape = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1')

export function createContract(document: OpenApiDocument) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false })
  addFormats(ajv)
  // The document's own fields, known to Ajv so that strict mode still refuses any unknown keyword inside a schema.
  ajv.addVocabulary(Object.keys(document).filter((key) => !ajv.getKeyword(key)))
  ajv.addSchema(document as object, DOCUMENT_ID)
  const validators = new Map<string, ValidateFunction>()
  const covered = new Set<string>()

  // Literal routes win over parameterised ones, as in the app (/api/orders/failover before /api/orders/:workflowId).
  const templates = Object.keys(document.paths).sort((a, b) => a.split('{').length - b.split('{').length)
  const patterns = templates.map((template) => ({
    template,
    regex: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`),
  }))

  function operationFor(method: string, path: string): Operation | undefined {
    const pathname = new URL(path, 'http://localhost').pathname
    for (const { template, regex } of patterns) {
      const operations = document.paths[template] as Record<string, { responses: Operation['responses'] }> | undefined
      const operation = operations?.[method.toLowerCase()]
      if (operation && regex.test(pathname))
        return { method: method.toLowerCase(), template, responses: operation.responses }
    }
    return undefined
  }

  /** A validator for a schema the document holds, by its JSON pointer. */
  function validatorAt(pointer: string): ValidateFunction {
    let validate = validators.get(pointer)
    if (!validate) {
      validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer}` })
      validators.set(pointer, validate)
    }
    return validate
  }

  /** What is wrong with an answer, as sentences; none when the document describes it. */
  function problems(answer: Answer): string[] {
    const operation = operationFor(answer.method, answer.path)
    const what = `${answer.method} ${answer.path} -> ${answer.status}`
    if (!operation) return [`${what}: no documented operation`]
    const response = operation.responses[String(answer.status)]
    if (!response) return [`${what}: status not documented for ${operation.method} ${operation.template}`]
    covered.add(`${operation.method.toUpperCase()} ${operation.template} ${answer.status}`)
    const media = answer.contentType.split(';')[0]!.trim()
    const content = response.content ?? {}
    if (!Object.hasOwn(content, media))
      return [`${what}: media type ${media} not documented (${Object.keys(content).join(', ')})`]
    if (media !== 'application/json' || !content[media]!.schema) return []
    const pointer = [
      '',
      'paths',
      operation.template,
      operation.method,
      'responses',
      String(answer.status),
      'content',
      media,
      'schema',
    ]
      .map(escape)
      .join('/')
    const validate = validatorAt(pointer)
    if (validate(answer.body)) return []
    return [
      `${what}: ${ajv.errorsText(validate.errors, { separator: '; ' })}; body ${JSON.stringify(answer.body).slice(0, 600)}`,
    ]
  }

  return {
    ajv,
    operationFor,
    validatorAt,
    problems,
    /** `METHOD template status` for every answer checked. */
    covered: () => [...covered].sort(),
  }
}

/** A fetch-like answer read into the shape the contract checks. */
export async function readAnswer(
  method: string,
  path: string,
  response: Response
): Promise<Answer & { text: string; headers: Headers }> {
  const contentType = response.headers.get('content-type') ?? ''
  const text = await response.text()
  const body = contentType.startsWith('application/json') && text ? (JSON.parse(text) as unknown) : text
  return { method, path, status: response.status, contentType, body, text, headers: response.headers }
}
