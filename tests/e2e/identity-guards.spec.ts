import { builtinTenantIds, TARGET_APP_ID } from '../../src/main/practice-tenant/directory/builtin-scenario';
import { expect, test } from './support/fixtures';
import {
  expectStep,
  pressButton,
  recordStep,
  signedInRun,
  signInAs,
  tenantState,
} from './support/technician';

test.describe('Confirm identity blocks the wrong account before anything is written', () => {
  test('a helpdesk user without an administrator role is blocked', async ({ app, practice, signInPages }) => {
    const before = JSON.stringify(tenantState(practice, builtinTenantIds.contoso));
    await signedInRun(app, () => signInPages.next(), { client: 'contoso.com' }, 'helpdesk@contoso.com');

    await expect(app.getByText('Lynne Robbins · helpdesk@contoso.com')).toBeVisible();
    await expect(app.getByText('Tenant: confirmed')).toBeVisible();
    await expect(app.getByText('Administrator role: blocked')).toBeVisible();
    await expect(
      app.getByText(
        'helpdesk@contoso.com is neither a Global Administrator nor a Privileged Role Administrator',
        {
          exact: false,
        },
      ),
    ).toBeVisible();
    await expect(app.getByRole('list', { name: 'What to do: Administrator role' })).toContainText(
      'Sign in again as a Global Administrator',
    );
    await expect(app.locator('[data-step="identity"]')).toHaveAttribute('data-state', 'blocked');
    // The guard cannot be skipped: no way on to the plan.
    await expect(app.getByRole('button', { name: 'Continue to review plan' })).toHaveCount(0);
    const nav = app.getByRole('navigation', { name: 'Onboarding steps' });
    await expect(nav.getByRole('button', { name: /5\. Review plan/ })).toHaveCount(0);
    await recordStep(app, 'step-4-identity-blocked', { dark: true });
    expect(JSON.stringify(tenantState(practice, builtinTenantIds.contoso))).toBe(before);
  });

  test('an administrator only eligible through PIM is told how to activate the role', async ({
    app,
    practice,
    signInPages,
  }) => {
    const page = await signedInRun(
      app,
      () => signInPages.next(),
      { client: 'contoso.com' },
      'pim@contoso.com',
    );

    const roles = app.getByRole('definition').filter({ hasText: 'Global Administrator' });
    await expect(roles).toContainText('eligible (PIM), not active');
    await expect(
      app.getByText(
        'eligible for Global Administrator through Privileged Identity Management, but the role is not active',
        {
          exact: false,
        },
      ),
    ).toBeVisible();
    const todo = app.getByRole('list', { name: 'What to do: Administrator role' });
    await expect(todo).toContainText('Privileged Identity Management › My roles › Eligible assignments');
    await expect(todo).toContainText('Select Activate on Global Administrator');
    await expect(app.getByRole('button', { name: 'Continue to review plan' })).toHaveCount(0);
    await recordStep(app, 'step-4-identity-pim');

    // Signing in again asks for credentials afresh ("login" prompt); a Privileged Role Administrator passes.
    await pressButton(app, 'Sign in again');
    await expectStep(app, 3, 'Sign in');
    await signInAs(page, 'roles@contoso.com');
    await expectStep(app, 4, 'Confirm identity');
    await expect(app.getByText('Administrator role: confirmed')).toBeVisible();
    await expect(app.getByRole('button', { name: 'Continue to review plan' })).toBeVisible();
    expect(
      tenantState(practice, builtinTenantIds.contoso).servicePrincipals.filter(
        (sp) => sp.appId === TARGET_APP_ID,
      ),
    ).toEqual([]);
  });
});
