// Whether the Temporal UI browser test has its chromium, and if not, how this machine can get it: Debian's package
// through apt-get, as root or through sudo when sudo works without a password; otherwise a message naming the
// command to run. Pure: the facts are gathered by chromium.ts.

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium'
export const MANUAL_INSTALL = 'sudo apt-get update && sudo apt-get install -y chromium'

export interface ChromiumFacts {
  /** Where the browser is expected: CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
  path: string
  /** The path was chosen with CHROMIUM_PATH: never install something else over that choice. */
  configured: boolean
  present: boolean
  aptGet: boolean
  root: boolean
  /** `sudo -n true` succeeds: sudo works without asking for a password. */
  sudo: boolean
}

export interface InstallStep {
  label: string
  command: [string, ...string[]]
}

export type ChromiumPlan =
  | { action: 'use'; path: string }
  | { action: 'install'; path: string; steps: InstallStep[] }
  | { action: 'unavailable'; path: string; problem: string }

export function chromiumPath(env: NodeJS.ProcessEnv): { path: string; configured: boolean } {
  const configured = env.CHROMIUM_PATH
  return configured ? { path: configured, configured: true } : { path: DEFAULT_CHROMIUM_PATH, configured: false }
}

export function planChromium(facts: ChromiumFacts): ChromiumPlan {
  const { path } = facts
  if (facts.present) return { action: 'use', path }
  const unavailable = (problem: string): ChromiumPlan => ({ action: 'unavailable', path, problem })
  if (facts.configured) {
    return unavailable(
      `no browser at CHROMIUM_PATH=${path}: point CHROMIUM_PATH at a chromium binary, or unset it to use Debian's ` +
        `chromium at ${DEFAULT_CHROMIUM_PATH} (${MANUAL_INSTALL})`
    )
  }
  if (!facts.aptGet) {
    return unavailable(
      `no browser at ${path} and no apt-get to install Debian's chromium: install chromium with this system's ` +
        'package manager and set CHROMIUM_PATH to its binary'
    )
  }
  if (!facts.root && !facts.sudo) {
    return unavailable(
      `no browser at ${path}, and installing it needs root (sudo asks for a password): run \`${MANUAL_INSTALL}\`, ` +
        'or set CHROMIUM_PATH to a chromium binary'
    )
  }
  // sudo resets the environment, so the frontend setting travels through env(1).
  const apt = (...args: string[]): [string, ...string[]] =>
    facts.root ? ['apt-get', ...args] : ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args]
  return {
    action: 'install',
    path,
    steps: [
      { label: 'apt-get update', command: apt('update') },
      { label: 'apt-get install chromium', command: apt('install', '-y', 'chromium') },
    ],
  }
}

const INSTALL_IT_YOURSELF = `Install chromium yourself (\`${MANUAL_INSTALL}\`) or set CHROMIUM_PATH to a chromium binary`

/**
 * Why an install step gave us no browser: the command, how it ended (an exit code, a signal, or an error starting
 * it) with the last lines of its output, and the command to run instead.
 */
export function installFailure(step: InstallStep, ending: number | null | Error, tail: readonly string[] = []): string {
  const how =
    ending instanceof Error
      ? `could not start (${ending.message})`
      : ending === null
        ? 'was killed'
        : `exited with ${ending}`
  const output = tail.map((line) => `\n    ${line}`).join('')
  return `installing chromium failed: \`${step.command.join(' ')}\` ${how}${output}\n${INSTALL_IT_YOURSELF}`
}
