// The API's tokens from configuration: GATEWAY_API_TOKENS_FILE names a JSON file of hashed tokens,
//   [{ "name": "desk-bot", "sha256": "<hex SHA-256 of the token>", "scopes": ["read", "trade"] }, ...]
// (make the digest with `printf %s "$TOKEN" | sha256sum`), so that the file holds no secret. Several tokens may be
// valid at once, which is how a token is rotated: add the new one, move the clients, remove the old one.
// GATEWAY_API_TOKEN, the older single secret, is the token 'default' with every scope.
import { z } from 'zod'

import { sha256, type ConfiguredToken } from './auth.js'
import { SCOPES } from './scopes.js'

/** The name GATEWAY_API_TOKEN is known by in logs and audits. */
export const DEFAULT_TOKEN_NAME = 'default'
export const MIN_SECRET_LENGTH = 16

const tokenEntry = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'must be 1 to 64 letters, digits or _ . -' }),
  sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, { message: 'must be 64 hex digits: printf %s "$TOKEN" | sha256sum' }),
  scopes: z
    .array(z.enum(SCOPES, { message: `must be one of ${SCOPES.join(', ')}` }))
    .min(1, { message: 'must name at least one scope' }),
})

export class ApiTokensConfigError extends Error {
  override name = 'ApiTokensConfigError'
}

/** The tokens of a tokens file's text; `source` names the file in errors (which never quote a digest). */
export function parseApiTokens(text: string, source: string): ConfiguredToken[] {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new ApiTokensConfigError(`${source}: not valid JSON`)
  }
  const parsed = z.array(tokenEntry).min(1, { message: 'must list at least one token' }).safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const [entry, ...field] = issue.path.map(String)
    const at = entry === undefined ? '' : `entry ${entry}${field.length > 0 ? `, ${field.join('.')}` : ''}: `
    throw new ApiTokensConfigError(`${source}: ${at}${issue.message}`)
  }
  return checkDistinct(
    parsed.data.map((entry) => ({
      name: entry.name,
      sha256: Buffer.from(entry.sha256, 'hex'),
      scopes: [...new Set(entry.scopes)],
    })),
    source
  )
}

/** GATEWAY_API_TOKEN as a configured token: every scope. */
export function defaultToken(secret: string): ConfiguredToken {
  if (secret.length < MIN_SECRET_LENGTH)
    throw new ApiTokensConfigError(`GATEWAY_API_TOKEN must be at least ${MIN_SECRET_LENGTH} characters`)
  return { name: DEFAULT_TOKEN_NAME, sha256: sha256(secret), scopes: [...SCOPES] }
}

/** Names identify tokens in the audit, and one secret must not stand for two tokens. */
export function checkDistinct(tokens: ConfiguredToken[], source: string): ConfiguredToken[] {
  const names = new Set<string>()
  const digests = new Set<string>()
  for (const token of tokens) {
    if (names.has(token.name)) throw new ApiTokensConfigError(`${source}: the name '${token.name}' is used twice`)
    const hex = token.sha256.toString('hex')
    if (digests.has(hex))
      throw new ApiTokensConfigError(`${source}: two tokens have the same sha256 (one secret, two names)`)
    names.add(token.name)
    digests.add(hex)
  }
  return tokens
}
