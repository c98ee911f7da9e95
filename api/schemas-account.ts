// Request schemas of the account routes (api/routes/account.ts): positions, leverage, account, funding and fills.
import { z } from 'zod'

import { symbol } from './schemas.js'

/** The upper bound is the market's own (its leverage bracket), checked against the venue's answer (api/leverage.ts). */
export const setLeverageBody = z.strictObject({
  leverage: z
    .number({ message: 'is required: a whole number such as 5' })
    .int({ message: 'must be a whole number such as 5' })
    .min(1, { message: 'must be at least 1' }),
})

/** The market whose fees the account answer reports: fees are per market on every venue. */
export const accountQuery = z.strictObject({ symbol: symbol.default('BTC/USDT') })

/** The venue's fills; which of these a venue needs is checked per venue (api/routes/account.ts). */
export const fillsQuery = z.strictObject({
  symbol: symbol.optional(),
  orderId: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, { message: "must be the venue's order id (letters, digits and _ . : -)" })
    .optional(),
  since: z
    .string()
    .regex(/^\d{1,15}$/, { message: 'must be a time in ms since the epoch' })
    .transform(Number)
    .optional(),
})

export const fundingQuery = z.strictObject({
  currency: z
    .string()
    .regex(/^[A-Za-z0-9]{2,12}$/, { message: 'must be a currency code such as USD' })
    .transform((v) => v.toUpperCase())
    .optional(),
})
