import { z } from 'zod';

/** What a long step of a run is doing right now, for the checklist's progress display. */
export const RunProgressSchema = z
  .object({
    runId: z.string(),
    phase: z.enum(['discover', 'sign-in', 'identity', 'plan', 'grant', 'admin-consent', 'verify', 'finish']),
    message: z.string(),
    /** Items done of `total` (writes settled, verification attempts); null when the step has no count. */
    done: z.number().int().nonnegative().nullable(),
    total: z.number().int().nonnegative().nullable(),
  })
  .readonly();

/** What a long step of a run is doing right now. */
export type RunProgress = z.infer<typeof RunProgressSchema>;
