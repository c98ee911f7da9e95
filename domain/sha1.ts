// SHA-1 and UTF-8 in plain ECMAScript. Workflows may not use node:crypto, yet they need the same deterministic
// ids (name-based UUIDs) that activities compute; this is only used for ids, never for security.

/** UTF-8 bytes of `text`, as TextEncoder gives them (lone surrogates become U+FFFD). */
export function utf8Bytes(text: string): Uint8Array {
  const bytes: number[] = []
  for (const char of text) {
    let cp = char.codePointAt(0) ?? 0xfffd
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd
    if (cp < 0x80) bytes.push(cp)
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63))
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63))
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63))
  }
  return Uint8Array.from(bytes)
}

/** SHA-1 digest (FIPS 180-4) of `message`: 20 bytes. */
export function sha1(message: Uint8Array): Uint8Array {
  // Pad to a multiple of 64 bytes: 0x80, zeros, then the bit length as a 64-bit big-endian integer.
  const paddedLength = Math.ceil((message.length + 9) / 64) * 64
  const padded = new Uint8Array(paddedLength)
  padded.set(message)
  padded[message.length] = 0x80
  const input = new DataView(padded.buffer)
  const bitLength = message.length * 8
  input.setUint32(paddedLength - 8, Math.floor(bitLength / 2 ** 32))
  input.setUint32(paddedLength - 4, bitLength >>> 0)

  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]
  const schedule = new DataView(new ArrayBuffer(80 * 4))
  const w = (t: number): number => schedule.getUint32(t * 4)
  for (let chunk = 0; chunk < paddedLength; chunk += 64) {
    for (let t = 0; t < 16; t += 1) schedule.setUint32(t * 4, input.getUint32(chunk + t * 4))
    for (let t = 16; t < 80; t += 1) {
      schedule.setUint32(t * 4, rotl(w(t - 3) ^ w(t - 8) ^ w(t - 14) ^ w(t - 16), 1))
    }
    let [a, b, c, d, e] = h as [number, number, number, number, number]
    for (let t = 0; t < 80; t += 1) {
      const [f, k] =
        t < 20
          ? [(b & c) | (~b & d), 0x5a827999]
          : t < 40
            ? [b ^ c ^ d, 0x6ed9eba1]
            : t < 60
              ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc]
              : [b ^ c ^ d, 0xca62c1d6]
      const temp = (rotl(a, 5) + f + e + k + w(t)) >>> 0
      e = d
      d = c
      c = rotl(b, 30)
      b = a
      a = temp
    }
    h[0] = ((h[0] ?? 0) + a) >>> 0
    h[1] = ((h[1] ?? 0) + b) >>> 0
    h[2] = ((h[2] ?? 0) + c) >>> 0
    h[3] = ((h[3] ?? 0) + d) >>> 0
    h[4] = ((h[4] ?? 0) + e) >>> 0
  }
  const digest = new DataView(new ArrayBuffer(20))
  h.forEach((word, i) => digest.setUint32(i * 4, word))
  return new Uint8Array(digest.buffer)
}

/** Lower-case hex of `bytes`. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

function rotl(value: number, bits: number): number {
  return ((value << bits) | (value >>> (32 - bits))) >>> 0
}
