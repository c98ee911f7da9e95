// Lookups by client order id that share one read of Kraken's order lists. Kraken counts every private call against a
// small per-key budget (Starter: 15, decaying 0.33/s), and a lookup costs two calls (open, then closed orders): when
// many orders need settling at once (a venue that dropped answers, a crashed worker) one lookup per order starves the
// budget and every lookup waits for minutes. Batched, the lookups waiting together cost two calls in all.
//
// Freshness: a lookup is answered only by a read that started after it was asked. One that arrives while a read is
// in flight waits for the next read, so "not found" always reflects the venue at or after the time of the question,
// which is what the workflow's grace window relies on.

export interface PendingLookup {
  symbol: string
  clientOrderId: string
}

/** Reads the venue once for every lookup in `lookups`; the answer for each is its order, or undefined if absent. */
export type BatchRead<T> = (lookups: PendingLookup[]) => Promise<Map<PendingLookup, T | undefined>>

interface Waiter<T> {
  lookup: PendingLookup
  resolve(value: T | undefined): void
  reject(error: unknown): void
}

export function createLookupBatcher<T>(read: BatchRead<T>) {
  let waiting: Waiter<T>[] = []
  let reading = false

  async function drain(): Promise<void> {
    reading = true
    try {
      while (waiting.length > 0) {
        const batch = waiting
        waiting = []
        try {
          const answers = await read(batch.map((w) => w.lookup))
          for (const w of batch) w.resolve(answers.get(w.lookup))
        } catch (error) {
          for (const w of batch) w.reject(error)
        }
      }
    } finally {
      reading = false
    }
  }

  return {
    /** The order with this client order id on this symbol, or undefined when the venue has none. */
    lookup(lookup: PendingLookup): Promise<T | undefined> {
      return new Promise<T | undefined>((resolve, reject) => {
        waiting.push({ lookup, resolve, reject })
        if (!reading) void drain()
      })
    },
  }
}
