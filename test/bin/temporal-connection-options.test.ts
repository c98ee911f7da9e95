// Goal: the environment decides how the roles reach Temporal (plaintext, TLS, mTLS, an API key), and every mistake
// in it stops the role with the variable named, before any connection is tried. Method: the pure function with an
// in-memory file reader for the shapes of the options, and the disk reader on real files for the file errors. That
// the options really connect is shown against a Temporal server serving TLS in temporal-tls.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { readTemporalConnectionOptions, temporalConnectionOptions } from '../../bin/temporal-connection-options.js'

const FILES: Record<string, string> = {
  '/tls/client.pem': 'client certificate',
  '/tls/client.key': 'client key',
  '/tls/ca.pem': 'root CA',
}

function fromFiles(env: Record<string, string | undefined>) {
  const read: string[] = []
  const options = temporalConnectionOptions(env, (path) => {
    read.push(path)
    const text = FILES[path]
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' })
    return new TextEncoder().encode(text)
  })
  return { options, read }
}

const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : new TextDecoder().decode(bytes))

describe('temporalConnectionOptions', () => {
  it('connects in plaintext when nothing asks for TLS, as to the dev server and npm run cluster', () => {
    expect(fromFiles({})).toEqual({ options: {}, read: [] })
    expect(fromFiles({ TEMPORAL_TLS_CERT: '', TEMPORAL_TLS_KEY: ' ', TEMPORAL_API_KEY: '' }).options).toEqual({})
    expect(fromFiles({ TEMPORAL_TLS: 'false' }).options).toEqual({})
  })

  it('gives mTLS from a client certificate and key, with the CA and server name when set', () => {
    const { options } = fromFiles({
      TEMPORAL_TLS_CERT: '/tls/client.pem',
      TEMPORAL_TLS_KEY: '/tls/client.key',
      TEMPORAL_TLS_CA: '/tls/ca.pem',
      TEMPORAL_TLS_SERVER_NAME: 'frontend.temporal',
    })
    expect(text(options.tls?.clientCertPair?.crt)).toBe('client certificate')
    expect(text(options.tls?.clientCertPair?.key)).toBe('client key')
    expect(text(options.tls?.serverRootCACertificate)).toBe('root CA')
    expect(options.tls?.serverNameOverride).toBe('frontend.temporal')
    expect(options.apiKey).toBeUndefined()
  })

  it('gives TLS without a client certificate for TEMPORAL_TLS=true, a CA alone or a server name alone', () => {
    expect(fromFiles({ TEMPORAL_TLS: 'true' }).options).toEqual({ tls: {} })
    const withCa = fromFiles({ TEMPORAL_TLS_CA: '/tls/ca.pem' }).options
    expect(text(withCa.tls?.serverRootCACertificate)).toBe('root CA')
    expect(withCa.tls?.clientCertPair).toBeUndefined()
    expect(fromFiles({ TEMPORAL_TLS_SERVER_NAME: 'frontend.temporal' }).options).toEqual({
      tls: { serverNameOverride: 'frontend.temporal' },
    })
  })

  it('turns TLS on for an API key (Temporal Cloud), trimmed of the newline a secret file leaves', () => {
    expect(fromFiles({ TEMPORAL_API_KEY: 'cloud-key\n' }).options).toEqual({ tls: {}, apiKey: 'cloud-key' })
    const both = fromFiles({
      TEMPORAL_API_KEY: 'k',
      TEMPORAL_TLS_CERT: '/tls/client.pem',
      TEMPORAL_TLS_KEY: '/tls/client.key',
    })
    expect(both.options.apiKey).toBe('k')
    expect(text(both.options.tls?.clientCertPair?.crt)).toBe('client certificate')
  })

  it('sends an API key without TLS only when TEMPORAL_TLS=false says so', () => {
    expect(fromFiles({ TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'false' }).options).toEqual({ apiKey: 'k' })
  })

  it('refuses a certificate without its key, and a key without its certificate', () => {
    const certOnly = () => fromFiles({ TEMPORAL_TLS_CERT: '/tls/client.pem' })
    expect(certOnly).toThrow('TEMPORAL_TLS_CERT is set but TEMPORAL_TLS_KEY is not: mTLS needs both')
    const keyOnly = () => fromFiles({ TEMPORAL_TLS_KEY: '/tls/client.key', TEMPORAL_TLS_CA: '/tls/ca.pem' })
    expect(keyOnly).toThrow('TEMPORAL_TLS_KEY is set but TEMPORAL_TLS_CERT is not: mTLS needs both')
  })

  it('refuses TEMPORAL_TLS=false beside TLS files, and a TEMPORAL_TLS that is neither true nor false', () => {
    expect(() => fromFiles({ TEMPORAL_TLS: 'false', TEMPORAL_TLS_CA: '/tls/ca.pem' })).toThrow(
      'TEMPORAL_TLS is false but TEMPORAL_TLS_CA asks for TLS'
    )
    expect(() => fromFiles({ TEMPORAL_TLS: 'yes' })).toThrow('TEMPORAL_TLS must be true or false, not "yes"')
  })

  it('names the variable and the path of a file it cannot read', () => {
    expect(() => fromFiles({ TEMPORAL_TLS_CA: '/tls/missing-ca.pem' })).toThrow(
      'TEMPORAL_TLS_CA: cannot read /tls/missing-ca.pem (ENOENT)'
    )
  })
})

describe('readTemporalConnectionOptions (files on disk)', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'temporal-tls-options-'))
    writeFileSync(join(dir, 'client.pem'), 'certificate bytes')
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('reads the files the variables name', () => {
    const options = readTemporalConnectionOptions({
      TEMPORAL_TLS_CERT: join(dir, 'client.pem'),
      TEMPORAL_TLS_KEY: join(dir, 'client.pem'),
    })
    expect(text(options.tls?.clientCertPair?.crt)).toBe('certificate bytes')
  })

  it('names TEMPORAL_TLS_KEY when the key file is missing, and TEMPORAL_TLS_CA when the CA path is a folder', () => {
    const missingKey = () =>
      readTemporalConnectionOptions({
        TEMPORAL_TLS_CERT: join(dir, 'client.pem'),
        TEMPORAL_TLS_KEY: join(dir, 'nope.key'),
      })
    expect(missingKey).toThrow(`TEMPORAL_TLS_KEY: cannot read ${join(dir, 'nope.key')} (ENOENT)`)
    expect(() => readTemporalConnectionOptions({ TEMPORAL_TLS_CA: dir })).toThrow(
      `TEMPORAL_TLS_CA: cannot read ${dir} (EISDIR)`
    )
  })
})
