import type { RunOutcome } from '../../shared/onboarding/run-record';

/** How the checklist and the history name a run's outcome. */
export const OUTCOME_LABELS: Readonly<Record<RunOutcome | 'in-progress', string>> = {
  verified: 'Verified',
  incomplete: 'Incomplete',
  blocked: 'Blocked',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
  'in-progress': 'In progress',
};

/** The badge colour of each outcome. */
export const OUTCOME_COLORS: Readonly<
  Record<RunOutcome | 'in-progress', 'success' | 'warning' | 'danger' | 'informative' | 'brand'>
> = {
  verified: 'success',
  incomplete: 'warning',
  blocked: 'danger',
  failed: 'danger',
  cancelled: 'informative',
  interrupted: 'warning',
  'in-progress': 'brand',
};
