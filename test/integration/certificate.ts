/**
 * A self-signed certificate made at test time with the system's openssl (no key is kept in the repository):
 * for the reference server served over https, trusted by the clients through `ca` or NODE_EXTRA_CA_CERTS.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  /** PEM files: the certificate (also its own authority) and its private key. */
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
  remove(): void;
}

export const OPENSSL = process.env.OPENSSL ?? '/usr/bin/openssl';

/** `names`: DNS names and IP addresses the certificate is valid for (subjectAltName). */
export function makeCertificate(names: { dns: string[]; ip: string[] }): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-tls-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  const san = [...names.dns.map((d) => `DNS:${d}`), ...names.ip.map((i) => `IP:${i}`)].join(',');
  execFileSync(OPENSSL, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2', '-keyout', keyFile, '-out', certFile, '-subj', `/CN=${names.dns[0] ?? names.ip[0] ?? 'test'}`, '-addext', `subjectAltName=${san}`, '-addext', 'basicConstraints=critical,CA:TRUE'], { stdio: 'pipe' });
  return { certFile, keyFile, cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
