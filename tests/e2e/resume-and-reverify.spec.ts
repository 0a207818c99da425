import { builtinTenantIds } from '../../src/main/practice-tenant/directory/builtin-scenario';
import type { RunProgress } from '../../src/shared/onboarding/run-progress';
import { expectAccessible } from './support/accessibility';
import { expect, saveScreenshot, test } from './support/fixtures';
import {
  consentForOrganization,
  dropNextBatch,
  expectStep,
  pressButton,
  recordStep,
  signedInRun,
  signInAs,
  targetHoldings,
  toolGrants,
} from './support/technician';

const contoso = builtinTenantIds.contoso;

test.describe('run history: resume and re-verify', () => {
  // The first test drops the connection when the twentieth write is answered: it needs every write's event.
  test.use({ eventIntervalMs: 0 });
  test('a connection dropped while granting, then the run resumed from the history grants only what is missing', async ({
    app,
    core,
    events,
    practice,
    signInPages,
  }) => {
    // Two runs' worth of steps (the interrupted one and its resumption, each with a sign-in): twice one run's
    // budget would be 180 s; 120 s is still more than three times what it takes on a quiet machine.
    test.setTimeout(120_000);
    // The connection drops on the second grant batch: the first twenty writes are answered, the last two never.
    const forward = events.sink;
    let armed = false;
    events.sink = (event, payload) => {
      const progress = payload as RunProgress;
      if (!armed && event === 'onboarding.progress' && progress.phase === 'grant' && progress.done === 20) {
        armed = true;
        // Slow answers keep the grant in progress long enough to look at it.
        practice.knobs.setLatency(5_000);
        dropNextBatch(practice);
      }
      forward(event, payload);
    };

    await signedInRun(app, () => signInPages.next(), { client: 'contoso.com' }, 'admin@contoso.com');
    await pressButton(app, 'Continue to review plan');
    await expect(app.getByText('What granting changes in Contoso')).toBeVisible();
    await pressButton(app, 'Grant consent…');
    await pressButton(app, 'Grant consent');

    await expectStep(app, 6, 'Grant consent');
    // Progress per item, and each write as it is answered.
    await expect(app.getByRole('progressbar')).toBeVisible();
    await expect(app.getByText('20 of 22 writes answered.', { exact: false })).toBeVisible();
    await expect(app.locator('[data-write][data-outcome="none"]')).toHaveCount(2);
    await expect(app.getByText('Waiting for Microsoft’s answer.').first()).toBeVisible();
    // The picture first: the answer is due within seconds.
    await saveScreenshot(app, 'step-6-grant-in-progress');
    await expectAccessible(app);
    practice.knobs.setLatency(0);
    const guidance = app.locator('[data-guidance]');
    await expect(guidance).toBeVisible({ timeout: 30_000 });
    await expect(app.locator('[data-step="grant"]')).toHaveAttribute('data-state', 'needs-attention');
    await expect(app.locator('[data-write][data-outcome="applied"]')).toHaveCount(21);
    await expect(app.locator('[data-write][data-outcome="none"]')).toHaveCount(2);
    await expect(app.getByText('May or may not have reached the tenant.').first()).toBeVisible();
    await recordStep(app, 'step-6-grant-connection-dropped');
    expect(armed).toBe(true);

    // The technician closes the app (the run is let go as quitting does) and opens it again later.
    await core.runs.closeAll();
    await app.reload();
    await app.getByRole('button', { name: 'Run history' }).click();
    const row = app.getByRole('row', { name: /Contoso/ });
    await expect(row).toContainText('Interrupted');
    await recordStep(app, 'history');
    await row.getByRole('button', { name: /^Resume/ }).click();

    // Preflight again, sign in again: tokens are never stored.
    await expectStep(app, 2, 'Preflight');
    await expect(app.getByText('Every check passed.')).toBeVisible();
    await pressButton(app, 'Continue to sign in');
    await expectStep(app, 3, 'Sign in');
    await expect(app.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    await pressButton(app, 'Sign in');
    await signInAs(await signInPages.next(), 'admin@contoso.com');
    await expectStep(app, 4, 'Confirm identity');
    await pressButton(app, 'Continue to review plan');

    // The plan is read afresh: only the two assignments that never got an answer.
    await expectStep(app, 5, 'Review plan');
    await expect(
      app.getByText('2 application permissions to assign. Nothing has been written yet.'),
    ).toBeVisible();
    await expect(app.getByText('Already granted: 37')).toBeVisible();
    await expect(app.getByRole('heading', { name: /Enterprise applications to create/ })).toHaveCount(0);
    await recordStep(app, 'step-5-plan-resumed');
    await pressButton(app, 'Grant consent…');
    await pressButton(app, 'Grant consent');

    await expectStep(app, 7, 'Verify');
    await expect(app.getByText('Every permission that can be granted is granted')).toBeVisible({
      timeout: 30_000,
    });
    await expect(
      app.getByRole('list', { name: 'Permissions by status' }).locator('[data-status="granted"]'),
    ).toHaveAttribute('data-count', '39');

    await expect(app.locator('[data-step="grant"]')).toHaveAttribute('data-state', 'done');

    // No duplicate: one service principal, one tenant-wide grant, each application permission assigned once.
    const holdings = targetHoldings(practice, contoso);
    expect(holdings.servicePrincipals).toBe(1);
    expect(holdings.tenantWideGrants).toBe(1);
    expect(holdings.assignments).toHaveLength(21);
    expect(new Set(holdings.assignments).size).toBe(21);
  });

  test('a finished run is opened read-only, its report exported again, and the tenant verified again', async ({
    app,
    core,
    practice,
    signInPages,
  }) => {
    // Setup, not under test: a first run onboarded and finished through the main process.
    const started = await core.runs.start({
      clientText: 'contoso.com',
      technician: 'Alex Wilber',
      ticket: 'T-1',
      profileId: 'built-in',
      strategy: 'direct-grant',
    });
    const runId = started.record.runId;
    await core.runs.preflight(runId);
    const signingIn = core.runs.signIn(runId, 'select_account');
    await signInAs(await signInPages.next(), 'admin@contoso.com');
    await signingIn;
    await core.runs.plan(runId);
    await core.runs.apply(runId);
    await core.runs.verify(runId);
    // Finish as Settings say by default: the tool's own grant is removed.
    await core.runs.finish(runId);
    const writesBefore = (await core.runs.get(runId)).record.writes.length;
    const targetBefore = targetHoldings(practice, contoso);
    expect(toolGrants(practice, contoso)).toEqual([]);

    await app.getByRole('button', { name: 'Run history' }).click();
    const row = app.getByRole('row', { name: /Contoso/ });
    await expect(row).toContainText('39 of 40 granted');
    await row.getByRole('button', { name: /^Open/ }).click();

    // Read-only: what happened, the verification and the writes, and the report again.
    await expect(app.getByRole('heading', { level: 2, name: 'Contoso' })).toBeFocused();
    await expect(
      app.getByRole('table', { name: 'Permissions verified in the tenant' }).getByRole('row'),
    ).toHaveCount(41);
    await expect(app.getByRole('table', { name: 'Writes to the tenant' }).getByRole('row')).toHaveCount(24);
    await expect(app.getByRole('button', { name: 'Grant consent…' })).toHaveCount(0);
    await recordStep(app, 'history-run-details', { dark: true });
    const download = app.waitForEvent('download');
    await app.getByRole('button', { name: 'CSV' }).click();
    const csv = await download;
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const text = await (await csv.createReadStream()).toArray();
    expect(Buffer.concat(text).toString('utf8')).toContain('Directory.ReadWrite.All');
    await pressButton(app, 'Verify again');
    await expectStep(app, 2, 'Preflight');
    await expect(app.getByText('Every check passed.')).toBeVisible();
    await pressButton(app, 'Continue to sign in');
    await pressButton(app, 'Sign in');
    const signInPage = await signInPages.next();
    await signInAs(signInPage, 'admin@contoso.com');
    // The tool's grant was removed at the first Finish: Microsoft asks for consent again.
    await consentForOrganization(signInPage);
    await expectStep(app, 4, 'Confirm identity');
    await pressButton(app, 'Continue to verify');
    await expectStep(app, 7, 'Verify');
    await expect(app.getByText('Every permission that can be granted is granted')).toBeVisible({
      timeout: 30_000,
    });
    await pressButton(app, 'Continue to report');
    await expectStep(app, 8, 'Report');
    await pressButton(app, 'Finish and sign out');
    await expect(app.getByText(/^Run finished: /)).toBeVisible();

    // Verifying wrote nothing of the onboarding; Finish removed the tool's own grant again.
    const after = await core.runs.get(runId);
    expect(after.record.writes).toHaveLength(writesBefore);
    expect(after.record.ended).toBe(true);
    expect(targetHoldings(practice, contoso)).toEqual(targetBefore);
    expect(after.record.ownAccess?.removals.map((r) => [r.removal.kind, r.outcome])).toEqual([
      ['grant', 'removed'],
    ]);
    expect(toolGrants(practice, contoso)).toEqual([]);
  });

  test('a page reloaded mid-run continues the open run from the history, and going back to the Client step cancels it', async ({
    app,
    core,
    signInPages,
  }) => {
    const signInPage = await signedInRun(
      app,
      () => signInPages.next(),
      { client: 'contoso.com' },
      'admin@contoso.com',
    );
    await app.reload();
    await app.getByRole('button', { name: 'Run history' }).click();
    const row = app.getByRole('row', { name: /Contoso/ });
    await expect(row).toContainText('In progress');
    await row.getByRole('button', { name: /^Resume/ }).click();

    // The main process still holds the sign-in: no second sign-in is needed.
    await expectStep(app, 2, 'Preflight');
    await expect(app.getByText('Every check passed.')).toBeVisible();
    await pressButton(app, 'Continue to sign in');
    await expect(app.getByText('Signed in as admin@contoso.com.')).toBeVisible();
    await pressButton(app, 'Continue to confirm identity');
    await expectStep(app, 4, 'Confirm identity');
    await expect(app.getByText('Administrator role: confirmed')).toBeVisible();

    const nav = app.getByRole('navigation', { name: 'Onboarding steps' });
    await nav.getByRole('button', { name: /1\. Client/ }).click();
    await expectStep(app, 1, 'Client');
    await recordStep(app, 'step-1-client-run-open');
    await pressButton(app, 'Cancel this run and start over');
    await expect(app.getByRole('textbox', { name: /Client domain or tenant ID/ })).toHaveValue('');
    const [run] = await core.runs.list();
    expect(run?.outcome).toBe('cancelled');
    expect(signInPage.isClosed()).toBe(true);
  });
});
