import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ElectronApplication, _electron as electron, expect, type Page, test } from '@playwright/test';
import { PRACTICE_PASSWORD } from '../../src/main/practice-tenant/directory/builtin-scenario';
import { findElectronBinary, smokeTestPlan } from './support/electron-binary';

// The desktop app itself, in practice mode, driven like a technician would. Runs wherever an Electron binary is
// present; elsewhere (CI without the binary, machines without internet access) every test reports itself skipped
// with the reason.
const binary = findElectronBinary();
const plan = smokeTestPlan(binary);
test.skip(plan.kind === 'skip', plan.kind === 'skip' ? plan.reason : '');

let app: ElectronApplication;
let page: Page;
let userData = '';

test.beforeEach(async () => {
  if (binary.kind !== 'found') return;
  userData = mkdtempSync(join(tmpdir(), 'pia-electron-'));
  app = await electron.launch({
    executablePath: binary.executablePath,
    args: [binary.mainEntry, `--user-data-dir=${userData}`],
    env: { ...process.env, PIA_UPDATE_URL: '' },
  });
  page = await app.firstWindow();
});

test.afterEach(async () => {
  await app?.close();
  if (userData !== '') rmSync(userData, { recursive: true, force: true });
});

test('opens the checklist from the app protocol, isolated from Node', async () => {
  await expect(page).toHaveURL('app://pia/index.html');
  await expect(page.getByRole('navigation', { name: 'Onboarding steps' })).toBeVisible();
  await expect(page.getByText('Practice mode')).toBeVisible();
  // The page sees the bridge and nothing of Node or Electron.
  const globals = await page.evaluate(() => ({
    bridge: typeof (window as unknown as { pia?: unknown }).pia,
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
  }));
  expect(globals).toEqual({ bridge: 'object', require: 'undefined', process: 'undefined' });
});

test('onboards the practice tenant end to end: sign-in window, grant, verify, report', async () => {
  test.setTimeout(180_000);
  const client = page.getByRole('textbox', { name: /Client domain or tenant ID/ });
  await expect(page.getByText('Practice mode', { exact: true })).toBeVisible();
  await client.fill('contoso.com');
  await page.getByRole('textbox', { name: /Your name/ }).fill('Alex Wilber');
  await page.getByRole('button', { name: 'Start onboarding', exact: true }).click();
  await expect(page.getByText('Every check passed.')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Continue to sign in', exact: true }).click();

  // Microsoft's pages (the practice tenant's) open in the run's own sign-in window.
  const signInWindow = app.waitForEvent('window');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  const signIn = await signInWindow;
  await signIn.getByRole('textbox', { name: 'Email' }).fill('admin@contoso.com');
  await signIn.getByRole('button', { name: 'Next' }).click();
  await signIn.getByLabel('Password').fill(PRACTICE_PASSWORD);
  await signIn.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByText('Administrator role: confirmed')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Continue to review plan', exact: true }).click();
  await page.getByRole('button', { name: 'Grant consent…', exact: true }).click();
  await page
    .getByRole('alertdialog', { name: /Grant consent in Contoso/ })
    .getByRole('button', { name: 'Grant consent', exact: true })
    .click();
  await expect(page.getByText('Every permission that can be granted is granted')).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.locator('[data-step="verify"]')).toHaveAttribute('data-state', 'done');
});

test('refuses to navigate away or open windows', async () => {
  // Listen in the main process for the attempt, so the URL is checked after the app has refused it rather than
  // before the navigation has even started.
  const attempted = app.evaluate(
    ({ BrowserWindow }) =>
      new Promise<string>((resolve) => {
        BrowserWindow.getAllWindows()[0]?.webContents.once('will-navigate', (_event, url) => resolve(url));
      }),
  );
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  expect(await attempted).toBe('https://example.com/');
  const opened = await page.evaluate(() => window.open('https://example.com/') !== null);
  expect(opened).toBe(false);
  await expect(page).toHaveURL('app://pia/index.html');
  expect(app.windows()).toHaveLength(1);
});

test('sends the strict Content-Security-Policy with the page', async () => {
  const csp = await page.evaluate(async () =>
    (await fetch('app://pia/index.html')).headers.get('content-security-policy'),
  );
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
});

test('denies every permission a page asks for', async () => {
  const state = await page.evaluate(
    async () => (await navigator.permissions.query({ name: 'geolocation' })).state,
  );
  expect(state).not.toBe('granted');
});
