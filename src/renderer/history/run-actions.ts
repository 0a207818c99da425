import type { RunSummary } from '../../shared/bridge/contract';

/**
 * Whether a run can be taken up to carry on onboarding: one the main process calls resumable (interrupted, or
 * stopped before verifying), or one it still drives (the page was reloaded while the run was open).
 */
export const canResume = (run: RunSummary): boolean => run.resumable || run.outcome === 'in-progress';

/** Whether a finished run can have its tenant verified again (it got as far as verifying). */
export const canReverify = (run: RunSummary): boolean =>
  run.outcome === 'verified' || (run.outcome === 'incomplete' && run.total !== null);
