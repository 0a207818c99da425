import type { Page } from '@playwright/test';
import {
  PRACTICE_PASSWORD,
  SIGN_IN_APP_ID,
  TARGET_APP_ID,
} from '../../../src/main/practice-tenant/directory/builtin-scenario';
import type { PracticeTenant } from '../../../src/main/practice-tenant/server';
import { expectAccessible } from './accessibility';
import { expect, saveScreenshot } from './fixtures';

/** What the technician enters on the Client step. */
export interface ClientEntry {
  readonly client: string;
  readonly technician?: string;
  readonly ticket?: string;
  readonly strategy?: 'direct-grant' | 'admin-consent-page';
  /** A saved profile to choose instead of the built-in one, by its ID (its target app's application ID). */
  readonly profileId?: string;
}

/** The step on screen has this number and title, and its heading has the focus (it moved there). */
export const expectStep = async (app: Page, number: number, title: string): Promise<void> => {
  const heading = app.getByRole('heading', { level: 2, name: new RegExp(`^${number}\\. ${title}`) });
  // A step arrives after the engine's work (a sign-in, the writes, Graph's answers): on a busy machine that can
  // take far longer than Playwright's default wait.
  await expect(heading).toBeVisible({ timeout: 45_000 });
  await expect(heading).toBeFocused();
};

/**
 * Checks the page with axe-core and saves its screenshot; with `dark`, also in the dark theme the operating
 * system can ask for (checked with axe too).
 */
export const recordStep = async (
  app: Page,
  name: string,
  options: { readonly dark?: boolean } = {},
): Promise<void> => {
  await expectAccessible(app);
  await saveScreenshot(app, name);
  if (options.dark === true) {
    await app.emulateMedia({ colorScheme: 'dark' });
    await expectAccessible(app);
    await saveScreenshot(app, `${name}-dark`);
    await app.emulateMedia({ colorScheme: 'light' });
  }
};

/** Presses Tab until the named button has the focus (at most `limit` times), then Enter: keyboard only. */
export const pressButton = async (app: Page, name: string | RegExp, limit = 12): Promise<void> => {
  const button = app.getByRole('button', { name, exact: typeof name === 'string' });
  await expect(button).toBeVisible();
  for (let i = 0; i < limit; i += 1) {
    if (await button.evaluate((el) => el === document.activeElement).catch(() => false)) break;
    await app.keyboard.press('Tab');
  }
  await expect(button).toBeFocused();
  await app.keyboard.press('Enter');
};

/** Fills the Client step with the keyboard. */
export const fillClient = async (app: Page, entry: ClientEntry): Promise<void> => {
  await app.getByRole('textbox', { name: /Client domain or tenant ID/ }).focus();
  await app.keyboard.type(entry.client);
  await app.keyboard.press('Tab');
  await expect(app.getByRole('textbox', { name: /Your name/ })).toBeFocused();
  await app.keyboard.press('ControlOrMeta+A');
  await app.keyboard.type(entry.technician ?? 'Alex Wilber');
  await app.keyboard.press('Tab');
  if (entry.ticket !== undefined) await app.keyboard.type(entry.ticket);
  const profile = app.getByRole('combobox', { name: 'Permission profile' });
  await expect(profile).toHaveValue('built-in');
  if (entry.profileId !== undefined) await profile.selectOption(entry.profileId);
  if (entry.strategy === 'admin-consent-page') {
    await app.getByRole('radio', { name: 'Direct grant through Microsoft Graph' }).focus();
    await app.keyboard.press('ArrowDown');
    await expect(app.getByRole('radio', { name: 'Microsoft’s admin-consent page' })).toBeChecked();
  }
};

/** Fills the Client step with the keyboard and starts the run. */
export const startRun = async (app: Page, entry: ClientEntry): Promise<void> => {
  await fillClient(app, entry);
  await pressButton(app, 'Start onboarding');
};

/** Fills the practice tenant's Email and Password pages, as the administrator would at Microsoft. */
export const signInAs = async (page: Page, upn: string): Promise<void> => {
  await page.getByRole('textbox', { name: 'Email' }).fill(upn);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Password').fill(PRACTICE_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
};

/**
 * Accepts Microsoft's consent page for the tool's sign-in app on behalf of the organization, as an administrator
 * does at the first sign-in in a tenant, or at the next one after a Finish removed the tool's own grant.
 */
export const consentForOrganization = async (page: Page): Promise<void> => {
  await expect(page.getByRole('heading', { name: /Permissions requested/ })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Consent on behalf of your organization' }).check();
  await page.getByRole('button', { name: 'Accept' }).click();
};

/** Starts a run for `client`, passes Preflight and signs `upn` in: the way to Confirm identity. */
export const signedInRun = async (
  app: Page,
  signInPage: () => Promise<Page>,
  entry: ClientEntry,
  upn: string,
): Promise<Page> => {
  await startRun(app, entry);
  await expectStep(app, 2, 'Preflight');
  await expect(app.getByRole('main').getByText('Every check passed.')).toBeVisible();
  await pressButton(app, 'Continue to sign in');
  await expectStep(app, 3, 'Sign in');
  await pressButton(app, 'Sign in');
  const page = await signInPage();
  await signInAs(page, upn);
  await expectStep(app, 4, 'Confirm identity');
  return page;
};

/** The connection drops on the practice tenant's next Graph `$batch`, before Graph handles it: no write is answered. */
export const dropNextBatch = (practice: PracticeTenant): void => {
  practice.knobs.addFault({
    host: 'graph',
    method: 'POST',
    path: '^/\\$batch$',
    fault: { kind: 'drop' },
    times: 1,
  });
};

/** A tenant of the practice directory as it stands now (service principals, grants, assignments). */
export const tenantState = (practice: PracticeTenant, tenantId: string) =>
  practice.directory.tenant(tenantId);

/** What the target app holds in a tenant: its service principals, tenant-wide grants and app role assignments. */
export const targetHoldings = (practice: PracticeTenant, tenantId: string) => {
  const tenant = practice.directory.tenant(tenantId);
  const target = practice.directory.findServicePrincipalByAppId(tenantId, TARGET_APP_ID);
  return {
    servicePrincipals: tenant.servicePrincipals.filter((sp) => sp.appId === TARGET_APP_ID).length,
    tenantWideGrants: tenant.oauth2PermissionGrants.filter(
      (g) => g.clientId === target?.id && g.consentType === 'AllPrincipals',
    ).length,
    assignments: tenant.appRoleAssignments
      .filter((a) => a.principalId === target?.id)
      .map((a) => a.appRoleId),
  };
};

/** The delegated grants the tool's own sign-in app holds in a tenant (removed at Finish by default). */
export const toolGrants = (practice: PracticeTenant, tenantId: string) => {
  const tool = practice.directory.findServicePrincipalByAppId(tenantId, SIGN_IN_APP_ID);
  return practice.directory
    .tenant(tenantId)
    .oauth2PermissionGrants.filter((g) => tool !== undefined && g.clientId === tool.id.toLowerCase());
};
