// A worker refuses to run order activities with a venue request timeout that does not fit the placement attempt's
// start-to-close: an attempt must be able to prepare, send and hear back before Temporal gives it up, or a late
// request could add an order after the workflow has looked it up and moved on.
import { describe, expect, it } from 'vitest'

import { createActivities } from '../../activities/index.js'
import { openDatabase } from '../../db/client.js'
import { PLACEMENT_TIMING } from '../../temporal.config.js'

const noConnectors = {
  get: () => {
    throw new Error('no connectors in this test')
  },
  list: () => [],
}

describe('the request timeout start-up check', () => {
  it('refuses EXCHANGE_REQUEST_TIMEOUT above start-to-close less the preparation budget and margin', async () => {
    const { db, close } = await openDatabase(':memory:')
    try {
      expect(PLACEMENT_TIMING.startToCloseMs).toBe(20_000)
      expect(() => createActivities({ connectors: noConnectors, db, requestTimeoutMs: 17_001 })).toThrow(
        /EXCHANGE_REQUEST_TIMEOUT is 17001 ms but must be at most 17000 ms/
      )
      expect(() => createActivities({ connectors: noConnectors, db, requestTimeoutMs: 17_000 })).not.toThrow()
      expect(() => createActivities({ connectors: noConnectors, db })).not.toThrow()
    } finally {
      await close()
    }
  })
})
