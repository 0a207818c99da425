import { z } from 'zod';

/** The steps of an onboarding run, in the order the technician meets them. */
export const StepIdSchema = z.enum([
  'client',
  'preflight',
  'sign-in',
  'identity',
  'plan',
  'grant',
  'verify',
  'report',
]);

/** One step of the checklist. */
export type StepId = z.infer<typeof StepIdSchema>;

/** Every step in order. */
export const STEP_IDS: readonly StepId[] = StepIdSchema.options;

/** The title the checklist shows for each step. */
export const STEP_TITLES: Readonly<Record<StepId, string>> = {
  client: 'Client',
  preflight: 'Preflight',
  'sign-in': 'Sign in',
  identity: 'Confirm identity',
  plan: 'Review plan',
  grant: 'Grant consent',
  verify: 'Verify',
  report: 'Report',
};

/** The titles of an offboarding run, which takes access away where an onboarding grants it. */
export const OFFBOARDING_STEP_TITLES: Readonly<Record<StepId, string>> = {
  ...STEP_TITLES,
  grant: 'Remove access',
};

/** The title of a step for a run of either kind. */
export const stepTitle = (step: StepId, offboarding: boolean): string =>
  (offboarding ? OFFBOARDING_STEP_TITLES : STEP_TITLES)[step];

/** Where a step stands. */
export const StepStateSchema = z.enum(['not-started', 'in-progress', 'done', 'needs-attention', 'blocked']);

/** Where a step stands. */
export type StepState = z.infer<typeof StepStateSchema>;
