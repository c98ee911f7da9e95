// Goal: while `go install -v` builds the Temporal CLI, the heartbeat says which phase it is in, how far it got and
// what it is on, instead of repeating the last "go: downloading" line for minutes. Method: real go output lines.
import { describe, expect, it } from 'vitest'

import { describeGoBuild, GO_BUILD_STARTED, trackGoBuild } from '../../../bin/provision/go-build-progress.js'

const track = (lines: string[]) => lines.reduce(trackGoBuild, GO_BUILD_STARTED)

describe('trackGoBuild', () => {
  it('counts modules fetched, then packages compiled, and remembers the current one', () => {
    const downloading = track([
      'go: downloading github.com/temporalio/cli v1.5.1',
      'go: downloading go.temporal.io/server v1.29.1',
      'go: downloading cel.dev/expr v0.23.1',
    ])
    expect(downloading).toEqual({ modules: 3, packages: 0, current: 'cel.dev/expr v0.23.1' })
    const compiling = [
      'internal/goarch',
      'unicode/utf8',
      'github.com/gogo/protobuf/proto',
      'go.temporal.io/server/common/persistence/sql/sqlplugin/sqlite',
    ].reduce(trackGoBuild, downloading)
    expect(compiling).toEqual({
      modules: 3,
      packages: 4,
      current: 'go.temporal.io/server/common/persistence/sql/sqlplugin/sqlite',
    })
  })

  it('takes error output and go notes for neither', () => {
    const noise = [
      '# go.temporal.io/server/common',
      'common/x.go:12:3: undefined: y',
      'go: finding module for package example.com/x',
      'go: github.com/temporalio/cli@v1.5.1 (in github.com/temporalio/cli@v1.5.1):',
      '',
    ]
    expect(track(noise)).toEqual(GO_BUILD_STARTED)
  })
})

describe('describeGoBuild', () => {
  it('names the phase, the count so far and the current module or package', () => {
    expect(describeGoBuild(GO_BUILD_STARTED, 'the Temporal CLI')).toBe(
      'building the Temporal CLI: resolving modules, checking the build cache'
    )
    expect(describeGoBuild({ modules: 12, packages: 0, current: 'cel.dev/expr v0.23.1' }, 'the Temporal CLI')).toBe(
      'building the Temporal CLI: downloading modules, 12 so far (now cel.dev/expr v0.23.1)'
    )
    expect(
      describeGoBuild(
        { modules: 212, packages: 143, current: 'go.temporal.io/api/workflowservice/v1' },
        'the Temporal CLI'
      )
    ).toBe('building the Temporal CLI: compiling packages, 143 so far (now go.temporal.io/api/workflowservice/v1)')
  })
})
