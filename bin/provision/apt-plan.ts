// Whether a Debian package this project needs is there, and if not, how this machine can get it: apt-get as root, or
// through sudo when sudo works without a password; otherwise a message naming the command to run. Pure: the facts are
// gathered by apt-install.ts. (chromium-plan.ts is the same decision with the browser's own messages.)

export interface AptFacts {
  present: boolean
  aptGet: boolean
  root: boolean
  /** `sudo -n true` succeeds: sudo works without asking for a password. */
  sudo: boolean
}

export interface AptStep {
  label: string
  command: [string, ...string[]]
}

export type AptPlan =
  { action: 'use' } | { action: 'install'; steps: AptStep[] } | { action: 'unavailable'; problem: string }

export function manualInstall(packageName: string): string {
  return `sudo apt-get update && sudo apt-get install -y ${packageName}`
}

export function planAptInstall(packageName: string, facts: AptFacts): AptPlan {
  if (facts.present) return { action: 'use' }
  if (!facts.aptGet) {
    return {
      action: 'unavailable',
      problem: `${packageName} is not installed and there is no apt-get: install it with this system's package manager`,
    }
  }
  if (!facts.root && !facts.sudo) {
    return {
      action: 'unavailable',
      problem: `${packageName} is not installed, and installing it needs root (sudo asks for a password): run \`${manualInstall(packageName)}\``,
    }
  }
  // sudo resets the environment, so the frontend setting travels through env(1).
  const apt = (...args: string[]): [string, ...string[]] =>
    facts.root ? ['apt-get', ...args] : ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args]
  return {
    action: 'install',
    steps: [
      { label: 'apt-get update', command: apt('update') },
      {
        label: `apt-get install ${packageName}`,
        command: apt('install', '-y', '--no-install-recommends', packageName),
      },
    ],
  }
}
