import type { Sha256Hex } from '../../../../src/shared/report/report-digest';

/** SHA-256 through WebCrypto, as a browser (or the renderer) would hash a report. */
export const webCryptoSha256: Sha256Hex = async (text) => {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
};
