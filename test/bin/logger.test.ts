// Goal: the process logger writes JSON lines (pretty ones for a person at a terminal) and never a secret: fields
// named like secrets are redacted wherever they sit in a logged object, known secret values are blanked inside
// messages and stacks, and the Temporal SDK's lines pass through the same redaction.
// Method: the real pino logger of bin/logger.ts writing to an in-memory stream.
import { describe, expect, it } from 'vitest'

import { createLogger, loggerOptionsFromEnv, memoryDestination, REDACTED, secretsInEnv } from '../../bin/logger.js'
import { temporalLogger } from '../../bin/temporal-logger.js'

describe('redaction', () => {
  it('redacts an Authorization header and apiKey / secret / passphrase fields at any depth', () => {
    const out = memoryDestination()
    const logger = createLogger({ destination: out })
    logger.info(
      {
        req: { headers: { Authorization: 'Bearer tok-abcdef123456', 'x-api-key': 'hdr-key-123456' } },
        credentials: { binance: { apiKey: 'bin-key-123456', secret: 'bin-secret-123456' } },
        venues: [{ coinbase: { passphrase: 'cb-pass-123456', password: 'pw-123456789' } }],
        token: 'plain-token-123456',
      },
      'configured'
    )
    const text = out.text()
    for (const secret of [
      'tok-abcdef123456',
      'hdr-key-123456',
      'bin-key-123456',
      'bin-secret-123456',
      'cb-pass-123456',
      'pw-123456789',
      'plain-token-123456',
    ]) {
      expect(text).not.toContain(secret)
    }
    const [line] = out.lines() as any[]
    expect(line.req.headers.Authorization).toBe(REDACTED)
    expect(line.credentials.binance).toEqual({ apiKey: REDACTED, secret: REDACTED })
    expect(line.venues[0].coinbase.passphrase).toBe(REDACTED)
    expect(line.msg).toBe('configured')
  })

  it('blanks known secret values inside messages and error stacks, where no path reaches', () => {
    const out = memoryDestination()
    const logger = createLogger({
      destination: out,
      secrets: secretsInEnv({ KRAKEN_SECRET: 'kraken-secret-value-1', HOME: '/root' }),
    })
    logger.error({ err: new Error('signature for kraken-secret-value-1 refused') }, 'venue said kraken-secret-value-1')
    expect(out.text()).not.toContain('kraken-secret-value-1')
    const [line] = out.lines() as any[]
    expect(line.msg).toBe(`venue said ${REDACTED}`)
    expect(line.err.message).toBe(`signature for ${REDACTED} refused`)
  })

  it("takes the exchanges' own variable names as secrets (BINANCE_SECRET_KEY, COINBASE_PASSPHRASE, *_API_KEY)", () => {
    const env = {
      BINANCE_API_KEY: 'binance-key-value-1',
      BINANCE_SECRET_KEY: 'binance-secret-value-1',
      COINBASE_PASSPHRASE: 'coinbase-pass-value-1',
      HOME: '/root',
    }
    expect(secretsInEnv(env).sort()).toEqual(['binance-key-value-1', 'binance-secret-value-1', 'coinbase-pass-value-1'])
  })

  it('passes the Temporal SDK lines through the same redaction, at the same level', () => {
    const out = memoryDestination()
    const sdk = temporalLogger(createLogger({ destination: out, level: 'info' }))
    sdk.debug('not shown at info', { activityId: '1' })
    sdk.info('order placement: sending', {
      audit: 'placement',
      workflowId: 'order-1',
      taskToken: 'CiQ0ZmE=',
      request: { apiKey: 'k-123456789' },
    })
    sdk.error('failed', { error: new Error('boom') })
    const lines = out.lines() as any[]
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      ['info', 'order placement: sending'],
      ['error', 'failed'],
    ])
    expect(lines[0]).toMatchObject({
      audit: 'placement',
      workflowId: 'order-1',
      taskToken: REDACTED,
      request: { apiKey: REDACTED },
    })
    expect(lines[1].error).toMatchObject({ type: 'Error', message: 'boom' })
  })
})

describe('format and level', () => {
  it('is pretty on a terminal, JSON on a pipe, and LOG_FORMAT decides when set', () => {
    expect(loggerOptionsFromEnv({}, true).format).toBe('pretty')
    expect(loggerOptionsFromEnv({}, false).format).toBe('json')
    expect(loggerOptionsFromEnv({ LOG_FORMAT: 'json' }, true).format).toBe('json')
    expect(loggerOptionsFromEnv({ LOG_FORMAT: 'pretty' }, false).format).toBe('pretty')
    expect(() => loggerOptionsFromEnv({ LOG_FORMAT: 'xml' }, false)).toThrow(/LOG_FORMAT must be json or pretty/)
  })

  it('takes its level from LOG_LEVEL (info by default) and names a bad one', () => {
    expect(loggerOptionsFromEnv({}, false).level).toBe('info')
    expect(loggerOptionsFromEnv({ LOG_LEVEL: 'WARN' }, false).level).toBe('warn')
    expect(() => loggerOptionsFromEnv({ LOG_LEVEL: 'loud' }, false)).toThrow(/LOG_LEVEL must be one of/)
    const out = memoryDestination()
    const logger = createLogger({ destination: out, ...loggerOptionsFromEnv({ LOG_LEVEL: 'warn' }, false) })
    logger.info('hidden')
    logger.warn('shown')
    expect(out.lines().map((line) => line.msg)).toEqual(['shown'])
  })

  it('writes JSON lines, or pretty lines with the same redaction', async () => {
    const json = memoryDestination()
    createLogger({ destination: json, format: 'json' }).info({ apiKey: 'k-123456789' }, 'hello')
    expect(JSON.parse(json.text())).toMatchObject({ level: 'info', msg: 'hello', apiKey: REDACTED })

    const pretty = memoryDestination()
    createLogger({ destination: pretty, format: 'pretty' }).info({ apiKey: 'k-123456789' }, 'hello')
    await new Promise((resolve) => setImmediate(resolve))
    expect(pretty.text()).toMatch(/INFO.*: hello\n/)
    expect(pretty.text()).toContain(`apiKey: "${REDACTED}"`)
    expect(() => JSON.parse(pretty.text())).toThrow()
  })
})
