// What `go install -v` is doing, read from its output: first it fetches modules ("go: downloading <module> <version>"),
// then it compiles, printing each package's import path as it gets to it. Without -v the last line stays
// "go: downloading ..." for all the minutes the compilation takes, which reads as a hang.

export interface GoBuildProgress {
  /** Modules fetched so far. */
  modules: number
  /** Packages compiled so far. */
  packages: number
  /** The module or package it is on now. */
  current?: string
}

export const GO_BUILD_STARTED: GoBuildProgress = { modules: 0, packages: 0 }

const DOWNLOADING = /^go: downloading (\S+) (\S+)$/
// -v prints a bare import path; errors ("# pkg", "file.go:3:1: ...") and go's own notes ("go: ...") never look so.
const IMPORT_PATH = /^[\w.~-]+(\/[\w.~+-]+)*$/

export function trackGoBuild(progress: GoBuildProgress, line: string): GoBuildProgress {
  const text = line.trim()
  const download = DOWNLOADING.exec(text)
  if (download) return { ...progress, modules: progress.modules + 1, current: `${download[1]} ${download[2]}` }
  if (IMPORT_PATH.test(text)) return { ...progress, packages: progress.packages + 1, current: text }
  return progress
}

/** One heartbeat's worth: the phase, how far it got, and what it is on. */
export function describeGoBuild(progress: GoBuildProgress, target: string): string {
  if (progress.packages > 0) {
    return `building ${target}: compiling packages, ${progress.packages} so far (now ${progress.current})`
  }
  if (progress.modules > 0) {
    return `building ${target}: downloading modules, ${progress.modules} so far (now ${progress.current})`
  }
  // Also what a build from Go's caches shows all along: -v names only packages it compiles.
  return `building ${target}: resolving modules, checking the build cache`
}
