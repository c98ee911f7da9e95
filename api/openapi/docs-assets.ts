// The files the interactive reference at /docs loads, served from the installed swagger-ui-dist (no CDN: the page
// works offline). Only these names are served, so no request can name another file.
export const SWAGGER_UI_FILES = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
} as const

/** Written here rather than inline in the page, so that a Content-Security-Policy without 'unsafe-inline' allows it. */
export const DOCS_INIT_FILE = 'init.js'

export const DOCS_ASSETS = [...Object.keys(SWAGGER_UI_FILES), DOCS_INIT_FILE]
