import { createHash } from 'node:crypto';

/**
 * A GUID derived from a name (RFC 9562 version 5 layout over SHA-1), so built-in scenario objects keep the same IDs
 * on every start and tests can name them.
 */
export const stableId = (name: string): string => {
  const hex = createHash('sha1').update(`pia-practice-tenant/${name}`).digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};
