import type { Page } from '@playwright/test';
import { expect, type SignInPages } from './fixtures';
import { expectStep, fillClient, pressButton, signInAs } from './technician';

/** The places of an onboarding by direct grant that a test can be taken to, in the order a technician meets them. */
export const STAGES = [
  'client',
  'preflight',
  'sign-in',
  'identity',
  'plan',
  'verify',
  'report',
  'finished',
] as const;

/** One place of the checklist. */
export type Stage = (typeof STAGES)[number];

const passed = (stage: Stage, target: Stage): boolean => STAGES.indexOf(target) > STAGES.indexOf(stage);

/**
 * Walks the practice onboarding of Contoso (direct grant, admin@contoso.com) by keyboard until `target` is on
 * screen, with only the waits a technician would make: the step's heading, then the one thing the step waits for.
 * Tests that look at one step (its screenshots, its accessibility) start from here instead of repeating the walk.
 */
export const reachStep = async (app: Page, signInPages: SignInPages, target: Stage): Promise<void> => {
  await expect(app.getByRole('heading', { level: 2, name: /^1\. Client/ })).toBeVisible();
  await fillClient(app, { client: 'contoso.com', technician: 'Alex Wilber', ticket: 'T-4711' });
  if (!passed('client', target)) return;

  await pressButton(app, 'Start onboarding');
  await expectStep(app, 2, 'Preflight');
  await expect(app.getByText('Every check passed.')).toBeVisible();
  if (!passed('preflight', target)) return;

  await pressButton(app, 'Continue to sign in');
  await expectStep(app, 3, 'Sign in');
  if (!passed('sign-in', target)) return;

  await pressButton(app, 'Sign in');
  await signInAs(await signInPages.next(), 'admin@contoso.com');
  await expectStep(app, 4, 'Confirm identity');
  await expect(app.getByText('Administrator role: confirmed')).toBeVisible();
  if (!passed('identity', target)) return;

  await pressButton(app, 'Continue to review plan');
  await expectStep(app, 5, 'Review plan');
  await expect(app.getByText('What granting changes in Contoso')).toBeVisible();
  if (!passed('plan', target)) return;

  await pressButton(app, 'Grant consent…');
  await pressButton(app, 'Grant consent');
  await expectStep(app, 7, 'Verify');
  // Verification reads the tenant again until Microsoft's replicas agree: the one long wait of the walk.
  await expect(app.getByText('Every permission that can be granted is granted')).toBeVisible({
    timeout: 30_000,
  });
  if (!passed('verify', target)) return;

  await app
    .getByRole('navigation', { name: 'Onboarding steps' })
    .getByRole('button', { name: /8\. Report/ })
    .click();
  await expectStep(app, 8, 'Report');
  if (!passed('report', target)) return;

  await pressButton(app, 'Finish and sign out');
  await expect(app.getByText(/^Run finished: /)).toBeVisible();
};
