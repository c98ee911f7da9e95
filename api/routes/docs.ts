// The API's description, open like /health: GET /openapi.json (OpenAPI 3.1, built once), GET /docs (Swagger UI) and
// GET /docs/assets/:file (its files from the installed swagger-ui-dist: the page needs no internet).
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

import { Hono } from 'hono'
import getAbsoluteFSPath from 'swagger-ui-dist/absolute-path.js'

import { inputPrefix } from '../../domain/input-prefix.js'
import { notFound } from '../errors.js'
import { buildOpenApiDocument, DOCS_INIT_FILE, SWAGGER_UI_FILES, type OpenApiDocument } from '../openapi/index.js'

const SWAGGER_UI_DIR = getAbsoluteFSPath()

// Relative URLs, so that the page also works behind a proxy that mounts the API under a path prefix.
const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>exchange-gateway API reference</title>
  <link rel="stylesheet" href="docs/assets/swagger-ui.css">
  <link rel="icon" type="image/png" href="docs/assets/favicon-32x32.png" sizes="32x32">
  <link rel="icon" type="image/png" href="docs/assets/favicon-16x16.png" sizes="16x16">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="docs/assets/swagger-ui-bundle.js"></script>
  <script src="docs/assets/${DOCS_INIT_FILE}"></script>
</body>
</html>
`

// validatorUrl null: Swagger UI would otherwise send the document to validator.swagger.io.
const INIT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: 'openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    validatorUrl: null,
  })
})
`

const ASSET_CACHE = 'public, max-age=3600'

export function docsRoutes() {
  const app = new Hono()
  let document: OpenApiDocument | undefined
  const files = new Map<string, Promise<Buffer>>()

  app.get('/openapi.json', (c) => c.json((document ??= buildOpenApiDocument())))

  app.get('/docs', (c) => c.html(PAGE))

  app.get('/docs/assets/:file', async (c) => {
    const name = c.req.param('file')
    if (name === DOCS_INIT_FILE)
      return c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': ASSET_CACHE })
    if (!Object.hasOwn(SWAGGER_UI_FILES, name)) throw notFound(`no file ${inputPrefix(name)} in the API reference`)
    const type = SWAGGER_UI_FILES[name as keyof typeof SWAGGER_UI_FILES]
    let file = files.get(name)
    if (!file) {
      file = readFile(join(SWAGGER_UI_DIR, name))
      files.set(name, file)
      file.catch(() => files.delete(name))
    }
    return c.body(new Uint8Array(await file), 200, { 'Content-Type': type, 'Cache-Control': ASSET_CACHE })
  })

  return app
}
