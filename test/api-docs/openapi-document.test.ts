// The OpenAPI document against the app it describes. Goal: an integrator can trust it: it is OpenAPI 3.1 in shape,
// every $ref resolves, every schema compiles as JSON Schema 2020-12, it documents exactly the routes the app serves
// (app.routes) with the scope each needs, each error code under its own status, examples that pass both the
// document's schemas and the API's own zod validation; /openapi.json and /docs answer without a token, and every file
// the reference page loads answers. Method: buildOpenApiDocument(), Ajv 2020, and createApp with a runner that refuses
// every call (nothing here needs Temporal: answers of the running platform are checked in test/api/openapi.test.ts).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { createApp } from '../../api/app.js'
import { DEFAULT_LIMITS } from '../../api/limits.js'
import { REQUEST_SCHEMAS, type RequestSchemaName } from '../../api/openapi/components.js'
import { buildOpenApiDocument, DOCS_ASSETS } from '../../api/openapi/index.js'
import { ERROR_CODES, type ErrorCode } from '../../api/openapi/schemas/errors.js'
import { ROUTE_SCOPES } from '../../api/scopes.js'
import { listenHttp } from '../../bin/http-server.js'
import { openDatabase } from '../../db/client.js'
import { EXCHANGE_IDS } from '../../domain/types.js'
import { createContract, readAnswer } from '../support/openapi-contract.js'
import { createRecordingRunner } from '../api-validation/recording-runner.js'

type Json = Record<string, any>

const document = buildOpenApiDocument() as Json & ReturnType<typeof buildOpenApiDocument>
const contract = createContract(document)
const database = await openDatabase(':memory:')
afterAll(() => database.close())

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

function appWith(options: { apiToken?: string } = {}) {
  return createApp({
    runner: createRecordingRunner(),
    db: database.db,
    exchanges: [...EXCHANGE_IDS],
    demoMode: {},
    ...options,
  })
}

/** Every operation: [METHOD, template, operation object]. */
const operations = (): [string, string, Json][] =>
  Object.entries(document.paths).flatMap(([template, item]) =>
    METHODS.filter((m) => (item as Json)[m]).map((m): [string, string, Json] => [
      m.toUpperCase(),
      template,
      (item as Json)[m],
    ])
  )

