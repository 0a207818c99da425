import { chromium, type Page } from '@playwright/test';
import { startPracticeTenant } from '../../src/main/practice-tenant/server';
import { chromiumLaunchOptions } from '../../src/main/preview/chromium-launch';
import { createProfileStore } from '../../src/main/storage/profile-store';
import type { PermissionProfile } from '../../src/shared/profile/permission-profile';
import { startBenchApp } from './bench-app';
import { enterCredentials } from './practice-stage';

/** What the technician waits through on the Grant step, measured through the whole app. */
export interface UiPathFigures {
  /**
   * Milliseconds from pressing "Grant consent" in the confirmation (the click event) to the first frame in which the
   * Verify step's verdict says every permission is granted, both read by the page's own clock.
   */
  readonly grantToVerifiedMs: number;
  /** `onboarding.changed` events the renderer received during that span. */
  readonly changedEvents: number;
  /** `onboarding.progress` events the renderer received during that span. */
  readonly progressEvents: number;
}

// A step can take long on a loaded machine; the bench measures it, it does not judge it.
const STEP_WAIT = { timeout: 180_000 } as const;

// Runs in the page before "Grant consent" is pressed: notes the press (the click event, captured), and the first
// animation frame after the Verify step's verdict says every permission is granted. `finished` settles then, so the
// bench waits without polling the page (polling at every frame would load the renderer it measures).
const VERDICT_PROBE = `(() => {
  const span = {};
  span.finished = new Promise((resolve) => { span.done = resolve; });
  globalThis.__piaSpan = span;
  document.addEventListener('click', () => { span.clickedAt ??= performance.now(); }, { capture: true, once: true });
  new MutationObserver((_, observer) => {
    const verdict = [...document.querySelectorAll('.fui-MessageBarTitle')].some(
      (title) => title.textContent === 'Every permission is granted',
    );
    if (!verdict) return;
    observer.disconnect();
    requestAnimationFrame(() => { span.verifiedAt = performance.now(); span.done(); });
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
})()`;

const press = async (app: Page, name: string): Promise<void> => {
  await app.getByRole('button', { name, exact: true }).click(STEP_WAIT);
};

/**
 * Onboards Contoso (a fresh practice tenant, the same latency as the engine's cases) with `profile` by direct grant
 * the way a technician does: the renderer (out/renderer) in Chromium, the preview host's WebSocket bridge, and the
 * app's core under Node with the practice tenant in the same process, as the engine's own case has it. The span
 * starts when "Grant consent" is pressed in the confirmation and ends with the frame in which the Verify step's verdict
 * says every permission is granted: the writes, the journal, every event through the bridge and every render on the
 * way.
 */
export const measureUiPath = async (
  rendererDir: string,
  profile: PermissionProfile,
  options: { readonly latencyMs: number },
): Promise<UiPathFigures> => {
  const counts = { changed: 0, progress: 0 };
  const bench = await startBenchApp({
    rendererDir,
    prepare: async (dataDir) => {
      await createProfileStore({ dataDir }).save(profile);
    },
    startPractice: () => startPracticeTenant({ latencyMs: options.latencyMs }),
    limits: { replicationDeadlineMs: 30_000, firstPollIntervalMs: 250, maxPollIntervalMs: 1_000 },
    onSignInPage: (page) => {
      void enterCredentials(page, 'admin@contoso.com').catch(() => undefined);
    },
  });
  bench.bridge.subscribe((event) => {
    if (event === 'onboarding.changed') counts.changed += 1;
    if (event === 'onboarding.progress') counts.progress += 1;
  });
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const app = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await app.goto(bench.host.url);
    await app.getByRole('textbox', { name: /Client domain or tenant ID/ }).fill('contoso.com', STEP_WAIT);
    await app.getByRole('textbox', { name: /Your name/ }).fill('Bench Technician');
    // Saved profiles are listed by their target app's ID.
    await app.getByRole('combobox', { name: 'Permission profile' }).selectOption(profile.targetApp.appId);
    await press(app, 'Start onboarding');
    await app.getByText('Every check passed.').waitFor(STEP_WAIT);
    await press(app, 'Continue to sign in');
    await press(app, 'Sign in');
    await app.getByText('Administrator role: confirmed').waitFor(STEP_WAIT);
    await press(app, 'Continue to review plan');
    await app.getByText('What granting changes in Contoso').waitFor(STEP_WAIT);
    await press(app, 'Grant consent…');
    const confirm = app.getByRole('button', { name: 'Grant consent', exact: true });
    await confirm.waitFor(STEP_WAIT);
    counts.changed = 0;
    counts.progress = 0;
    // Both ends are read by the page's own clock, so Playwright's polling adds nothing to the span.
    await app.evaluate(VERDICT_PROBE);
    await confirm.click();
    const spanMs = await app.evaluate(async (timeoutMs) => {
      type Probe = { clickedAt?: number; verifiedAt?: number; finished: Promise<void> };
      const probe = (globalThis as { __piaSpan?: Probe }).__piaSpan;
      await Promise.race([
        probe?.finished,
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('The verdict did not show in time.')), timeoutMs),
        ),
      ]);
      return probe?.clickedAt !== undefined && probe.verifiedAt !== undefined
        ? probe.verifiedAt - probe.clickedAt
        : null;
    }, STEP_WAIT.timeout);
    if (spanMs === null) throw new Error('The page did not note both ends of the span.');
    return {
      grantToVerifiedMs: spanMs,
      changedEvents: counts.changed,
      progressEvents: counts.progress,
    };
  } finally {
    await browser.close();
    await bench.close();
  }
};
