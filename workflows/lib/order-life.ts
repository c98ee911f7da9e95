// A resting order's life after it is placed, inside its own workflow: looked at on a schedule (domain
// followDelayMs) until the venue shows it done, every fill recorded; cancelled and amended on request (the API's
// updates), one command at a time; cancelled by a durable timer at its expire-at. The commands are queued by the
// update handlers and carried out by this loop only, so no two venue actions of one order ever overlap.
import {
  allHandlersFinished,
  condition,
  sleep,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow'

import type { DecimalString, ExchangeId, Fill, OrderSpec, UnifiedOrder } from '../../domain/types.js'
import {
  amendPlan,
  cancelRetryDelayMs,
  filledOf,
  followDelayMs,
  isFinal,
  lifecycleOutcome,
  type AmendChange,
  type LifecycleOutcome,
} from '../../domain/order-lifecycle.js'
import { cmp, isPositive, sum } from '../../domain/money.js'
import { ACTIVITY_OPTIONS, SA } from '../../temporal.config.js'
import { follow, orders } from './activities.js'
import { placeAndSettle } from './placement.js'

/** One order sent to the venue under this execution: the original, or the replacement of an amendment. */
export interface OrderGeneration {
  seq: number
  request: OrderSpec & { clientOrderId: string }
  order: UnifiedOrder
  fills: Fill[]
}

export interface Amendment {
  at: number
  change: AmendChange
  /** The order it replaced. */
  replaced: string
  /** replaced: a replacement was placed; not_needed: the fills already reached the new total; failed: see message. */
  result: 'replaced' | 'not_needed' | 'failed'
  /** The replacement's client order id. */
  clientOrderId?: string
  message?: string
}

/** Everything a continued run needs to go on following the order. */
export interface OrderLife {
  exchange: ExchangeId
  executionId: string
  generations: OrderGeneration[]
  /** The amount the execution may buy or sell in all (an amendment changes it). */
  total: DecimalString
  placedAt: number
  /** Epoch ms at which the workflow cancels the order itself. */
  expireAt?: number
  expiredByUs: boolean
  /** A cancel was asked for (by a person, or an amendment): a GTT order the venue cancels did not expire then. */
  cancelRequested?: boolean
  amendments: Amendment[]
  reconcileGraceMs: number
}

/** What the API shows of a followed order: now, after a command, and at its end. */
export interface OrderLifeView {
  /** open while the venue may still fill it, then how it ended. */
  status: 'open' | LifecycleOutcome
  /** The live (or last) order at the venue. */
  order: UnifiedOrder
  total: DecimalString
  filled: DecimalString
  fills: Fill[]
  amendments: Amendment[]
  expireAt?: number
}

type Command = { kind: 'cancel' } | { kind: 'amend'; change: AmendChange }
interface Ticket {
  command: Command
  done: boolean
  /** Why the command did nothing, when it did nothing. */
  refusal?: string
}

/** Reads of a done order's fills before its run ends without them all (its result then shows filled above the fills). */
const FILL_READS = 10

/** Looks per run before continuing as new: a day of hourly looks fits several times over in one history. */
export const LOOKS_PER_RUN = 500

export function createOrderFollower(life: OrderLife, options: { looksPerRun?: number } = {}) {
  const queue: Ticket[] = []
  const current = () => life.generations[life.generations.length - 1]!
  // The venue's own filled amounts decide (an amendment's remainder above all); the fills detail them, and may be read
  // a moment later when the venue's read budget is spent.
  const filled = () => sum(['0', ...life.generations.map((generation) => generation.order.filled)])
  let lastStatusLabel = ''
  /** The venue's read budget was spent at the last look: the next one waits at least this long. */
  let deferredMs = 0

  /** Ended by time: our expire-at timer, or the venue's GTT (which Coinbase reports as a cancel no one asked for). */
  const expired = (): boolean =>
    life.expiredByUs ||
    (current().order.status === 'canceled' && current().request.timeInForce === 'GTT' && life.cancelRequested !== true)

  function view(): OrderLifeView {
    const order = current().order
    const done = isFinal(order.status)
    return {
      status: done ? lifecycleOutcome(order, filled(), life.total, expired()) : 'open',
      order,
      total: life.total,
      filled: filled(),
      fills: life.generations.flatMap((generation) => generation.fills),
      amendments: life.amendments,
      ...(life.expireAt !== undefined && { expireAt: life.expireAt }),
    }
  }

  /** The Temporal UI's OrderStatus follows the order: OPEN, PARTIALLY_FILLED, then how it ended. */
  function label(): void {
    const { status } = view()
    const word = status === 'open' && isPositive(filled()) ? 'PARTIALLY_FILLED' : status.toUpperCase()
    if (word === lastStatusLabel) return
    lastStatusLabel = word
    upsertSearchAttributes([{ key: SA.orderStatus, value: word }])
  }

  /** One look at the venue; a look that fails changes nothing (the next one asks again). */
  async function look(): Promise<void> {
    const generation = current()
    try {
      const seen = await follow.followOrder.executeWithOptions(
        {
          ...ACTIVITY_OPTIONS.follow,
          summary: `follow ${generation.request.clientOrderId} on ${life.exchange} (${generation.order.status}, filled ${filledOf(generation.fills)})`,
        },
        [
          {
            executionId: life.executionId,
            exchange: life.exchange,
            symbol: generation.request.symbol,
            clientOrderId: generation.request.clientOrderId,
            knownFilled: filledOf(generation.fills),
          },
        ]
      )
      if ('deferredMs' in seen) {
        deferredMs = seen.deferredMs
      } else {
        generation.order = seen.order
        if (seen.fills) generation.fills = seen.fills
      }
    } catch {
      // The venue could not answer within the follow class's budget: the schedule asks again.
    }
    label()
  }

  /** Cancels the live order until the venue shows it done (cancelled, or filled first). */
  async function cancelAtVenue(reason: string): Promise<void> {
    if (!life.expiredByUs) life.cancelRequested = true
    for (let attempt = 0; !isFinal(current().order.status); attempt++) {
      const generation = current()
      const { request } = generation
      try {
        const answer = await orders.cancelOrder.executeWithOptions(
          {
            ...ACTIVITY_OPTIONS.placeOrder,
            summary: `cancel ${request.clientOrderId} on ${life.exchange} (${reason})`,
          },
          [{ exchange: life.exchange, symbol: request.symbol, clientOrderId: request.clientOrderId }]
        )
        if (isFinal(answer.status)) generation.order = answer
      } catch {
        // Not cancellable (filled or cancelled already) or no answer: the look below tells which.
      }
      await look()
      if (isFinal(current().order.status)) return
      await sleep(Math.max(cancelRetryDelayMs(attempt), deferredMs))
    }
  }

  /** Reads the fills of a done order until they add up to what the venue says it filled. */
  async function readFills(): Promise<void> {
    for (let attempt = 0; attempt < FILL_READS; attempt++) {
      const generation = current()
      if (cmp(filledOf(generation.fills), generation.order.filled) === 0) return
      await look()
      if (deferredMs > 0) await sleep(deferredMs)
    }
  }

  async function amend(change: AmendChange): Promise<void> {
    const replaced = current().request.clientOrderId
    await cancelAtVenue('amend')
    await readFills()
    const plan = amendPlan(life.total, filled(), change)
    life.total = plan.total
    const at = Date.now()
    if (!plan.place) {
      life.amendments.push({ at, change, replaced, result: 'not_needed' })
      return
    }
    const previous = current().request
    const request = {
      ...previous,
      ...(change.price !== undefined && { price: change.price }),
      amount: plan.remaining,
      clientOrderId: uuid4(),
    }
    const seq = Math.max(...life.generations.map((generation) => generation.seq)) + 1
    // The same path as the original: the pre-trade gate, the ledger row before the send, lookup before any resend.
    const outcome = await placeAndSettle(
      { executionId: life.executionId, exchange: life.exchange, request, role: 'amend', seq },
      { reconcileGraceMs: life.reconcileGraceMs }
    )
    if (outcome.kind !== 'placed') {
      life.amendments.push({
        at,
        change,
        replaced,
        result: 'failed',
        clientOrderId: request.clientOrderId,
        message: `${outcome.errorType}: ${outcome.message}`,
      })
      return
    }
    life.generations.push({ seq, request, order: outcome.order, fills: [] })
    life.amendments.push({ at, change, replaced, result: 'replaced', clientOrderId: request.clientOrderId })
    if (isPositive(outcome.order.filled)) await look()
  }

  async function run(ticket: Ticket): Promise<void> {
    if (isFinal(current().order.status)) {
      ticket.refusal = `the order is already ${view().status}`
    } else if (ticket.command.kind === 'cancel') {
      await cancelAtVenue('cancel requested')
    } else {
      await amend(ticket.command.change)
    }
    ticket.done = true
  }

  return {
    view,

    /** Queues a command for the loop and waits until it is carried out; the answer is the order's view then. */
    async command(command: Command): Promise<{ view: OrderLifeView; refusal?: string }> {
      const ticket: Ticket = { command, done: false }
      queue.push(ticket)
      await condition(() => ticket.done)
      return { view: view(), ...(ticket.refusal !== undefined && { refusal: ticket.refusal }) }
    },

    isDone: () => isFinal(current().order.status) && queue.length === 0,

    /**
     * Follows the order until the venue shows it done and no command waits. Continues as new (with `resume`) after
     * LOOKS_PER_RUN looks or when Temporal suggests it, between commands.
     */
    async followUntilDone(resume: (life: OrderLife) => Promise<never>): Promise<OrderLifeView> {
      label()
      // An order that filled (some) on arrival: read its fills before anything else.
      if (isPositive(current().order.filled) && current().fills.length === 0) await look()
      let looks = 0
      while (!isFinal(current().order.status) || queue.length > 0) {
        const ticket = queue.shift()
        if (ticket) {
          await run(ticket)
          continue
        }
        const now = Date.now()
        if (life.expireAt !== undefined && now >= life.expireAt) {
          life.expiredByUs = true
          await cancelAtVenue('expire-at reached')
          continue
        }
        const wait = Math.min(
          Math.max(followDelayMs(now - life.placedAt), deferredMs),
          life.expireAt !== undefined ? life.expireAt - now : Number.POSITIVE_INFINITY
        )
        deferredMs = 0
        if (await condition(() => queue.length > 0, Math.max(1, wait))) continue
        await look()
        looks++
        if (
          (looks >= (options.looksPerRun ?? LOOKS_PER_RUN) || workflowInfo().continueAsNewSuggested) &&
          queue.length === 0
        ) {
          await condition(allHandlersFinished)
          if (queue.length === 0 && !isFinal(current().order.status)) await resume(life)
        }
      }
      await readFills()
      return view()
    },
  }
}

export type OrderFollower = ReturnType<typeof createOrderFollower>
