import type { Page } from '@playwright/test';
import { expect, type SignInPages } from './fixtures';
import { expectStep, fillClient, pressButton, signInAs } from './technician';

/** The places of an onboarding by direct grant that a test can be taken to, in the order a technician meets them. */
export const STAGES = [
  'client',
  'preflight',
  'sign-in',
  'sign-in-waiting',
  'identity',
  'plan',
  'plan-confirm',
  'verify',
  'report',
  'finished',
] as const;

/** One place of the checklist. */
export type Stage = (typeof STAGES)[number];

/**
 * How to go from each place to the next, with only the waits a technician would make: the step's heading, then
 * the one thing the step waits for. The Client step is filled in but not submitted. Texts are looked for in the
 * page's main landmark: where a browser has no `document.ariaNotify`, Fluent's announcer repeats them for a moment
 * in a live region of its own, outside it.
 */
const NEXT: Record<Stage, (app: Page, signInPages: SignInPages) => Promise<void>> = {
  client: async (app) => {
    await pressButton(app, 'Start onboarding');
    await expectStep(app, 2, 'Preflight');
    await expect(app.getByRole('main').getByText('Every check passed.')).toBeVisible();
  },
  preflight: async (app) => {
    await pressButton(app, 'Continue to sign in');
    await expectStep(app, 3, 'Sign in');
  },
  'sign-in': async (app) => {
    await pressButton(app, 'Sign in');
    await expect(app.getByRole('main').getByText('Waiting for the administrator to sign in…')).toBeVisible();
  },
  'sign-in-waiting': async (app, signInPages) => {
    await signInAs(await signInPages.next(), 'admin@contoso.com');
    await expectStep(app, 4, 'Confirm identity');
    await expect(app.getByRole('main').getByText('Administrator role: confirmed')).toBeVisible();
  },
  identity: async (app) => {
    await pressButton(app, 'Continue to review plan');
    await expectStep(app, 5, 'Review plan');
    await expect(app.getByRole('main').getByText('What granting changes in Contoso')).toBeVisible();
  },
  plan: async (app) => {
    await pressButton(app, 'Grant consent…');
    await expect(app.getByRole('alertdialog', { name: 'Grant consent in Contoso?' })).toBeVisible();
  },
  'plan-confirm': async (app) => {
    await pressButton(app, 'Grant consent');
    await expectStep(app, 7, 'Verify');
    // Verification reads the tenant again until Microsoft's replicas agree: the one long wait of the walk.
    await expect(
      app.getByRole('main').getByText('Every permission that can be granted is granted'),
    ).toBeVisible({
      timeout: 30_000,
    });
  },
  verify: async (app) => {
    await app
      .getByRole('navigation', { name: 'Onboarding steps' })
      .getByRole('button', { name: /8\. Report/ })
      .click();
    await expectStep(app, 8, 'Report');
  },
  report: async (app) => {
    await pressButton(app, 'Finish and sign out');
    await expect(app.getByRole('main').getByText(/^Run finished: /)).toBeVisible();
  },
  finished: async () => {
    throw new Error('A finished run is the end of the walk.');
  },
};

/**
 * The practice onboarding of Contoso (direct grant, admin@contoso.com) by keyboard, taken one place at a time: a
 * test that looks at several steps (their screenshots, their accessibility) walks on from where it stopped instead
 * of starting again. A test may look around between two places (open another step from the navigation) as long as
 * the checklist is back where the walk left it, or on a step the next place is reached from as well.
 */
export interface Walk {
  /** Walks on to `target`, which must not be behind the place reached. */
  to(target: Stage): Promise<void>;
}

/** Starts the walk: the Client step is filled in. */
export const startWalk = async (app: Page, signInPages: SignInPages): Promise<Walk> => {
  await expect(app.getByRole('heading', { level: 2, name: /^1\. Client/ })).toBeVisible();
  await fillClient(app, { client: 'contoso.com', technician: 'Alex Wilber', ticket: 'T-4711' });
  let at = 0;
  return {
    async to(target) {
      const index = STAGES.indexOf(target);
      if (index < at) throw new Error(`The walk is at ${STAGES[at]}, past ${target}.`);
      for (; at < index; at += 1) {
        const stage = STAGES[at];
        if (stage === undefined) throw new Error(`No place ${at} in the walk.`);
        await NEXT[stage](app, signInPages);
      }
    },
  };
};

/** Walks the practice onboarding of Contoso until `target` is on screen. */
export const reachStep = async (app: Page, signInPages: SignInPages, target: Stage): Promise<void> => {
  await (await startWalk(app, signInPages)).to(target);
};
