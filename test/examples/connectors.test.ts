// The README's connector example must keep working: run it as a user would and check what it prints.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

import { expect, it } from 'vitest'

it('examples/connectors.ts runs against the simulator on all three exchanges', async () => {
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'examples/connectors.ts'], { timeout: 90_000 })
  expect(stdout).toMatch(/binance market buy\s+\{"id":"\d+","status":"closed","filled":"0.01"/)
  expect(stdout).toMatch(/binance futures positions\s+\[\["BTC\/USDT:USDT","long","0.01",10\]\]/)
  expect(stdout).toMatch(/coinbase cancel\s+"canceled"/)
  expect(stdout).toMatch(/kraken margin positions\s+\[\["BTC\/USD","long","0.01",2\]\]/)
  expect(stdout).toMatch(/kraken InvalidOrderError\s+"amount 0.00001 is below the minimum amount 0.0001/)
})
