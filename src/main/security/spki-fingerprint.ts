import { createHash, X509Certificate } from 'node:crypto';

/**
 * Base64 SHA-256 of a certificate's public key (SubjectPublicKeyInfo), the form Chromium's
 * `--ignore-certificate-errors-spki-list` takes: it trusts that one key, not every certificate.
 */
export const spkiSha256Base64 = (certificatePem: string): string =>
  createHash('sha256')
    .update(new X509Certificate(certificatePem).publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64');
