// domain/ is imported by Temporal workflows, which must replay deterministically: this scans every domain source
// for the things that would break replay or pull in I/O (Node built-ins, clocks, randomness, the environment).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

const DOMAIN = join(import.meta.dirname, '../../domain')
const FORBIDDEN: [string, RegExp][] = [
  ['a Node built-in import', /from '(node:[^']+|fs|path|crypto|os|child_process|http|https|net)'/],
  ['the wall clock', /Date\.now\(|new Date\(/],
  ['randomness', /Math\.random|crypto\.(randomUUID|getRandomValues)/],
  ['the environment', /process\./],
  ['timers', /\bset(Timeout|Interval|Immediate)\(/],
]

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

describe('domain purity', () => {
  const files = sources(DOMAIN)

  it('finds the domain sources', () => {
    expect(files.length).toBeGreaterThan(10)
  })

  it.each(files.map((file) => [file.slice(DOMAIN.length + 1), file]))(
    '%s has no I/O, clock or randomness',
    (_, file) => {
      const text = readFileSync(file, 'utf8')
      const found = FORBIDDEN.filter(([, pattern]) => pattern.test(text)).map(([what]) => what)
      expect(found).toEqual([])
    }
  )
})