/** Every value under `node`, with its JSON pointer. */
function* walk(node: unknown, pointer = ''): Generator<[string, Json]> {
  if (node === null || typeof node !== 'object') return
  yield [pointer, node as Json]
  for (const [key, child] of Object.entries(node))
    yield* walk(child, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`)
}

function resolve(pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], document)
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 in shape', () => {
    expect(document.openapi).toMatch(/^3\.1\.\d+$/)
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) })
    const tags = new Set((document.tags as Json[]).map((t) => t.name))
    const operationIds = new Set<string>()
    for (const [method, template, operation] of operations()) {
      const where = `${method} ${template}`
      expect(template, where).toMatch(/^\/[^:]*$/)
      expect(operationIds.has(operation.operationId), `${where}: operationId ${operation.operationId} is unique`).toBe(
        false
      )
      operationIds.add(operation.operationId)
      expect(operation.summary, where).toEqual(expect.any(String))
      for (const tag of operation.tags) expect(tags.has(tag), `${where}: tag ${tag} declared`).toBe(true)
      for (const requirement of operation.security as Json[]) {
        for (const scheme of Object.keys(requirement))
          expect(document.components.securitySchemes[scheme], where).toBeDefined()
      }
      const params = (operation.parameters as Json[]).map((p) => (p.$ref ? (resolve(p.$ref.slice(1)) as Json) : p))
      for (const p of params) {
        expect(['path', 'query', 'header', 'cookie'], where).toContain(p.in)
        expect(p, where).toMatchObject({ name: expect.any(String), schema: expect.any(Object) })
      }
      const inPath = params.filter((p) => p.in === 'path')
      const templated = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1])
      expect(inPath.map((p) => p.name).sort(), `${where}: path parameters`).toEqual(templated.sort())
      for (const p of inPath) expect(p.required, `${where}: ${p.name} required`).toBe(true)
      const statuses = Object.keys(operation.responses)
      expect(
        statuses.some((s) => s.startsWith('2')),
        `${where}: a success`
      ).toBe(true)
      for (const status of statuses) {
        expect(status, where).toMatch(/^[1-5]\d\d$/)
        const response = operation.responses[status]
        expect(response.description, `${where} ${status}`).toEqual(expect.any(String))
        expect(Object.keys(response.content ?? {}).length, `${where} ${status}: a media type`).toBeGreaterThan(0)
      }
      if (operation.requestBody) expect(Object.keys(operation.requestBody.content), where).toEqual(['application/json'])
    }
  })

  it('resolves every $ref, and every schema compiles as JSON Schema 2020-12', () => {
    let refs = 0
    for (const [pointer, node] of walk(document)) {
      if (typeof node.$ref !== 'string') continue
      refs++
      expect(node.$ref, pointer).toMatch(/^#\//)
      expect(resolve(node.$ref.slice(1)), `${pointer} -> ${node.$ref}`).toBeDefined()
    }
    expect(refs).toBeGreaterThan(100)
    const schemas = Object.keys(document.components.schemas)
    for (const name of schemas) expect(() => contract.validatorAt(`/components/schemas/${name}`), name).not.toThrow()
    for (const [pointer, node] of walk(document.paths, '/paths')) {
      if (node.schema && typeof node.schema === 'object')
        expect(() => contract.validatorAt(`${pointer}/schema`), pointer).not.toThrow()
    }
  })

  it('documents every route the app serves, and no route it does not serve', () => {
    const served = appWith()
      .routes.filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
      .sort()
    const documented = operations()
      .map(([method, template]) => `${method} ${template}`)
      .sort()
    expect(served.length).toBeGreaterThanOrEqual(32)
    expect(documented).toEqual([...new Set(served)])
  })

  it("asks for a token with the route's scope on every /api route, and none on /health, /openapi.json and /docs", () => {
    for (const [method, template, operation] of operations()) {
      const honoPath = template.replace(/\{(\w+)\}/g, ':$1')
      const scope = ROUTE_SCOPES[`${method} ${honoPath}`]
      if (template.startsWith('/api') || template === '/metrics') {
        expect(operation.security, `${method} ${template}`).toEqual([{ bearer: [scope] }])
        expect(operation.responses['401'], `${method} ${template}`).toBeDefined()
        expect(operation.responses['403'], `${method} ${template}`).toBeDefined()
      } else {
        expect(operation.security, `${method} ${template}`).toEqual([])
        expect(operation.responses['401'], `${method} ${template}`).toBeUndefined()
      }
    }
  })

  it('lists each error code under its own status, with an example that fits the envelope', () => {
    for (const [method, template, operation] of operations()) {
      for (const [status, response] of Object.entries(operation.responses as Record<string, Json>)) {
        for (const [pointer, node] of walk(response)) {
          if (!Array.isArray(node.enum) || !pointer.endsWith('/properties/code')) continue
          for (const code of node.enum as ErrorCode[]) {
            expect(ERROR_CODES[code]?.status, `${method} ${template} ${status}: ${code}`).toBe(Number(status))
            expect(
              response.content['application/json'].examples[code],
              `${method} ${template} ${status}: example of ${code}`
            ).toBeDefined()
          }
        }
      }
    }
    const envelope = contract.validatorAt('/components/schemas/ErrorEnvelope')
    for (const [code, example] of Object.entries(document.components.examples as Record<string, Json>)) {
      expect(envelope(example.value), `${code}: ${JSON.stringify(envelope.errors)}`).toBe(true)
      expect(example.value.error.code).toBe(code)
    }
  })

  it('knows every error code the API raises, under the status it raises it with', () => {
    // Each `new ApiError(status, 'code'` in api/ (its sources, the document's own folder aside).
    const sources = readdirSync('api', { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.startsWith('openapi'))
      .map((file) => readFileSync(join('api', file), 'utf8'))
    const raised = sources.flatMap((text) => [...text.matchAll(/new ApiError\(\s*(\d{3}),\s*'([a-z_]+)'/g)])
    expect(raised.length).toBeGreaterThan(20)
    for (const [, status, code] of raised) {
      // A venue whose market is inactive is reported inside a scan's answer (its `venues`), never as the answer.
      if (code === 'market_inactive') continue
      expect(ERROR_CODES[code as ErrorCode]?.status, code).toBe(Number(status))
    }
  })

  it("has examples that its own schemas and the API's validation accept", () => {
    let checked = 0
    for (const [method, template, operation] of operations()) {
      const base = `/paths/${template.replaceAll('/', '~1')}/${method.toLowerCase()}`
      const body = operation.requestBody?.content['application/json']
      if (body) {
        const validate = contract.validatorAt(`${base}/requestBody/content/application~1json/schema`)
        const name = body.schema.$ref.split('/').at(-1) as RequestSchemaName
        for (const [key, example] of Object.entries(body.examples as Record<string, Json>)) {
          expect(validate(example.value), `${method} ${template} body ${key}: ${JSON.stringify(validate.errors)}`).toBe(
            true
          )
          const parsed = REQUEST_SCHEMAS[name].safeParse(example.value)
          expect(parsed.success, `${method} ${template} body ${key}: ${parsed.error?.message}`).toBe(true)
          checked++
        }
      }
      for (const [status, response] of Object.entries(operation.responses as Record<string, Json>)) {
        const json = response.content?.['application/json']
        if (!json?.examples) continue
        const validate = contract.validatorAt(`${base}/responses/${status}/content/application~1json/schema`)
        for (const [key, example] of Object.entries(json.examples as Record<string, Json>)) {
          const value = example.$ref ? (resolve(example.$ref.slice(1)) as Json).value : example.value
          expect(validate(value), `${method} ${template} ${status} ${key}: ${JSON.stringify(validate.errors)}`).toBe(
            true
          )
          checked++
        }
      }
    }
    expect(checked).toBeGreaterThan(150)
  })
})

describe('GET /openapi.json and /docs', () => {
  const app = appWith({ apiToken: 'a-configured-token-0123456789' })

  it('serves the document without a token, while /api asks for one', async () => {
    const response = await app.request('/openapi.json')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(document)))
    expect((await app.request('/api/exchanges')).status).toBe(401)
  })

  it('serves the reference page, and every file it loads answers 200 with its type', async () => {
    const page = await readAnswer('GET', '/docs', await app.request('/docs'))
    expect(page.status).toBe(200)
    expect(page.contentType).toMatch(/^text\/html/)
    expect(contract.problems(page)).toEqual([])
    const base = new URL('http://gateway.local/docs')
    const loads = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => new URL(m[1]!, base).pathname)
    expect(loads.length).toBeGreaterThanOrEqual(4)
    expect(loads).toContain('/docs/assets/swagger-ui-bundle.js')
    for (const path of loads) {
      const answer = await readAnswer('GET', path, await app.request(path))
      expect(answer.status, path).toBe(200)
      expect(contract.problems(answer), path).toEqual([])
      expect(answer.text.length, path).toBeGreaterThan(100)
    }
    // The page's script asks for the document relative to the page, which is where it is served.
    const init = await (await app.request('/docs/assets/init.js')).text()
    expect(init).toContain("url: 'openapi.json'")
    expect(new URL('openapi.json', base).pathname).toBe('/openapi.json')
  })

  it('serves every listed asset, and no other file', async () => {
    for (const file of DOCS_ASSETS) expect((await app.request(`/docs/assets/${file}`)).status, file).toBe(200)
    for (const path of [
      '/docs/assets/package.json',
      '/docs/assets/..%2Fpackage.json',
      '/docs/assets/%2e%2e%2f%2e%2e%2fpackage.json',
      '/docs/assets/index.html',
    ]) {
      const answer = await readAnswer('GET', path, await app.request(path))
      expect(answer.status, path).toBe(404)
      expect((answer.body as Json).error.code, path).toBe('not_found')
      expect(contract.problems(answer), path).toEqual([])
    }
  })
})

describe("the HTTP server's own refusals", () => {
  it('answers headers over the limit with a 431 the document lists for every route', async () => {
    const listening = await listenHttp(appWith().fetch, { host: '127.0.0.1', port: 0, limits: DEFAULT_LIMITS })
    try {
      for (const path of ['/api/exchanges', '/health', '/docs']) {
        const headers = { 'X-Padding': 'p'.repeat(DEFAULT_LIMITS.maxHeaderBytes + 1) }
        const response = await fetch(`http://127.0.0.1:${listening.port}${path}`, { headers })
        const answer = await readAnswer('GET', path, response)
        expect(answer.status, path).toBe(431)
        expect(contract.problems(answer), path).toEqual([])
      }
    } finally {
      await new Promise((resolve) => listening.server.close(resolve))
    }
  })
})
