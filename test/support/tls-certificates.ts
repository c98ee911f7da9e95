// Certificates for a Temporal server that serves TLS, made with openssl: a root CA, the frontend's certificate signed
// by it (for one DNS name only, so that a client must name it), a client certificate signed by it (mTLS), and a
// client certificate signed by a CA the server does not trust.
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface TestCertificates {
  /** The only name in the frontend's certificate (no IP address: 127.0.0.1 does not match it). */
  serverName: string
  caFile: string
  serverCertFile: string
  serverKeyFile: string
  clientCertFile: string
  clientKeyFile: string
  /** A client certificate from another CA. */
  strangerCertFile: string
  strangerKeyFile: string
}

function openssl(dir: string, args: string[]): void {
  const run = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' })
  if (run.error) throw new Error(`openssl could not run (${run.error.message}): install it (apt-get install openssl)`)
  if (run.status !== 0) throw new Error(`openssl ${args[0]} failed: ${run.stderr.trim()}`)
}

function makeCa(dir: string, name: string): void {
  openssl(dir, [
    'req',
    ...['-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${name} test root CA`],
    ...['-keyout', `${name}-ca.key`, '-out', `${name}-ca.pem`],
    ...['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
  ])
}

function signCert(dir: string, ca: string, name: string, extensions: string): void {
  openssl(
    dir,
    ['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-keyout', `${name}.key`].concat([
      '-out',
      `${name}.csr`,
    ])
  )
  writeFileSync(join(dir, `${name}.ext`), extensions)
  openssl(dir, [
    'x509',
    ...['-req', '-in', `${name}.csr`, '-CA', `${ca}-ca.pem`, '-CAkey', `${ca}-ca.key`, '-CAcreateserial'],
    ...['-days', '2', '-out', `${name}.pem`, '-extfile', `${name}.ext`],
  ])
}

export function makeTestCertificates(dir: string, serverName = 'frontend.temporal.test'): TestCertificates {
  makeCa(dir, 'gateway')
  makeCa(dir, 'stranger')
  // The frontend's certificate also serves its own services as clients of the frontend (the system worker).
  signCert(dir, 'gateway', 'frontend', `subjectAltName=DNS:${serverName}\nextendedKeyUsage=serverAuth,clientAuth\n`)
  signCert(dir, 'gateway', 'worker-client', 'extendedKeyUsage=clientAuth\n')
  signCert(dir, 'stranger', 'stranger-client', 'extendedKeyUsage=clientAuth\n')
  return {
    serverName,
    caFile: join(dir, 'gateway-ca.pem'),
    serverCertFile: join(dir, 'frontend.pem'),
    serverKeyFile: join(dir, 'frontend.key'),
    clientCertFile: join(dir, 'worker-client.pem'),
    clientKeyFile: join(dir, 'worker-client.key'),
    strangerCertFile: join(dir, 'stranger-client.pem'),
    strangerKeyFile: join(dir, 'stranger-client.key'),
  }
}
