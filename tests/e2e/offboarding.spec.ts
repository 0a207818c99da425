import type { Page } from '@playwright/test';
import { seedTargetAccess } from '../../scripts/chaos/target-access';
import { builtinTenantIds, TARGET_APP_ID } from '../../src/main/practice-tenant/directory/builtin-scenario';
import type { PracticeTenant } from '../../src/main/practice-tenant/server';
import { expect, type SignInPages, test } from './support/fixtures';
import { reachStep } from './support/reach-step';
import {
  consentForOrganization,
  expectStep,
  fillClient,
  pressButton,
  recordStep,
  signInAs,
  targetHoldings,
} from './support/technician';

const contoso = builtinTenantIds.contoso;

/** What the practice directory holds that names the target app's enterprise application in Contoso. */
const namesTarget = (practice: PracticeTenant, servicePrincipalId: string): number => {
  const tenant = practice.directory.tenant(contoso);
  const id = servicePrincipalId.toLowerCase();
  return (
    tenant.oauth2PermissionGrants.filter((g) => g.clientId === id).length +
    tenant.appRoleAssignments.filter((a) => a.principalId === id).length
  );
};

/**
 * Starts an offboarding of Contoso from the Client step by keyboard, signs admin@contoso.com in (consenting to the
 * tool again where a Finish removed its grant) and reaches Review plan.
 */
const offboardToPlan = async (
  app: Page,
  signInPages: SignInPages,
  enterpriseApp: 'Disable it: nobody can sign in to it' | 'Delete it (restorable for 30 days)',
  options: { readonly consentAgain: boolean },
): Promise<void> => {
  await fillClient(app, { client: 'contoso.com', technician: 'Alex Wilber', ticket: 'T-5120' });
  await app.getByRole('radio', { name: 'Onboard: grant the app its permissions' }).focus();
  await app.keyboard.press('ArrowDown');
  await expect(
    app.getByRole('radio', { name: 'Offboard: remove the app’s access from the tenant' }),
  ).toBeChecked();
  // Offboarding grants nothing: how consent is granted is not asked.
  await expect(app.getByRole('radio', { name: 'Direct grant through Microsoft Graph' })).toHaveCount(0);
  const choice = app.getByRole('radio', { name: enterpriseApp });
  if (!(await choice.isChecked())) {
    await app.getByRole('radio', { name: 'Disable it: nobody can sign in to it' }).focus();
    await app.keyboard.press('ArrowDown');
  }
  await expect(choice).toBeChecked();
  await pressButton(app, 'Start offboarding');
  await expectStep(app, 2, 'Preflight');
  await expect(app.getByText('Every check passed.')).toBeVisible();
  await pressButton(app, 'Continue to sign in');
  await expectStep(app, 3, 'Sign in');
  await pressButton(app, 'Sign in');
  const page = await signInPages.next();
  await signInAs(page, 'admin@contoso.com');
  if (options.consentAgain) await consentForOrganization(page);
  await expectStep(app, 4, 'Confirm identity');
  await pressButton(app, 'Continue to review plan');
  await expectStep(app, 5, 'Review plan');
  await expect(app.getByText('What removing access changes in Contoso')).toBeVisible();
};

