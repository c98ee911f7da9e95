// Installs a Debian package where this machine allows it (apt-plan.ts decides), with a heartbeat per apt-get step.
import { spawnSync } from 'node:child_process'

import { manualInstall, planAptInstall, type AptFacts } from './apt-plan.js'
import { runStep } from './run-step.js'

function onPath(command: string, env: NodeJS.ProcessEnv): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { env, stdio: 'ignore' }).status === 0
}

/** How to install is only asked when the package is missing (no sudo probe otherwise). */
export function aptFacts(present: boolean, env: NodeJS.ProcessEnv = process.env): AptFacts {
  const root = process.getuid?.() === 0
  const sudo =
    !present &&
    !root &&
    onPath('sudo', env) &&
    spawnSync('sudo', ['-n', 'true'], { env, stdio: 'ignore', timeout: 10_000 }).status === 0
  return { present, aptGet: !present && onPath('apt-get', env), root, sudo }
}

export interface AptInstallOptions {
  packageName: string
  /** Whether what the package brings is there; asked before and after installing. */
  isPresent: () => boolean
  env?: NodeJS.ProcessEnv
  log?: (line: string) => void
}

/** Resolves when the package is there (installed now or before); rejects with what to do otherwise. */
export async function ensureAptPackage({
  packageName,
  isPresent,
  env = process.env,
  log = console.log,
}: AptInstallOptions): Promise<void> {
  const plan = planAptInstall(packageName, aptFacts(isPresent(), env))
  if (plan.action === 'use') return
  if (plan.action === 'unavailable') throw new Error(plan.problem)
  log(`${packageName} is not installed: installing Debian's package (a few minutes at most)...`)
  const started = Date.now()
  for (const step of plan.steps) {
    let last = ''
    const result = await runStep({
      command: step.command,
      env: { ...env, DEBIAN_FRONTEND: 'noninteractive' },
      log,
      onLine: (line) => (last = line),
      status: () => `installing ${packageName}: ${step.label}${last ? ` - ${last.slice(0, 100)}` : ''}`,
    }).catch((error: Error) => {
      throw new Error(
        `\`${step.command.join(' ')}\` could not start (${error.message}); run \`${manualInstall(packageName)}\``
      )
    })
    if (result.code !== 0) {
      const output = result.tail.map((line) => `\n    ${line}`).join('')
      throw new Error(
        `installing ${packageName} failed: \`${step.command.join(' ')}\` exited with ${result.code}${output}\n` +
          `Run \`${manualInstall(packageName)}\` yourself`
      )
    }
  }
  if (!isPresent()) throw new Error(`apt-get installed ${packageName}, yet it is still missing`)
  log(`${packageName} installed in ${Math.round((Date.now() - started) / 1000)}s`)
}
