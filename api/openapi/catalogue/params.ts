// Path parameters shared by the catalogue's routes.
import { z } from 'zod'

import { EXCHANGE_IDS } from '../../../domain/types.js'

export const workflowIdParam = z.object({
  workflowId: z.string().meta({
    description: 'The id the POST answered with (its Location header): the prefix and the Idempotency-Key, or a UUID',
    examples: ['order-3f2c1d9e-6b1a-4f7e-9a51-0c2d4e6f8a10'],
  }),
})

export const exchangeParam = {
  exchange: z.enum(EXCHANGE_IDS).meta({ description: 'A venue enabled in this deployment (404 otherwise)' }),
}

export const symbolParam = {
  symbol: z.string().meta({
    description: 'A market written BTC-USDT (or BTC%2FUSDT); a USD-M perpetual BTC-USDT-USDT. 400 when malformed',
    examples: ['BTC-USDT'],
  }),
}

export const exchangeSymbolParams = z.object({ ...exchangeParam, ...symbolParam })