test.describe('offboarding: the app’s access taken away again, and proven gone', () => {
  test('a tenant onboarded with the built-in profile is offboarded with its enterprise application deleted', async ({
    app,
    practice,
    signInPages,
  }) => {
    test.setTimeout(120_000); // two runs: the onboarding, then the offboarding
    await reachStep(app, signInPages, 'finished');
    const target = practice.directory.findServicePrincipalByAppId(contoso, TARGET_APP_ID);
    expect(target).toBeDefined();
    const targetId = target?.id ?? '';
    expect(namesTarget(practice, targetId)).toBe(22);
    await pressButton(app, 'Start a new run');
    await expectStep(app, 1, 'Client');

    await offboardToPlan(app, signInPages, 'Delete it (restorable for 30 days)', { consentAgain: true });
    await expect(
      app.getByText(
        '1 delegated grant to remove, 21 application permissions to remove, the enterprise application of Pia to delete. Nothing has been removed yet.',
      ),
    ).toBeVisible();
    const removals = app.getByRole('table', { name: 'Permissions to remove' }).locator('[data-removal]');
    await expect(removals).toHaveCount(22);
    await expect(
      app.getByRole('navigation', { name: 'Offboarding steps' }).getByText('6. Remove access'),
    ).toBeVisible();
    await recordStep(app, 'offboarding-5-plan', { dark: true });
    // Nothing is removed before the confirmation.
    expect(namesTarget(practice, targetId)).toBe(22);

    await pressButton(app, 'Remove access…');
    const dialog = app.getByRole('alertdialog', { name: 'Remove access in Contoso?' });
    await expect(dialog).toBeVisible();
    await pressButton(app, 'Remove access');
    await expectStep(app, 7, 'Verify');
    await expect(app.getByText('Nothing of Pia’s access is left')).toBeVisible({ timeout: 30_000 });
    const rows = app.getByRole('table', { name: 'What the app holds now' }).locator('[data-status]');
    await expect(rows).toHaveCount(40);
    await expect(app.locator('[data-status="removed"]')).toHaveCount(39);
    await expect(app.locator('[data-status="still-present"]')).toHaveCount(0);
    // Device.ReadWrite.All is listed as delegated, which Microsoft Graph does not offer: never held.
    await expect(
      app.locator('[data-status="not-present"][data-permission="Device.ReadWrite.All"]'),
    ).toHaveCount(1);
    await recordStep(app, 'offboarding-7-verify', { dark: true });

    // The practice tenant's directory holds nothing of the target app.
    expect(practice.directory.findServicePrincipalByAppId(contoso, TARGET_APP_ID)).toBeUndefined();
    expect(namesTarget(practice, targetId)).toBe(0);
    expect(targetHoldings(practice, contoso)).toEqual({
      servicePrincipals: 0,
      tenantWideGrants: 0,
      assignments: [],
    });

    await pressButton(app, 'Continue to report');
    await expectStep(app, 8, 'Report');
    await pressButton(app, 'Finish and sign out');
    await expect(app.getByText('Run finished: Complete')).toBeVisible();
  });

  test('disabling leaves the enterprise application disabled and nothing else', async ({
    app,
    practice,
    signInPages,
  }) => {
    seedTargetAccess(practice.directory, contoso);
    const target = practice.directory.findServicePrincipalByAppId(contoso, TARGET_APP_ID);
    const targetId = target?.id ?? '';
    expect(namesTarget(practice, targetId)).toBe(22);

    await offboardToPlan(app, signInPages, 'Disable it: nobody can sign in to it', { consentAgain: false });
    await expect(
      app.getByText(
        '1 delegated grant to remove, 21 application permissions to remove, the enterprise application of Pia to disable. Nothing has been removed yet.',
      ),
    ).toBeVisible();
    await pressButton(app, 'Remove access…');
    await pressButton(app, 'Remove access');
    await expectStep(app, 7, 'Verify');
    await expect(app.getByText('Nothing of Pia’s access is left')).toBeVisible({ timeout: 30_000 });
    await expect(app.getByText(/Enterprise application: disabled\./)).toBeVisible();

    const after = practice.directory.findServicePrincipalByAppId(contoso, TARGET_APP_ID);
    expect(after).toMatchObject({ id: targetId, accountEnabled: false });
    expect(namesTarget(practice, targetId)).toBe(0);

    // The run history says what the offboarding left: the same read-back, row by row.
    await app.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Run history' }).click();
    const row = app.locator('[data-run]');
    await expect(row).toContainText('39 removed, 0 left');
    await expect(row).toContainText('Offboarding: disable the enterprise application');
    await app.getByRole('button', { name: 'Open the run for Contoso' }).click();
    await expect(app.getByText('Disable it: nobody can sign in to it')).toBeVisible();
    const held = app.getByRole('table', { name: 'What the app holds now' });
    await expect(held.locator('[data-status="removed"]')).toHaveCount(39);
    await expect(held.locator('[data-status="still-present"]')).toHaveCount(0);
  });
});
