import type { Page } from '@playwright/test';
import axe from 'axe-core';
import { expect } from './fixtures';

declare global {
  interface Window {
    axe?: typeof axe;
  }
}

/**
 * Waits until no finite animation runs (a dialog or message fading in), so that colour contrast is measured on
 * what the technician reads rather than on a frame half-way through a fade. Spinners and indeterminate progress
 * bars loop forever and are not waited for.
 */
export const settled = async (page: Page): Promise<void> => {
  // A change just made (the colour scheme switched, a dialog opened) starts its transitions only at the next style
  // update: looked at before the second frame, the page still has none running and a half-faded colour is
  // measured (seen as a 1.02 contrast ratio in the dark theme on a busy machine).
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (a) =>
          a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Number.POSITIVE_INFINITY,
      ),
  );
};

/**
 * The axe-core violations on the page as it is now, of any impact (minor and moderate ones too: "axe-clean" means
 * none), one line each.
 *
 * axe-core runs in the page itself (`axe.run`, its documented API), injected once per document through Playwright's
 * evaluate (which the renderer's Content-Security-Policy does not apply to) and kept for the checks that follow: the
 * app is one document without frames, so the frame-by-frame protocol of @axe-core/playwright, which injects axe
 * again and opens a page of its own on every check (about 1.5 s each on 2 cores, against 0.2 s here), buys nothing.
 *
 * Tabster's focus sentinels are left out: Fluent UI's dialogs put `<i data-tabster-dummy tabindex="0" aria-hidden>`
 * around a modal to keep focus inside it; focus that lands on one moves on at once, and hiding them from screen
 * readers is deliberate. axe reports them under aria-hidden-focus, a known false positive that Accessibility
 * Insights suppresses the same way (microsoft/tabster#288, microsoft/accessibility-insights-web#7605).
 */
export const axeViolations = async (page: Page): Promise<string[]> => {
  if (!(await page.evaluate(() => window.axe !== undefined))) await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const run = window.axe;
    if (run === undefined) throw new Error('axe-core was not injected into the page.');
    const results = await run.run({ exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target.join(' '),
        html: n.html,
        summary: n.failureSummary ?? '',
      })),
    }));
  });
  return violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes.map((n) => `${n.target} ${n.html.slice(0, 160)} ${n.summary}`).join(', ')})`,
  );
};

/** Fails on any axe-core violation on the page once its animations have ended. */
export const expectAccessible = async (page: Page): Promise<void> => {
  await settled(page);
  expect(await axeViolations(page)).toEqual([]);
};
