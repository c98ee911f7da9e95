// Runs an engine call and turns its SimError into the Binance error this family and operation would give.

import { SimError } from '../../engine/types.js'
import { fromSimError, type OrderOperation } from './errors.js'
import type { ApiFamily } from './symbols.js'

export function engineCall<T>(family: ApiFamily, operation: OrderOperation, call: () => T): T {
  try {
    return call()
  } catch (error) {
    if (error instanceof SimError) throw fromSimError(error, family, operation)
    throw error
  }
}
