// A separate process for the rate-cap race test: reserves one send slot at each of `venues` venues (cap 1 each) in a
// shared history (a SQLite file or a PostgreSQL database), as fast as it can, from the same start instant as its
// rival. Each venue is a race for its last slot. argv: <database target> <name> <venues> <now> <start at (epoch ms)>.
// Prints how many slots it got.
import { openDatabase } from '../../db/client.js'
import { reserveSendSlot } from '../../db/risk-facts.js'
import type { ExchangeId } from '../../domain/types.js'

const [target, name, venues, now, startAt] = process.argv.slice(2)
const { db, close } = await openDatabase(target!)
while (Date.now() < Number(startAt)) {
  // spin until the common start, so the two processes' reservations interleave
}
let reserved = 0
for (let i = 0; i < Number(venues); i++) {
  const exchange = `venue-${i}` as ExchangeId
  const slot = await reserveSendSlot(db, {
    clientOrderId: `${name}-${i}`,
    exchange,
    cap: 1,
    force: false,
    now: Number(now),
  })
  if (slot.reserved) reserved += 1
}
await close()
process.stdout.write(String(reserved))
