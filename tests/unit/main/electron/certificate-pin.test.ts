import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CERTIFICATE_ACCEPT,
  CERTIFICATE_USE_CHROMIUM,
  checkPracticePin,
  createCertificateVerifyProc,
  normalizeFingerprint,
} from '../../../../src/main/electron/certificate-pin';

// An elliptic-curve key, as the practice tenant's own certificate has: generating two RSA keys in JavaScript took
// over ten seconds, the hook's whole budget, on a 2-core machine at load 20.
const EC_KEY = { keyType: 'ec', curve: 'P-256' } as const;
let practicePem = '';
let otherPem = '';
let practiceFingerprint = '';

beforeAll(async () => {
  practicePem = (await generate([{ name: 'commonName', value: '127.0.0.1' }], EC_KEY)).cert;
  otherPem = (await generate([{ name: 'commonName', value: '127.0.0.1' }], EC_KEY)).cert;
  practiceFingerprint = new X509Certificate(practicePem).fingerprint256;
});

const verify = (
  proc: ReturnType<typeof createCertificateVerifyProc>,
  hostname: string,
  pem: string,
): Promise<number> =>
  new Promise((resolve) => proc({ hostname, certificate: { data: pem } as never }, resolve));

describe('certificate pinning of the sign-in session', () => {
  it('accepts the practice certificate on the practice host', async () => {
    const proc = createCertificateVerifyProc({
      origin: 'https://127.0.0.1:8443',
      sha256Fingerprint: practiceFingerprint,
    });
    expect(await verify(proc, '127.0.0.1', practicePem)).toBe(CERTIFICATE_ACCEPT);
  });

  it('leaves any other certificate on the practice host to Chromium, which refuses a self-signed one', async () => {
    const proc = createCertificateVerifyProc({
      origin: 'https://127.0.0.1:8443',
      sha256Fingerprint: practiceFingerprint,
    });
    expect(await verify(proc, '127.0.0.1', otherPem)).toBe(CERTIFICATE_USE_CHROMIUM);
    expect(await verify(proc, '127.0.0.1', 'not a certificate')).toBe(CERTIFICATE_USE_CHROMIUM);
  });

  it('never vouches for the practice certificate on another host', async () => {
    const proc = createCertificateVerifyProc({
      origin: 'https://127.0.0.1:8443',
      sha256Fingerprint: practiceFingerprint,
    });
    for (const host of ['login.microsoftonline.com', 'localhost', 'evil.example', '127.0.0.2']) {
      expect(await verify(proc, host, practicePem), host).toBe(CERTIFICATE_USE_CHROMIUM);
    }
  });

  it('without a pin, leaves every decision to Chromium', async () => {
    const proc = createCertificateVerifyProc(undefined);
    expect(await verify(proc, '127.0.0.1', practicePem)).toBe(CERTIFICATE_USE_CHROMIUM);
  });

  it('refuses a pin for a host that is not this computer, or over http', () => {
    expect(() =>
      checkPracticePin({ origin: 'https://login.microsoftonline.com', sha256Fingerprint: 'AA'.repeat(32) }),
    ).toThrow(/on this computer/);
    expect(() =>
      checkPracticePin({ origin: 'http://127.0.0.1:8080', sha256Fingerprint: 'AA'.repeat(32) }),
    ).toThrow();
    expect(() => checkPracticePin({ origin: 'https://localhost:1', sha256Fingerprint: 'sha1' })).toThrow(
      /SHA-256/,
    );
  });

  it('accepts fingerprints with or without colons, in any case', () => {
    const bare = 'ab'.repeat(32);
    expect(normalizeFingerprint(bare)).toBe(bare.toUpperCase());
    expect(normalizeFingerprint(bare.match(/../g)?.join(':') ?? '')).toBe(bare.toUpperCase());
    expect(normalizeFingerprint('abc')).toBeUndefined();
  });
});
