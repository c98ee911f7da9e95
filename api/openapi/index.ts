export { buildOpenApiDocument, type OpenApiDocument } from './document.js'
export { ROUTE_CATALOGUE } from './catalogue/index.js'
export { DOCS_ASSETS, DOCS_INIT_FILE, SWAGGER_UI_FILES } from './docs-assets.js'
