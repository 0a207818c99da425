import { X509Certificate } from 'node:crypto';
import type { Request } from 'electron';
import type { PracticeCertificatePin } from '../sign-in/browser-opener';

/** Chromium's answers to a certificate verify proc: accept, reject, or keep its own verification result. */
export const CERTIFICATE_ACCEPT = 0;
/** Rejects the certificate. */
export const CERTIFICATE_REJECT = -2;
/** Uses the verification result from Chromium: what every host but the practice origin gets. */
export const CERTIFICATE_USE_CHROMIUM = -3;

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Normalises a SHA-256 fingerprint to upper-case hex without separators; `undefined` if it is not one. */
export const normalizeFingerprint = (fingerprint: string): string | undefined => {
  const hex = fingerprint.replace(/[:\s]/g, '').toUpperCase();
  return /^[0-9A-F]{64}$/.test(hex) ? hex : undefined;
};

/** The SHA-256 fingerprint of a PEM certificate (Electron's `certificate.data`), upper-case hex. */
export const pemSha256Fingerprint = (pem: string): string | undefined => {
  try {
    return normalizeFingerprint(new X509Certificate(pem).fingerprint256);
  } catch {
    return undefined;
  }
};

/** A practice pin checked for use: its host and normalised fingerprint. */
export interface CheckedPin {
  readonly hostname: string;
  readonly fingerprint: string;
}

/**
 * Checks a practice pin before it is used: the origin must be https on a loopback host and the fingerprint a
 * SHA-256 one. A pin for a real host would let a configuration file vouch for a certificate Chromium refused.
 */
export const checkPracticePin = (pin: PracticeCertificatePin): CheckedPin => {
  const url = new URL(pin.origin);
  if (url.protocol !== 'https:' || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(`The practice tenant must be served over https on this computer, not ${pin.origin}.`);
  }
  const fingerprint = normalizeFingerprint(pin.sha256Fingerprint);
  if (fingerprint === undefined)
    throw new Error('The practice tenant fingerprint is not a SHA-256 fingerprint.');
  return { hostname: url.hostname.replace(/^\[|\]$/g, ''), fingerprint };
};

/** The request a certificate verify proc receives, as far as pinning needs it. */
export type VerifyRequest = Pick<Request, 'hostname' | 'certificate'>;

/**
 * The sign-in session's certificate verify proc.
 *
 * Accepts the practice tenant's self-signed certificate only when the host is the pinned loopback host and the
 * certificate's SHA-256 fingerprint equals the pin; every other decision (every Microsoft host, and the practice
 * host presenting any other certificate) is Chromium's own (`-3`). Without a pin it never accepts anything itself.
 * The request carries no port, so the pin covers the host; the practice tenant is the only https server the
 * sign-in window is sent to on a loopback host.
 */
export const createCertificateVerifyProc = (
  pin: PracticeCertificatePin | undefined,
): ((request: VerifyRequest, callback: (result: number) => void) => void) => {
  const checked = pin === undefined ? undefined : checkPracticePin(pin);
  return (request, callback) => {
    if (checked === undefined) return callback(CERTIFICATE_USE_CHROMIUM);
    const host = request.hostname.replace(/^\[|\]$/g, '');
    if (host !== checked.hostname) return callback(CERTIFICATE_USE_CHROMIUM);
    const presented = pemSha256Fingerprint(request.certificate.data);
    return callback(presented === checked.fingerprint ? CERTIFICATE_ACCEPT : CERTIFICATE_USE_CHROMIUM);
  };
};
