// Goal: a long provisioning command shows a heartbeat with its elapsed time and what it is doing, and a failing one
// leaves its exit code and last lines for the message. Method: real shell commands; the heartbeat test's command
// waits until a heartbeat has reported its output, so it can only finish through one.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { progressLine, runStep } from '../../../bin/provision/run-step.js'

const dir = mkdtempSync(join(tmpdir(), 'run-step-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('progressLine', () => {
  it('puts the elapsed seconds before the status', () => {
    expect(progressLine(95_400, 'building the Temporal CLI: compiling packages, 143 so far')).toBe(
      '  [95s] building the Temporal CLI: compiling packages, 143 so far'
    )
  })
})

describe('runStep', () => {
  it('beats while the command runs, reporting what the command last said', async () => {
    const flag = join(dir, 'heard')
    const heartbeats: string[] = []
    let last = ''
    const result = await runStep({
      command: [
        'sh',
        '-c',
        `echo 'Unpacking chromium-common'; while [ ! -f '${flag}' ]; do sleep 0.02; done; echo done`,
      ],
      log: (line) => {
        heartbeats.push(line)
        if (line.includes('Unpacking chromium-common') && !existsSync(flag)) writeFileSync(flag, '')
      },
      onLine: (line) => (last = line),
      status: () => `installing chromium: ${last}`,
      intervalMs: 20,
    })
    expect(result.code).toBe(0)
    // The command goes on only once a beat has reported its line; a later beat may already report 'done' (timing).
    expect(heartbeats).toContainEqual(
      expect.stringMatching(/^ {2}\[\d+s\] installing chromium: Unpacking chromium-common$/)
    )
    for (const beat of heartbeats) expect(beat).toMatch(/^ {2}\[\d+s\] installing chromium:/)
    expect(result.tail).toEqual(['Unpacking chromium-common', 'done'])
  })

  it('keeps the exit code and the last 20 lines, an unterminated last line included', async () => {
    const result = await runStep({
      command: ['sh', '-c', 'for i in $(seq 1 25); do echo "line $i"; done; printf "no newline"; exit 3'],
      log: () => undefined,
      status: () => '',
    })
    expect(result.code).toBe(3)
    expect(result.tail).toEqual([...Array.from({ length: 19 }, (_, i) => `line ${i + 7}`), 'no newline'])
  })

  it('reads stderr as well as stdout, whole lines from each', async () => {
    const result = await runStep({
      command: [
        'sh',
        '-c',
        'printf "Get:1 http://deb"; echo "E: Unable to locate package" >&2; echo ".debian.org [1 kB]"; exit 100',
      ],
      log: () => undefined,
      status: () => '',
    })
    expect(result.code).toBe(100)
    // The two pipes are read independently: their order is not defined, their lines are.
    expect([...result.tail].sort()).toEqual(['E: Unable to locate package', 'Get:1 http://deb.debian.org [1 kB]'])
  })

  it('rejects with the spawn error when the command does not exist', async () => {
    await expect(
      runStep({ command: [join(dir, 'no-such-command')], log: () => undefined, status: () => '' })
    ).rejects.toThrow(/ENOENT/)
  })
})
