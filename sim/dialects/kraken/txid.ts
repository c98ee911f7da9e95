// Kraken-style transaction ids (OQCLML-BW3P3-BUCMWZ) derived from the engine's integer ids. The encoding is a
// bijection (multiply by an odd constant mod 2^64, plus a 16-bit check), so a txid can be turned back into the
// engine id without any table, and a mistyped txid is recognised as unknown rather than hitting another order.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'
const MASK64 = (1n << 64n) - 1n
const MULTIPLIER = 0x9e3779b97f4a7c15n
const CHECK_MULTIPLIER = 0xc2b2ae3d27d4eb4fn
const MAX_ENGINE_ID = 2n ** 53n

function inverseMod64(k: bigint): bigint {
  // Newton's iteration doubles the correct low bits each round: 3 -> 6 -> ... -> 96 bits.
  let inv = k
  for (let i = 0; i < 6; i++) inv = (inv * (2n - k * inv)) & MASK64
  return inv
}
const INVERSE = inverseMod64(MULTIPLIER)

export type TxidKind = 'order' | 'trade' | 'posting' | 'position'

const KIND: Record<TxidKind, { prefix: string; salt: bigint }> = {
  order: { prefix: 'O', salt: 0x5f3759df1badb002n },
  trade: { prefix: 'T', salt: 0x2545f4914f6cdd1dn },
  posting: { prefix: 'T', salt: 0x61c8864680b583ebn },
  position: { prefix: 'T', salt: 0x165667b19e3779f9n },
}

const check = (mixed: bigint): bigint => ((mixed * CHECK_MULTIPLIER) >> 48n) & 0xffffn

export function encodeTxid(kind: TxidKind, engineId: number): string {
  const { prefix, salt } = KIND[kind]
  const mixed = (BigInt(engineId) * MULTIPLIER + salt) & MASK64
  let value = (check(mixed) << 64n) | mixed
  let chars = ''
  for (let i = 0; i < 16; i++) {
    chars = ALPHABET[Number(value & 31n)] + chars
    value >>= 5n
  }
  return `${prefix}${chars.slice(0, 5)}-${chars.slice(5, 10)}-${chars.slice(10)}`
}

/** The engine id behind a txid of this kind, or undefined when it is not one we issued. */
export function decodeTxid(kind: TxidKind, txid: string): number | undefined {
  const { prefix, salt } = KIND[kind]
  const match = /^([A-Z])([A-Z2-7]{5})-([A-Z2-7]{5})-([A-Z2-7]{6})$/.exec(txid)
  if (!match || match[1] !== prefix) return undefined
  let value = 0n
  for (const c of `${match[2]}${match[3]}${match[4]}`) value = (value << 5n) | BigInt(ALPHABET.indexOf(c))
  const mixed = value & MASK64
  if (value >> 64n !== check(mixed)) return undefined
  const engineId = ((mixed - salt) * INVERSE) & MASK64
  return engineId < MAX_ENGINE_ID ? Number(engineId) : undefined
}
