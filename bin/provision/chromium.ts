// Makes sure the Temporal UI browser test has chromium, installing Debian's package where this machine allows it.
// Used by the tests' global setup and by `npm run provision` (.ci/run). The decision is chromium-plan.ts's; this
// gathers its facts and runs its apt-get steps with a heartbeat.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'

import { chromiumPath, installFailure, planChromium, type ChromiumFacts } from './chromium-plan.js'
import { runStep } from './run-step.js'

export type ChromiumResult = { ok: true; path: string } | { ok: false; problem: string }

function onPath(command: string, env: NodeJS.ProcessEnv): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { env, stdio: 'ignore' }).status === 0
}

/** The facts planChromium needs. How to install is only asked when the browser is missing (no sudo probe otherwise). */
export function chromiumFacts(env: NodeJS.ProcessEnv = process.env): ChromiumFacts {
  const { path, configured } = chromiumPath(env)
  const present = existsSync(path)
  const root = process.getuid?.() === 0
  const needed = !present && !configured
  const sudo =
    needed &&
    !root &&
    onPath('sudo', env) &&
    spawnSync('sudo', ['-n', 'true'], { env, stdio: 'ignore', timeout: 10_000 }).status === 0
  return { path, configured, present, aptGet: needed && onPath('apt-get', env), root, sudo }
}

export async function ensureChromium({
  env = process.env,
  log = console.log,
}: { env?: NodeJS.ProcessEnv; log?: (line: string) => void } = {}): Promise<ChromiumResult> {
  const plan = planChromium(chromiumFacts(env))
  if (plan.action === 'use') return { ok: true, path: plan.path }
  if (plan.action === 'unavailable') return { ok: false, problem: plan.problem }

  log(
    `No browser at ${plan.path}: installing Debian's chromium for the Temporal UI browser test (a few minutes at most)...`
  )
  const started = Date.now()
  for (const step of plan.steps) {
    let last = ''
    try {
      const result = await runStep({
        command: step.command,
        env: { ...env, DEBIAN_FRONTEND: 'noninteractive' },
        log,
        onLine: (line) => (last = line),
        status: () => `installing chromium: ${step.label}${last ? ` - ${last.slice(0, 100)}` : ''}`,
      })
      if (result.code !== 0) return { ok: false, problem: installFailure(step, result.code, result.tail) }
    } catch (error) {
      return { ok: false, problem: installFailure(step, error as Error) }
    }
  }
  if (!existsSync(plan.path)) {
    return {
      ok: false,
      problem: `apt-get installed chromium, yet there is no browser at ${plan.path}: set CHROMIUM_PATH to its binary`,
    }
  }
  log(`chromium installed in ${Math.round((Date.now() - started) / 1000)}s: ${plan.path}`)
  return { ok: true, path: plan.path }
}
