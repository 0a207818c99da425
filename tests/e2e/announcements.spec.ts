import type { Page } from '@playwright/test';
import type { PracticeTenant } from '../../src/main/practice-tenant/server';
import { expect, test } from './support/fixtures';
import { reachStep } from './support/reach-step';
import { dropNextBatch, expectStep, pressButton, startRun } from './support/technician';

// What a screen reader hears: the app announces through Fluent UI's AriaLiveAnnouncer, which speaks through
// `document.ariaNotify` where the browser has it (Chromium does, and Electron's), and through a live region of its
// own only where it does not. The recorder notes every message handed to `ariaNotify`.
const recordAnnouncements = async (app: Page): Promise<void> => {
  const recording = await app.evaluate(() => {
    const notify = (document as { ariaNotify?: (message: string, options?: unknown) => void }).ariaNotify;
    if (typeof notify !== 'function') return false;
    const heard: string[] = [];
    (globalThis as { __announced?: string[] }).__announced = heard;
    (document as { ariaNotify?: unknown }).ariaNotify = function recorded(
      message: string,
      options?: unknown,
    ) {
      heard.push(message);
      return notify.call(this, message, options);
    };
    return true;
  });
  expect(recording, 'this Chromium has no document.ariaNotify to listen to').toBe(true);
};

/**
 * From Review plan, a grant whose first `$batch` loses its connection (no write answered): answers the title of the
 * guidance the Grant step then shows.
 */
const failGrant = async (app: Page, practice: PracticeTenant): Promise<string> => {
  dropNextBatch(practice);
  await pressButton(app, 'Grant consent…');
  await pressButton(app, 'Grant consent');
  const guidance = app.locator('[data-guidance]');
  await expect(guidance).toBeVisible({ timeout: 45_000 });
  const title = (await guidance.locator('.fui-MessageBarTitle').textContent()) ?? '';
  expect(title).not.toBe('');
  return title;
};

const announcements = (app: Page): Promise<string[]> =>
  app.evaluate(() => [...((globalThis as { __announced?: string[] }).__announced ?? [])]);

test.describe('what a screen reader hears', () => {
  test('a failed sign-in is announced once', async ({ app, signInPages }) => {
    await recordAnnouncements(app);
    await startRun(app, { client: 'contoso.com' });
    await expectStep(app, 2, 'Preflight');
    await expect(app.getByText('Every check passed.')).toBeVisible();
    await pressButton(app, 'Continue to sign in');
    await pressButton(app, 'Sign in');
    // The administrator closes Microsoft's window without signing in.
    await (await signInPages.next()).close();

    await expect(app.getByText('The sign-in window was closed', { exact: true })).toBeVisible();
    await expect
      .poll(async () => (await announcements(app)).filter((m) => m.includes('The sign-in window was closed')))
      .toHaveLength(1);
    expect(await announcements(app)).toContain('Every check passed.');
    // The step's own text is not repeated by a live region around it.
    await expect(app.locator('main [aria-live]')).toHaveCount(0);
  });

  test('a failed grant is announced, and the grant’s progress is not announced per write', async ({
    app,
    practice,
    signInPages,
  }) => {
    await reachStep(app, signInPages, 'plan');
    await recordAnnouncements(app);
    const title = await failGrant(app, practice);
    await expect
      .poll(async () => (await announcements(app)).filter((m) => m.includes(title)))
      .toHaveLength(1);
  });

  test('a grant of 22 writes is heard every few seconds, not per write', async ({
    app,
    practice,
    signInPages,
  }) => {
    await reachStep(app, signInPages, 'plan');
    await recordAnnouncements(app);
    await pressButton(app, 'Grant consent…');
    // Slow answers keep the grant going for seconds, as a real tenant does: long enough for progress to be heard.
    practice.knobs.setLatency(400);
    const started = Date.now();
    await pressButton(app, 'Grant consent');
    await expectStep(app, 7, 'Verify');
    const elapsed = Date.now() - started;
    practice.knobs.setLatency(0);

    const heard = await announcements(app);
    const counted = heard.filter((m) => / \d+ of \d+\.$/.test(m));
    expect(counted.length, heard.join('\n')).toBeGreaterThan(0);
    // Each kind of work once at its start, then at most once per five seconds it lasted.
    const kinds = new Set(counted.map((m) => m.replace(/ \d+ of \d+\.$/, ''))).size;
    expect(counted.length, heard.join('\n')).toBeLessThanOrEqual(kinds * (1 + Math.floor(elapsed / 5_000)));
    expect(counted.length).toBeLessThan(22);
  });
});

// Where the browser has no `document.ariaNotify`, Fluent UI's announcer writes each message into a live region of
// its own, for half a second. This records what that region says, from a page loaded without `ariaNotify`.
const withoutAriaNotify = async (app: Page): Promise<void> => {
  await app.addInitScript(() => {
    delete (Document.prototype as { ariaNotify?: unknown }).ariaNotify;
    const said: string[] = [];
    (globalThis as { __liveRegion?: string[] }).__liveRegion = said;
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          const region = (node.parentElement ?? null)?.closest('[aria-live]');
          if (region !== null && region !== undefined && node.textContent) said.push(node.textContent);
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await app.reload();
  await expect(app.getByRole('button', { name: 'Start onboarding' })).toBeEnabled();
  expect(await app.evaluate(() => typeof (document as { ariaNotify?: unknown }).ariaNotify)).toBe(
    'undefined',
  );
};

const liveRegionSaid = (app: Page): Promise<string[]> =>
  app.evaluate(() => [...((globalThis as { __liveRegion?: string[] }).__liveRegion ?? [])]);

test('without ariaNotify, the live region says a failed sign-in once', async ({ app, signInPages }) => {
  await withoutAriaNotify(app);
  await startRun(app, { client: 'contoso.com' });
  await expectStep(app, 2, 'Preflight');
  await expect(app.getByText('Every check passed.', { exact: true })).toBeVisible();
  await pressButton(app, 'Continue to sign in');
  await pressButton(app, 'Sign in');
  await (await signInPages.next()).close();

  await expect(app.getByText('The sign-in window was closed', { exact: true })).toBeVisible();
  await expect
    .poll(async () => (await liveRegionSaid(app)).filter((m) => m.includes('The sign-in window was closed')))
    .toHaveLength(1);
  expect((await liveRegionSaid(app)).some((m) => m.includes('Every check passed.'))).toBe(true);
  // The step's text is said by the announcer's region alone, not also by a live region around the step.
  await expect(app.locator('main [aria-live]')).toHaveCount(0);
});

test('without ariaNotify, the live region says a failed grant once', async ({
  app,
  practice,
  signInPages,
}) => {
  await withoutAriaNotify(app);
  await reachStep(app, signInPages, 'plan');
  const title = await failGrant(app, practice);
  await expect.poll(async () => (await liveRegionSaid(app)).filter((m) => m.includes(title))).toHaveLength(1);
});
