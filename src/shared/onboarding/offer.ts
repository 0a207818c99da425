import type { z } from 'zod';
import type { NotOfferedReasonSchema } from '../profile/resource-offer';

/** Why a requested permission cannot be granted: not published for that type, or published but disabled. */
export type NotOfferedReason = z.infer<typeof NotOfferedReasonSchema>;
