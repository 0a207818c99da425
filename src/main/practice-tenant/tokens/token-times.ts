import { z } from 'zod';

/** A JWT NumericDate: whole seconds since the epoch (RFC 7519, section 2). */
export const NumericDate = z.number().int().nonnegative();

/** When a token was issued, from when it is valid and when it expires: claims of every token the tenant issues. */
export const tokenTimeClaims = { iat: NumericDate, nbf: NumericDate, exp: NumericDate };
