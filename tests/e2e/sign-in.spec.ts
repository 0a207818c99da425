import { builtinTenantIds, TARGET_APP_ID } from '../../src/main/practice-tenant/directory/builtin-scenario';
import { expect, test } from './support/fixtures';
import { expectStep, pressButton, recordStep, signInAs, startRun, tenantState } from './support/technician';

test.describe('signing in', () => {
  test('an administrator of another tenant is refused by Microsoft, and closing the window gives guidance', async ({
    app,
    practice,
    signInPages,
  }) => {
    await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const before = JSON.stringify(tenantState(practice, builtinTenantIds.contoso));
    await startRun(app, { client: 'contoso.com' });
    await expectStep(app, 2, 'Preflight');
    await pressButton(app, 'Continue to sign in');
    await pressButton(app, 'Sign in');
    const page = await signInPages.next();
    await signInAs(page, 'admin@fabrikam.com');
    // Microsoft's own page refuses an account of another tenant at the client's authority.
    await expect(page.getByRole('alert')).toContainText('AADSTS50020');
    await expect(app.getByText('Waiting for the administrator to sign in…')).toBeVisible();
    await page.close();

    await expect(app.getByText('The sign-in window was closed', { exact: true })).toBeVisible();
    await expect(app.getByRole('heading', { level: 2, name: /^3\. Sign in/ })).toBeVisible();
    await expect(app.locator('[data-step="sign-in"]')).toHaveAttribute('data-state', 'needs-attention');
    await app.getByRole('button', { name: 'Copy details' }).click();
    await expect(app.getByText('Details copied.')).toBeVisible();
    const details = await app.evaluate(() => navigator.clipboard.readText());
    expect(details).toContain('Code: sign-in-window-closed');
    expect(details).toContain('Message: The sign-in window was closed before the sign-in finished.');
    await recordStep(app, 'step-3-sign-in-wrong-tenant');
    expect(JSON.stringify(tenantState(practice, builtinTenantIds.contoso))).toBe(before);

    // The window's session remembers the Fabrikam account: "Use another account" and the client's own
    // administrator, and the run carries on.
    await pressButton(app, 'Sign in again');
    const again = await signInPages.next();
    await expect(again.getByRole('heading', { name: 'Pick an account' })).toBeVisible();
    await again.getByRole('button', { name: 'Use another account' }).click();
    await signInAs(again, 'admin@contoso.com');
    await expectStep(app, 4, 'Confirm identity');
    await expect(app.getByText('Tenant: confirmed')).toBeVisible();
    expect(
      tenantState(practice, builtinTenantIds.contoso).servicePrincipals.filter(
        (sp) => sp.appId === TARGET_APP_ID,
      ),
    ).toEqual([]);
  });

  test('the technician cancels a sign-in that is waiting for the administrator', async ({
    app,
    core,
    signInPages,
  }) => {
    await startRun(app, { client: 'contoso.com' });
    await expectStep(app, 2, 'Preflight');
    await pressButton(app, 'Continue to sign in');
    await pressButton(app, 'Sign in');
    const page = await signInPages.next();
    await expect(page.getByRole('textbox', { name: 'Email' })).toBeVisible();
    await pressButton(app, 'Cancel sign-in');

    await expect(app.getByText('Sign-in cancelled')).toBeVisible();
    await expect(
      app.getByText('Nothing was read from or written to the tenant.', { exact: false }),
    ).toBeVisible();
    await expect(app.getByText('You can fix this.')).toBeVisible();
    await expect(app.getByRole('button', { name: 'Sign in again' })).toBeEnabled();
    // The guards were never reached: the later steps stay closed.
    const nav = app.getByRole('navigation', { name: 'Onboarding steps' });
    await expect(nav.getByRole('button', { name: /4\. Confirm identity/ })).toHaveCount(0);
    const [run] = await core.runs.list();
    expect(run?.outcome).toBe('in-progress');
    await recordStep(app, 'step-3-sign-in-cancelled');
  });
});
