// A read on one venue (ticker, book, balances...) for the REST API. Every connector call runs as an activity,
// reads included, so they get the same retries, pacing and audit as orders.
import type { ExchangeRead } from '../activities/index.js'
import type { ExchangeId } from '../domain/types.js'
import { interactiveReads } from './lib/activities.js'

export type ExchangeReadInput = { exchange: ExchangeId } & ExchangeRead

export async function exchangeReadWorkflow(input: ExchangeReadInput): Promise<unknown> {
  return interactiveReads.readExchange(input)
}
