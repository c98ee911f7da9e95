// The one logger factory of every process (api, worker, npm start): pino JSON lines on stdout, secrets redacted by
// path and, as a second net, by value; pretty lines for a person at a terminal. Built once in the entry point and
// handed down (createApp's deps, the worker's runtime), never imported as a global.
import { Writable } from 'node:stream'

import pino, { type DestinationStream, type Logger } from 'pino'
import pretty from 'pino-pretty'

export type { Logger } from 'pino'

/** Field names that hold secrets wherever they appear (ARCHITECTURE.md, invariant 5). */
export const SECRET_KEYS = [
  'apiKey',
  'api_key',
  'secret',
  'apiSecret',
  'secretKey',
  'privateKey',
  'password',
  'passphrase',
  'token',
  'apiToken',
  'accessToken',
  'refreshToken',
  // Temporal's activity task token (in the SDK's activity log attributes): it can complete the activity.
  'taskToken',
  'authorization',
  'Authorization',
  'cookie',
  'x-api-key',
  'X-MBX-APIKEY',
  'CB-ACCESS-KEY',
  'CB-ACCESS-SIGN',
  'CB-ACCESS-PASSPHRASE',
  'API-Key',
  'API-Sign',
]

/** How deep a secret field is looked for (pino's redaction has no "any depth"; deeper values meet the value scrub). */
const REDACT_DEPTH = 5

/** `apiKey`, `*.apiKey`, `*.*.apiKey`...; keys that are not identifiers in brackets: `*["x-api-key"]`. */
function redactPath(key: string, depth: number): string {
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return `${'*.'.repeat(depth)}${key}`
  return depth === 0 ? `["${key}"]` : `${'*.'.repeat(depth - 1)}*["${key}"]`
}

/** pino `redact` paths: every secret key at the top level and under up to REDACT_DEPTH - 1 levels of objects. */
export const REDACT_PATHS = SECRET_KEYS.flatMap((key) =>
  Array.from({ length: REDACT_DEPTH }, (_, depth) => redactPath(key, depth))
)

export const REDACTED = '[Redacted]'

export type LogFormat = 'json' | 'pretty'

export interface LoggerOptions {
  /** pino level name: fatal, error, warn, info (default), debug, trace, silent. */
  level?: string
  format?: LogFormat
  /** Where the lines go (default stdout). Pretty formatting is applied on the way. */
  destination?: DestinationStream
  /** Known secret values (e.g. the environment's keys and tokens): replaced by [Redacted] in every line as written. */
  secrets?: readonly string[]
  /** Fields on every line, e.g. { role: 'api' }. */
  base?: Record<string, unknown>
}

export function createLogger({
  level = 'info',
  format = 'json',
  destination,
  secrets = [],
  base = {},
}: LoggerOptions = {}): Logger {
  // Synchronous writes: the lines written just before a process exits (a failed start, a stop) are not lost.
  const out = destination ?? pino.destination({ dest: 1, sync: true })
  // Colours only on the terminal (pino-pretty's default); never in a destination given by the caller.
  const formatted =
    format === 'pretty'
      ? pretty({ destination: destination ?? 1, sync: true, ...(destination ? { colorize: false } : {}) })
      : out
  return pino(
    {
      level,
      base: { pid: process.pid, ...base },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      timestamp: pino.stdTimeFunctions.isoTime,
      // The Temporal SDK passes errors as `error`; serialized like `err` (type, message, stack) instead of as {}.
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
      // Level names rather than numbers: `jq 'select(.level == "error")'` reads as it says.
      formatters: { level: (label) => ({ level: label }) },
    },
    scrubbing(formatted, secrets)
  )
}

/**
 * The format and level the environment asks for: LOG_FORMAT=json|pretty wins; otherwise pretty when stdout is a
 * terminal (a person running npm start), JSON when it is a pipe or a file (a harness, a log shipper).
 */
export function loggerOptionsFromEnv(
  env: NodeJS.ProcessEnv,
  stdoutIsTTY = Boolean(process.stdout.isTTY)
): LoggerOptions {
  const requested = env.LOG_FORMAT?.trim().toLowerCase()
  if (requested !== undefined && requested !== '' && requested !== 'json' && requested !== 'pretty') {
    throw new Error(`LOG_FORMAT must be json or pretty, not ${JSON.stringify(requested.slice(0, 20))}`)
  }
  const level = env.LOG_LEVEL?.trim().toLowerCase() || 'info'
  if (!(level in pino.levels.values) && level !== 'silent') {
    throw new Error(`LOG_LEVEL must be one of ${[...Object.keys(pino.levels.values), 'silent'].join(', ')}`)
  }
  const format: LogFormat = requested === 'json' || requested === 'pretty' ? requested : stdoutIsTTY ? 'pretty' : 'json'
  return { level, format, secrets: secretsInEnv(env) }
}

/**
 * The logger of an entry process: LOG_LEVEL, LOG_FORMAT and the environment's secret values. A bad LOG_LEVEL or
 * LOG_FORMAT stops the process as any failed start does: `<role> could not start: <reason>` on stderr, exit 1.
 */
export function createProcessLogger(role: string, env: NodeJS.ProcessEnv = process.env): Logger {
  try {
    return createLogger({ ...loggerOptionsFromEnv(env), base: { role } })
  } catch (error) {
    console.error(`${role} could not start: ${(error as Error).message}`)
    process.exit(1)
  }
}

/** Values of the environment's credentials (…_API_KEY, …_SECRET, …_PASSWORD, …_PASSPHRASE, …_TOKEN). */
export function secretsInEnv(env: NodeJS.ProcessEnv): string[] {
  return (
    Object.entries(env)
      .filter(([name, value]) => /(API_?KEY|SECRET|SECRET_?KEY|PASSWORD|PASSPHRASE|TOKEN|TOKENS)$/i.test(name) && value)
      .flatMap(([, value]) => value!.split(/[,\s]+/))
      // Short values would blank out ordinary words; real keys and tokens are long.
      .filter((value) => value.length >= 8)
  )
}

/** A secret inside a message or a stack (which no path can reach) is replaced as the line is written. */
function scrubbing(out: DestinationStream, secrets: readonly string[]): DestinationStream {
  const needles = [...new Set(secrets.flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]))]
  if (needles.length === 0) return out
  const scrub = (line: string) => needles.reduce((text, needle) => text.split(needle).join(REDACTED), line)
  return { write: (line: string) => out.write(scrub(line)) }
}

/** An in-memory destination for tests: every line written, parsed. */
export function memoryDestination(): DestinationStream & {
  lines: () => Array<Record<string, unknown>>
  text: () => string
} {
  let text = ''
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += chunk.toString()
      done()
    },
  })
  return Object.assign(stream, {
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => text,
  })
}
