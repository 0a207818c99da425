import { createHash } from 'node:crypto';
import type { Sha256Hex } from '../../shared/report/report-digest';

/** SHA-256 of a string's UTF-8 bytes, as 64 lower-case hex digits, with Node's crypto. */
export const sha256Hex: Sha256Hex = async (text) => createHash('sha256').update(text, 'utf8').digest('hex');
