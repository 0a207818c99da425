import type { Page } from '@playwright/test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type PracticeTenant, startPracticeTenant } from '../../../src/main/practice-tenant/server';
import { createPlaywrightSignInBrowsers } from '../../../src/main/preview/playwright-sign-in-browser';
import type { SignInBrowser, SignInBrowserEvent } from '../../../src/main/sign-in/browser-opener';
import { signInChromium } from '../support/sign-in-chromium';

// The preview's sign-in page follows the desktop sign-in window's navigation rules
// (src/main/sign-in/sign-in-navigation.ts): real administrators sign in there too.
describe("the preview's sign-in page", () => {
  let practice: PracticeTenant;
  let browser: SignInBrowser;
  let page: Page;
  const events: SignInBrowserEvent[] = [];
  const warnings: unknown[] = [];

  beforeEach(async () => {
    const chromium = await signInChromium();
    practice = await startPracticeTenant({ tls: chromium.tls });
    let opened: (page: Page) => void = () => undefined;
    const pageOpened = new Promise<Page>((resolve) => {
      opened = resolve;
    });
    browser = createPlaywrightSignInBrowsers({
      newContext: () => chromium.browser.newContext(),
      onPage: (_runId, created) => opened(created),
      log: { warn: (message, detail) => warnings.push({ message, detail }) },
    }).forRun('run-1');
    browser.onEvent((event) => events.push(event));
    await browser.openBrowser(`${practice.authority}/common/discovery/instance?api-version=1.1`, {
      redirectUri: 'http://localhost:53123/',
    });
    page = await pageOpened;
    await page.waitForURL(/discovery\/instance/);
  });

  afterEach(async () => {
    await browser?.close();
    await practice?.close();
    events.length = 0;
    warnings.length = 0;
  });

  it.each([
    'http://evil.example/collect',
    'http://localhost:9/not-the-redirect',
    'https://admin:hunter2@login.microsoftonline.com/',
  ])('refuses a navigation to %s, reports it and stays where it was', async (target) => {
    const before = page.url();
    await page.evaluate((url) => {
      window.location.href = url;
    }, target);
    await expect.poll(() => events.some((e) => e.kind === 'navigation-blocked')).toBe(true);
    expect(events).toContainEqual({ kind: 'navigation-blocked', url: new URL(target).href });
    expect(warnings).toEqual([
      { message: 'The sign-in page refused a navigation', detail: { url: new URL(target).href } },
    ]);
    expect(page.url()).toBe(before);
  });

  it('lets https pages and the loopback redirect through', async () => {
    await page.goto(`${practice.authority}/common/v2.0/.well-known/openid-configuration`);
    expect(page.url()).toContain('openid-configuration');
    expect(events.filter((e) => e.kind === 'navigation-blocked')).toEqual([]);
  });
});
