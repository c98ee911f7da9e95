// Symbols in paths are written BTC-USDT (or URL-encoded BTC%2FUSDT); perpetuals BTC-USDT-USDT or BTC/USDT:USDT.
import { inputPrefix } from '../domain/input-prefix.js'
import { badRequest } from './errors.js'

const UNIFIED = /^[A-Z0-9]{2,12}\/[A-Z0-9]{2,12}(:[A-Z0-9]{2,12})?$/

export function parseSymbol(raw: string, field = 'symbol'): string {
  const text = decoded(raw).trim().toUpperCase()
  let symbol = text
  if (!text.includes('/')) {
    const parts = text.split('-')
    if (parts.length === 2) symbol = `${parts[0]}/${parts[1]}`
    else if (parts.length === 3) symbol = `${parts[0]}/${parts[1]}:${parts[2]}`
  }
  if (!UNIFIED.test(symbol))
    throw badRequest(`${field}: '${inputPrefix(raw)}' is not a symbol like BTC-USDT or BTC/USDT`, field)
  return symbol
}

/** A malformed %-escape ('%zz', '%E0%A4%A') threw a URIError (a 500); kept as it is, it fails the symbol pattern (a 400). */
function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    return raw
  }
}
