// Goal: on a fresh machine the Temporal UI browser test gets its chromium where the machine allows (root, or sudo
// without a password, and apt-get), and otherwise a message that names the command to run. Method: the pure plan
// over every combination of facts; ensureChromium itself with CHROMIUM_PATH set (it never installs over a choice).
import { describe, expect, it } from 'vitest'

import { ensureChromium } from '../../../bin/provision/chromium.js'
import {
  chromiumPath,
  DEFAULT_CHROMIUM_PATH,
  installFailure,
  MANUAL_INSTALL,
  planChromium,
  type ChromiumFacts,
} from '../../../bin/provision/chromium-plan.js'

const missing: ChromiumFacts = {
  path: DEFAULT_CHROMIUM_PATH,
  configured: false,
  present: false,
  aptGet: true,
  root: false,
  sudo: false,
}

describe('chromiumPath', () => {
  it("is CHROMIUM_PATH when set, else Debian's /usr/bin/chromium", () => {
    expect(chromiumPath({ CHROMIUM_PATH: '/opt/chrome/chrome' })).toEqual({
      path: '/opt/chrome/chrome',
      configured: true,
    })
    expect(chromiumPath({})).toEqual({ path: '/usr/bin/chromium', configured: false })
    expect(chromiumPath({ CHROMIUM_PATH: '' })).toEqual({ path: '/usr/bin/chromium', configured: false })
  })
})

describe('planChromium', () => {
  it('uses a browser that is there, whatever else is true', () => {
    expect(planChromium({ ...missing, present: true })).toEqual({ action: 'use', path: '/usr/bin/chromium' })
    expect(planChromium({ ...missing, present: true, configured: true, aptGet: false })).toMatchObject({
      action: 'use',
    })
  })

  it('installs with apt-get as root: update first, then chromium', () => {
    expect(planChromium({ ...missing, root: true })).toEqual({
      action: 'install',
      path: '/usr/bin/chromium',
      steps: [
        { label: 'apt-get update', command: ['apt-get', 'update'] },
        { label: 'apt-get install chromium', command: ['apt-get', 'install', '-y', 'chromium'] },
      ],
    })
  })

  it('installs through sudo when it works without a password, keeping apt-get non-interactive', () => {
    const plan = planChromium({ ...missing, sudo: true })
    expect(plan.action === 'install' && plan.steps.map((s) => s.command.join(' '))).toEqual([
      'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update',
      'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium',
    ])
  })

  it('names the command to run when installing needs a password', () => {
    const plan = planChromium(missing)
    expect(plan.action).toBe('unavailable')
    expect(plan.action === 'unavailable' && plan.problem).toBe(
      'no browser at /usr/bin/chromium, and installing it needs root (sudo asks for a password): run ' +
        '`sudo apt-get update && sudo apt-get install -y chromium`, or set CHROMIUM_PATH to a chromium binary'
    )
  })

  it('says what to do without apt-get', () => {
    const plan = planChromium({ ...missing, aptGet: false, root: true })
    expect(plan.action === 'unavailable' && plan.problem).toMatch(
      /^no browser at \/usr\/bin\/chromium and no apt-get .* set CHROMIUM_PATH to its binary$/
    )
  })

  it('never installs over a CHROMIUM_PATH that points nowhere', () => {
    const plan = planChromium({ ...missing, path: '/opt/nothing', configured: true, root: true })
    expect(plan.action).toBe('unavailable')
    expect(plan.action === 'unavailable' && plan.problem).toContain('no browser at CHROMIUM_PATH=/opt/nothing')
    expect(plan.action === 'unavailable' && plan.problem).toContain(MANUAL_INSTALL)
  })
})

describe('installFailure', () => {
  const step = { label: 'apt-get update', command: ['apt-get', 'update'] as [string, ...string[]] }

  it('names the command, how it ended, its last output and what to run instead', () => {
    expect(installFailure(step, 100, ['E: Could not open lock file', 'E: Unable to lock directory'])).toBe(
      'installing chromium failed: `apt-get update` exited with 100\n' +
        '    E: Could not open lock file\n' +
        '    E: Unable to lock directory\n' +
        'Install chromium yourself (`sudo apt-get update && sudo apt-get install -y chromium`) or set CHROMIUM_PATH ' +
        'to a chromium binary'
    )
  })

  it('tells a signal and a command that could not start apart', () => {
    expect(installFailure(step, null)).toContain('`apt-get update` was killed\n')
    expect(installFailure(step, new Error('spawn apt-get ENOENT'))).toContain(
      '`apt-get update` could not start (spawn apt-get ENOENT)\n'
    )
  })
})

describe('ensureChromium', () => {
  it('answers with the configured browser when it exists', async () => {
    // Any existing file stands in for the binary: nothing is launched here.
    await expect(ensureChromium({ env: { ...process.env, CHROMIUM_PATH: process.execPath } })).resolves.toEqual({
      ok: true,
      path: process.execPath,
    })
  })

  it('answers with the problem, installing nothing, when the configured browser is missing', async () => {
    const lines: string[] = []
    const result = await ensureChromium({
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
      log: (line) => lines.push(line),
    })
    expect(result).toEqual({
      ok: false,
      problem: expect.stringContaining('no browser at CHROMIUM_PATH=/nonexistent/chromium'),
    })
    expect(lines).toEqual([])
  })
})
