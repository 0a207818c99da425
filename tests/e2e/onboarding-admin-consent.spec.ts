import type { Page } from '@playwright/test';
import { builtinTenantIds, TARGET_APP_ID } from '../../src/main/practice-tenant/directory/builtin-scenario';
import { expect, test } from './support/fixtures';
import { expectStep, pressButton, recordStep, signedInRun, tenantState } from './support/technician';

/** From Confirm identity to Microsoft's admin-consent page, open in the run's sign-in window. */
const openConsentPage = async (app: Page, signInPage: Page): Promise<void> => {
  await pressButton(app, 'Continue to review plan');
  await expectStep(app, 5, 'Review plan');
  await expect(app.getByText('What granting changes in Contoso')).toBeVisible();
  await pressButton(app, 'Grant consent…');
  await expect(app.getByRole('alertdialog', { name: 'Grant consent in Contoso?' })).toContainText(
    'Microsoft’s admin-consent page opens in the sign-in window.',
  );
  await pressButton(app, 'Open the consent page');
  await expectStep(app, 6, 'Grant consent');
  await expect(
    app.getByText('Waiting for the administrator to accept on Microsoft’s consent page…'),
  ).toBeVisible();
  await expect(app.getByRole('button', { name: 'Cancel', exact: true })).toBeVisible();
  // Microsoft's page, in the window the administrator signed in with (single sign-on, no second sign-in).
  await expect(signInPage.getByRole('heading', { name: /Permissions requested/ })).toBeVisible();
  await expect(signInPage.getByRole('list', { name: 'This application would like to:' })).toContainText(
    'Directory.ReadWrite.All',
  );
};

test.describe('the whole procedure on Microsoft’s admin-consent page', () => {
  test('the administrator accepts on the consent page, and the run verifies and finishes', async ({
    app,
    core,
    practice,
    signInPages,
  }) => {
    // The whole procedure from the Client step to Finish, in the default budget of one run.
    const signInPage = await signedInRun(
      app,
      () => signInPages.next(),
      { client: 'contoso.com', strategy: 'admin-consent-page', ticket: 'T-5150' },
      'admin@contoso.com',
    );
    await expect(app.getByText('Administrator role: confirmed')).toBeVisible();
    await openConsentPage(app, signInPage);
    await recordStep(app, 'step-6-grant-consent-page', { dark: true });
    expect(
      tenantState(practice, builtinTenantIds.contoso).servicePrincipals.filter(
        (sp) => sp.appId === TARGET_APP_ID,
      ),
    ).toEqual([]);

    const onBehalf = signInPage.getByRole('checkbox', { name: 'Consent on behalf of your organization' });
    if ((await onBehalf.count()) > 0) await onBehalf.check();
    await signInPage.getByRole('button', { name: 'Accept' }).click();

    await expectStep(app, 7, 'Verify');
    await expect(app.getByText('Every permission that can be granted is granted')).toBeVisible({
      timeout: 30_000,
    });
    const counts = app.getByRole('list', { name: 'Permissions by status' });
    await expect(counts.locator('[data-status="granted"]')).toHaveAttribute('data-count', '39');
    const nav = app.getByRole('navigation', { name: 'Onboarding steps' });
    await nav.getByRole('button', { name: /6\. Grant consent/ }).click();
    await expectStep(app, 6, 'Grant consent');
    await expect(app.getByText(/The administrator accepted on Microsoft’s page at /)).toBeVisible();
    // Microsoft's page wrote the grants itself: the tool made no write of its own.
    await expect(app.getByRole('table', { name: 'Writes to the tenant' })).toHaveCount(0);

    await nav.getByRole('button', { name: /8\. Report/ }).click();
    await expectStep(app, 8, 'Report');
    await pressButton(app, 'Finish and sign out');
    await expect(app.getByText(/^Run finished: /)).toBeVisible();
    const [run] = await core.runs.list();
    expect(run).toMatchObject({ strategy: 'admin-consent-page', granted: 39, total: 40 });
    const contoso = tenantState(practice, builtinTenantIds.contoso);
    const target = contoso.servicePrincipals.filter((sp) => sp.appId === TARGET_APP_ID);
    expect(target).toHaveLength(1);
    expect(contoso.appRoleAssignments.filter((a) => a.principalId === target[0]?.id)).toHaveLength(21);
  });

  test('the administrator declines on the consent page: guidance, and nothing granted', async ({
    app,
    practice,
    signInPages,
  }) => {
    await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const signInPage = await signedInRun(
      app,
      () => signInPages.next(),
      { client: 'contoso.com', strategy: 'admin-consent-page' },
      'admin@contoso.com',
    );
    await openConsentPage(app, signInPage);
    await signInPage.getByRole('button', { name: 'Cancel' }).click();

    const guidance = app.locator('[data-guidance]');
    await expect(guidance).toBeVisible();
    await expect(guidance).toContainText('What to do');
    await expect(app.getByRole('heading', { level: 2, name: /^6\. Grant consent/ })).toBeVisible();
    await expect(app.locator('[data-step="grant"]')).toHaveAttribute('data-state', 'needs-attention');
    await expect(app.getByRole('button', { name: 'Review the plan again' })).toBeVisible();
    await guidance.getByRole('button', { name: 'Copy details' }).click();
    const details = await app.evaluate(() => navigator.clipboard.readText());
    expect(details).toMatch(/Code: (access_denied|AADSTS65004)/);
    await recordStep(app, 'step-6-grant-declined');
    expect(
      tenantState(practice, builtinTenantIds.contoso).servicePrincipals.filter(
        (sp) => sp.appId === TARGET_APP_ID,
      ),
    ).toEqual([]);
  });
});
