// Kraken's cl_ord_id formats (docs.kraken.com, "Spot Client Order Identifiers"): a long UUID
// (8-4-4-4-12 hex), a short UUID (32 hex) or free text of at most 18 printable ASCII characters.
const LONG_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const SHORT_UUID = /^[0-9a-f]{32}$/i
const FREE_TEXT = /^[\x20-\x7e]{1,18}$/

/** Why Kraken would refuse `clientOrderId`, or undefined when it accepts it. */
export function krakenClientOrderIdProblem(clientOrderId: string): string | undefined {
  if (LONG_UUID.test(clientOrderId) || SHORT_UUID.test(clientOrderId) || FREE_TEXT.test(clientOrderId)) return undefined
  return 'is not accepted by kraken: use a UUID or at most 18 printable ASCII characters'
}
