import { builtinTenantIds, TARGET_APP_ID } from '../../src/main/practice-tenant/directory/builtin-scenario';
import { expect, test } from './support/fixtures';
import { expectStep, fillClient, pressButton, signInAs, tenantState, toolGrants } from './support/technician';

test.describe('the whole procedure by direct grant', () => {
  test('a technician onboards Contoso from the Client step to Finish, by keyboard', async ({
    app,
    core,
    practice,
    signInPages,
  }) => {
    // The whole procedure and what each step says; step-gallery.spec.ts checks each step with axe and takes its
    // screenshots. Budget: the default 60 s, of which the sign-in and verification's replication wait are most.
    const contoso = builtinTenantIds.contoso;
    const targetSps = () =>
      tenantState(practice, contoso).servicePrincipals.filter((sp) => sp.appId === TARGET_APP_ID);
    await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);

    // 1. Client
    await expect(app.getByRole('heading', { level: 2, name: /^1\. Client/ })).toBeVisible();
    await fillClient(app, { client: 'contoso.com', technician: 'Alex Wilber', ticket: 'T-4711' });
    await expect(app.getByRole('textbox', { name: /Ticket number/ })).toHaveValue('T-4711');
    await expect(app.getByRole('radio', { name: 'Direct grant through Microsoft Graph' })).toBeChecked();
    await pressButton(app, 'Start onboarding');

    // 2. Preflight: every check green.
    await expectStep(app, 2, 'Preflight');
    await expect(app.getByText('Every check passed.')).toBeVisible();
    const checks = app.getByRole('list', { name: 'Preflight checks' }).getByRole('listitem');
    await expect(checks).toHaveCount(5);
    await expect(app.locator('[data-check][data-ok="false"]')).toHaveCount(0);
    await expect(app.getByText(`Tenant ${contoso} in Practice tenant`, { exact: false })).toBeVisible();
    await pressButton(app, 'Continue to sign in');

    // 3. Sign in, with the practice accounts as hints.
    await expectStep(app, 3, 'Sign in');
    const hints = app.getByRole('table', { name: 'Practice accounts' });
    await expect(hints.getByRole('row', { name: /admin@contoso\.com/ })).toBeVisible();
    await expect(app.getByText('Practice-Tenant-2026!')).toBeVisible();
    await pressButton(app, 'Sign in');
    await expect(app.getByText('Waiting for the administrator to sign in…')).toBeVisible();
    await expect(app.getByRole('button', { name: 'Cancel sign-in' })).toBeVisible();
    const signInPage = await signInPages.next();
    await signInAs(signInPage, 'admin@contoso.com');

    // 4. Confirm identity.
    await expectStep(app, 4, 'Confirm identity');
    await expect(app.getByRole('definition').filter({ hasText: /^Contoso$/ })).toBeVisible();
    await expect(app.getByText('contoso.onmicrosoft.com')).toBeVisible();
    await expect(app.getByText('Adele Vance · admin@contoso.com')).toBeVisible();
    await expect(app.getByText('Tenant: confirmed')).toBeVisible();
    await expect(app.getByText('Administrator role: confirmed')).toBeVisible();
    await pressButton(app, 'Continue to review plan');

    // 5. Review plan: exactly what changes, nothing written before the confirmation.
    await expectStep(app, 5, 'Review plan');
    await expect(app.getByText('What granting changes in Contoso')).toBeVisible();
    await expect(
      app.getByText(
        '1 enterprise application to create, 18 delegated permissions to add, 21 application permissions to assign. Nothing has been written yet.',
      ),
    ).toBeVisible();
    await expect(
      app
        .getByRole('list', { name: 'Delegated permissions to add to Microsoft Graph' })
        .getByRole('listitem'),
    ).toHaveCount(18);
    await expect(
      app
        .getByRole('list', { name: 'Application permissions to assign on Microsoft Graph' })
        .getByRole('listitem'),
    ).toHaveCount(21);
    await expect(
      app.getByText(
        /Device\.ReadWrite\.All \(delegated\): the resource publishes no permission .*published as an application permission/,
      ),
    ).toBeVisible();
    // What the tool itself holds, and what Finish will remove of it (Settings' default: its grants).
    const footprint = app.getByRole('region', { name: 'What this tool leaves in the tenant' });
    await expect(footprint.getByText(/^The tool’s delegated grant for all users: /)).toBeVisible();
    await expect(
      footprint.getByText(/^The tool’s enterprise application \(Pia Onboarding\)\. Kept by choice/),
    ).toBeVisible();
    expect(targetSps()).toHaveLength(0);
    await pressButton(app, 'Grant consent…');
    const confirm = app.getByRole('alertdialog', { name: 'Grant consent in Contoso?' });
    await expect(confirm).toBeVisible();
    expect(targetSps()).toHaveLength(0);
    await pressButton(app, 'Grant consent');

    // 6. Grant, then 7. Verify on its own.
    await expectStep(app, 7, 'Verify');
    await expect(app.getByText('Every permission that can be granted is granted')).toBeVisible({
      timeout: 30_000,
    });
    const counts = app.getByRole('list', { name: 'Permissions by status' });
    await expect(counts.locator('[data-status="granted"]')).toHaveAttribute('data-count', '39');
    await expect(counts.locator('[data-status="not-offered"]')).toHaveAttribute('data-count', '1');
    await expect(counts.locator('[data-status="missing"]')).toHaveAttribute('data-count', '0');
    const rows = app.getByRole('table', { name: 'Permissions verified in the tenant' }).getByRole('row');
    await expect(rows).toHaveCount(41);
    // Filter by status, with the keyboard: the radio group moves with the arrow keys.
    await app.getByRole('radio', { name: 'All (40)' }).focus();
    await app.keyboard.press('ArrowRight');
    await expect(app.getByRole('radio', { name: 'Granted (39)' })).toBeChecked();
    await expect(rows).toHaveCount(40);
    await app.keyboard.press('ArrowRight');
    await expect(app.getByRole('radio', { name: 'Not grantable (1)' })).toBeChecked();
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText('Device.ReadWrite.All');
    await expect(rows.nth(1)).toContainText('Not grantable');

    // Back to the grant step through the checklist: the writes, each with its outcome.
    const nav = app.getByRole('navigation', { name: 'Onboarding steps' });
    await nav.getByRole('button', { name: /6\. Grant consent/ }).focus();
    await app.keyboard.press('Enter');
    await expectStep(app, 6, 'Grant consent');
    await expect(app.getByText('Consent granted')).toBeVisible();
    const writes = app.getByRole('table', { name: 'Writes to the tenant' }).getByRole('row');
    await expect(writes).toHaveCount(24);
    await expect(app.locator('[data-write][data-outcome="applied"]')).toHaveCount(23);
    expect(targetSps()).toHaveLength(1);

    // 8. Report: exports, summary, then Finish.
    await nav.getByRole('button', { name: /8\. Report/ }).click();
    await expectStep(app, 8, 'Report');
    const download = app.waitForEvent('download');
    await app.getByRole('button', { name: 'JSON' }).click();
    const json = await download;
    expect(json.suggestedFilename()).toMatch(/\.json$/);
    const report = JSON.parse(
      Buffer.concat(await (await json.createReadStream()).toArray()).toString('utf8'),
    );
    expect(report).toMatchObject({ practice: true, tenant: { id: contoso, displayName: 'Contoso' } });
    await expect(app.getByText(`${json.suggestedFilename()} downloaded.`)).toBeVisible();
    await app.getByRole('button', { name: 'Copy summary' }).click();
    await expect(app.getByText('Summary copied.')).toBeVisible();
    expect((await app.evaluate(() => navigator.clipboard.readText())).toLowerCase()).toContain('contoso');

    // The tool's own access: its grants go at Finish unless the technician unticks it for this run.
    await expect(app.getByRole('checkbox', { name: /^Remove this tool’s own access/ })).toBeChecked();
    await expect(
      app.getByRole('checkbox', { name: /^Also delete the tool’s enterprise application/ }),
    ).not.toBeChecked();
    expect(toolGrants(practice, contoso)).toHaveLength(1);
    await pressButton(app, 'Finish and sign out');
    await expect(app.getByText(/^Run finished: /)).toBeVisible();
    const ownAccess = app.getByRole('region', { name: 'The tool’s own access' });
    await expect(
      ownAccess.getByText(/^Removed: The tool’s delegated grant for all users: .*\(request ID /),
    ).toBeVisible();
    await expect(ownAccess.getByText(/^Left in the tenant: The tool’s enterprise application/)).toBeVisible();
    expect(toolGrants(practice, contoso)).toEqual([]);
    await expect(
      app.getByText('The administrator was signed out and the sign-in session wiped.', { exact: false }),
    ).toBeVisible();
    expect(signInPage.isClosed()).toBe(true);
    const [run] = await core.runs.list();
    expect(run?.endedAt).not.toBeNull();
    // Complete for everything Microsoft can grant; the profile's delegated Device.ReadWrite.All is a note.
    expect(run?.outcome).toBe('verified');
    expect(run?.notGrantable).toBe(1);
  });
});
