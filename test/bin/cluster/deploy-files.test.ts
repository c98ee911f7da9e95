// Goal: the deployment files in ops/deploy (on paper: no Docker daemon or Kubernetes here) stay in step with the code
// they deploy: the search attributes they register include every one of temporal.config.ts's SA, with its type, and
// the Temporal versions they pin are the ones `npm run cluster` builds and runs. Method: read the files as text.
import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { TEMPORAL_SERVER_VERSION, TEMPORAL_UI_VERSION } from '../../../bin/cluster/layout.js'
import { SA } from '../../../temporal.config.js'

const read = (path: string) => readFileSync(new URL(`../../../ops/deploy/${path}`, import.meta.url), 'utf8')

/** The type names `temporal operator search-attribute create --type` takes, by the SDK's IndexedValueType name. */
const TYPE_NAMES: Record<string, string> = {
  TEXT: 'Text',
  KEYWORD: 'Keyword',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
}
const expected = Object.values(SA).map((key) => `${key.name}=${TYPE_NAMES[key.type]}`)

describe('ops/deploy', () => {
  it('registers every search attribute of temporal.config.ts with its type, in compose and on Kubernetes alike', () => {
    const listed = read('temporal/search-attributes').trim().split('\n')
    // An attribute the code no longer sets is harmless to register; one it sets and Temporal lacks fails workflows.
    const missing = expected.filter((attribute) => !listed.includes(attribute))
    expect(missing, `add to ops/deploy/temporal/search-attributes: ${missing.join(' ')}`).toEqual([])
    expect(read('temporal/create-namespace.sh')).toContain('for attribute in $(cat "$here/search-attributes"); do')
    expect(read('docker-compose.yml')).toContain("entrypoint: ['/bin/sh', '/scripts/create-namespace.sh']")
    expect(read('kustomization.yaml')).toMatch(/- temporal\/create-namespace\.sh\n\s+- temporal\/search-attributes/)
    expect(read('k8s/temporal-namespace-job.yaml')).toContain("command: ['/bin/sh', '/scripts/create-namespace.sh']")
  })

  it('pins the Temporal server and UI versions that npm run cluster runs', () => {
    const server = TEMPORAL_SERVER_VERSION.replace(/^v/, '')
    const ui = TEMPORAL_UI_VERSION.replace(/^v/, '')
    const compose = read('docker-compose.yml')
    expect(compose).toContain(`temporalio/server:${server}`)
    expect(compose).toContain(`temporalio/ui:${ui}`)
    expect(compose).toContain(`temporalio/admin-tools:${server}-`)
    const values = read('k8s/temporal-values.yaml')
    expect(values).toMatch(new RegExp(`repository: temporalio/server\\n\\s+tag: ${server.replaceAll('.', '\\.')}`))
    expect(values).toMatch(new RegExp(`repository: temporalio/ui\\n\\s+tag: ${ui.replaceAll('.', '\\.')}`))
  })
})
