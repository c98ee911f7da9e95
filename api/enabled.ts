// Exchanges named in a request body must be ones this deployment trades on: a 400 naming the field otherwise.
import type { ExchangeId } from '../domain/types.js'
import type { AppDeps } from './deps.js'
import { badRequest } from './errors.js'

export function requireEnabled(
  deps: Pick<AppDeps, 'exchanges'>,
  exchanges: readonly ExchangeId[],
  field: string
): void {
  const disabled = exchanges.filter((e) => !deps.exchanges.includes(e))
  if (disabled.length > 0) throw badRequest(`${field}: ${disabled.join(', ')} not enabled here`, field)
}
