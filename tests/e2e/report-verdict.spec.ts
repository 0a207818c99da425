import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import { builtinTenantIds, TARGET_APP_ID } from '../../src/main/practice-tenant/directory/builtin-scenario';
import { sha256Hex } from '../../src/main/report/sha256-hex';
import { MICROSOFT_GRAPH_APP_ID } from '../../src/shared/cloud/microsoft-graph';
import { DEFAULT_PROFILE } from '../../src/shared/profile/default-profile';
import { exportProfile } from '../../src/shared/profile/export-profile';
import type { PermissionProfile } from '../../src/shared/profile/permission-profile';
import { checkReportDigest } from '../../src/shared/report/report-digest';
import { DIGEST_RECIPE } from '../../src/shared/report/report-verification';
import { pdfPages, squeezed } from '../integration/report/pdf-text';
import { expect, test } from './support/fixtures';
import { reachStep } from './support/reach-step';
import { expectStep, pressButton, signedInRun, toolGrants } from './support/technician';

const bytesOf = async (download: Download): Promise<Buffer> =>
  Buffer.concat(await (await download.createReadStream()).toArray());

/** Exports one format from the report on screen and answers the downloaded file's bytes. */
const exportAs = async (app: Page, label: string): Promise<{ name: string; bytes: Buffer }> => {
  const download = app.waitForEvent('download');
  await app.getByRole('button', { name: label, exact: true }).click();
  const file = await download;
  await expect(app.getByText(`${file.suggestedFilename()} downloaded.`)).toBeVisible();
  return { name: file.suggestedFilename(), bytes: await bytesOf(file) };
};

/**
 * Runs the digest recipe docs/report-schema.md gives (jq and sha256sum, which .ci/run installs) on an exported JSON
 * report, and answers what it prints.
 */
const runDigestRecipe = (bytes: Buffer): string => {
  const work = mkdtempSync(join(tmpdir(), 'report-recipe-'));
  try {
    writeFileSync(join(work, 'report.json'), bytes);
    const result = spawnSync('sh', ['-c', DIGEST_RECIPE], { cwd: work, encoding: 'utf8' });
    expect(result.status, `${DIGEST_RECIPE}: ${result.stderr} (needs jq and sha256sum on PATH)`).toBe(0);
    return result.stdout;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
};

const utf8 = (bytes: Buffer): string => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

/** The digest of the report the Report step shows (every format of it carries it). */
const shownDigest = async (app: Page): Promise<string> => {
  const shown = app.locator('[data-report-digest]');
  await expect(shown).toBeVisible();
  return (await shown.getAttribute('data-report-digest')) ?? '';
};

test.describe('the report says what the run achieved', () => {
  test('the built-in profile ends Complete with its entry nobody can grant noted, and the five formats of one visit carry one digest', async ({
    app,
    core,
    signInPages,
  }) => {
    await app.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await reachStep(app, signInPages, 'verify');

    // Verify: complete for everything that can be granted, the entry nobody can grant in a neutral badge.
    await expect(
      app.getByText(
        /The profile also lists an entry nobody can grant: Device\.ReadWrite\.All \(delegated\): Microsoft Graph publishes Device\.ReadWrite\.All only as an application permission/,
      ),
    ).toBeVisible();
    await expect(
      app.getByText('The run is complete for everything that can be granted.', { exact: false }),
    ).toBeVisible();
    const counts = app.getByRole('list', { name: 'Permissions by status' });
    await expect(counts.locator('[data-status="not-offered"]')).toHaveText('Not grantable: 1');
    await expect(
      app.locator('tr[data-permission="Device.ReadWrite.All"][data-status="not-offered"]'),
    ).toContainText('Not grantable');

    // Report, before Finish: the verification's verdict, never "In progress".
    await app
      .getByRole('navigation', { name: 'Onboarding steps' })
      .getByRole('button', { name: /8\. Report/ })
      .click();
    await expectStep(app, 8, 'Report');
    await expect(app.getByText('Verdict: Complete (1 entry nobody can grant)')).toBeVisible();
    const digest = await shownDigest(app);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);

    const json = await exportAs(app, 'JSON');
    const pdf = await exportAs(app, 'PDF');
    const html = await exportAs(app, 'HTML');
    const csv = await exportAs(app, 'CSV');
    const md = await exportAs(app, 'Markdown');
    // Nothing changed in the run between the exports: still the same report.
    expect(await shownDigest(app)).toBe(digest);
    await expect(app.getByText('The run changed after your last export')).toHaveCount(0);

    // JSON: the digest recomputes (the documented recipe: SHA-256 of the canonical JSON without `digest`).
    const report = JSON.parse(utf8(json.bytes));
    expect(await checkReportDigest(report, sha256Hex)).toEqual({
      valid: true,
      expected: digest,
      found: digest,
    });
    // And with the commands docs/report-schema.md gives the client (jq and sha256sum), on the file as downloaded.
    expect(runDigestRecipe(json.bytes).split(/\s/)[0]).toBe(digest);
    expect(report.run).toMatchObject({ outcome: 'in-progress', endedAt: null });
    expect(report.verdict).toMatchObject({
      kind: 'complete-with-not-grantable',
      text: 'Complete (1 entry nobody can grant)',
      notGrantable: [{ name: 'Device.ReadWrite.All', type: 'delegated', resourceName: 'Microsoft Graph' }],
    });
    expect(report.verdict.detail).toContain(
      'Microsoft Graph publishes Device.ReadWrite.All only as an application permission, not as a delegated one.',
    );

    // Every other format: the same digest, the same verdict, the entry named, never "In progress".
    const htmlText = utf8(html.bytes);
    const mdText = utf8(md.bytes);
    for (const [name, text] of [
      ['html', htmlText],
      ['md', mdText],
    ] as const) {
      expect(text, name).toContain(digest);
      expect(text, name).toContain('Complete (1 entry nobody can grant)');
      expect(text, name).toContain('Nobody can grant');
      expect(text, name).not.toContain('In progress');
      expect(text, name).not.toContain('Never ended');
    }
    const csvRows = utf8(csv.bytes).trim().split('\r\n').slice(1);
    expect(csvRows).toHaveLength(40);
    for (const row of csvRows) {
      expect(row).toContain(digest);
      expect(row).toContain('Complete (1 entry nobody can grant)');
    }
    expect(csvRows.find((row) => row.includes('Device.ReadWrite.All,'))).toContain(',not-offered,');
    const pages = await pdfPages(new Uint8Array(pdf.bytes));
    const pdfText = squeezed(pages.map((p) => p.text).join('\n'));
    pages.forEach((page, i) => {
      expect(squeezed(page.text), `PDF page ${i + 1}`).toContain(`SHA-256${digest}`);
    });
    expect(pdfText).toContain(squeezed('Verdict Complete (1 entry nobody can grant)'));
    expect(pdfText).toContain(squeezed('Not grantable'));

    // The summary: the verdict, the entry and the same digest.
    await app.getByRole('button', { name: 'Copy summary' }).click();
    await expect(app.getByText('Summary copied.')).toBeVisible();
    const summary = await app.evaluate(() => navigator.clipboard.readText());
    expect(summary).toContain('Complete (1 entry nobody can grant)');
    expect(summary).toContain('Nobody can grant (not a gap in the tenant):');
    expect(summary).toContain('- Device.ReadWrite.All (delegated): Microsoft Graph publishes');
    expect(summary).toContain('39 granted, 1 not grantable of 40 requested');
    expect(summary).toContain(`Report SHA-256 ${digest}`);

    // Verify again makes a new report; back on the Report step, the step says the files exported earlier carry the
    // report before it.
    const nav = app.getByRole('navigation', { name: 'Onboarding steps' });
    await nav.getByRole('button', { name: /7\. Verify/ }).click();
    await expectStep(app, 7, 'Verify');
    await pressButton(app, 'Verify again');
    await expect(app.getByText('Every permission that can be granted is granted')).toBeVisible({
      timeout: 30_000,
    });
    await nav.getByRole('button', { name: /8\. Report/ }).click();
    await expectStep(app, 8, 'Report');
    await expect(app.getByText('The run changed after your last export')).toBeVisible();
    expect(await shownDigest(app)).not.toBe(digest);

    // Finish records the end: a new report, and the step says so and offers the final one.
    await pressButton(app, 'Finish and sign out');
    await expect(app.getByText('Run finished: Complete')).toBeVisible();
    await expect(app.getByText('1 entry of the profile nobody can grant.', { exact: false })).toBeVisible();
    await expect(app.getByText('The run changed after your last export')).toBeVisible();
    await expect.poll(() => shownDigest(app)).not.toBe(digest);
    const final = JSON.parse(utf8((await exportAs(app, 'JSON')).bytes));
    expect(final.digest).toBe(await shownDigest(app));
    expect(final.run.outcome).toBe('verified');
    expect(final.run.endedAt).not.toBeNull();
    expect(final.verdict.kind).toBe('complete-with-not-grantable');
    await expect(app.getByText('The run changed after your last export')).toHaveCount(0);

    // History: Complete, with the note, in the list and in the run's details.
    await app.getByRole('button', { name: 'Run history' }).click();
    const row = app
      .getByRole('table', { name: 'Runs on this computer' })
      .locator('[data-outcome="verified"]');
    await expect(row).toContainText('Complete');
    await expect(row).toContainText('1 entry of the profile nobody can grant');
    await row.getByRole('button', { name: /^Open the run/ }).click();
    await expect(app.getByText('1 entry of the profile nobody can grant')).toBeVisible();
    await expect(
      app.locator('tr[data-permission="Device.ReadWrite.All"][data-status="not-offered"]'),
    ).toContainText('Not grantable');
    const [run] = await core.runs.list();
    expect(run).toMatchObject({ outcome: 'verified', granted: 39, total: 40, notGrantable: 1 });
  });

  test('a run whose permissions are granted to a disabled enterprise application ends Incomplete', async ({
    app,
    core,
    practice,
    signInPages,
  }) => {
    // This MSP keeps the tool's own grant at Finish: turned off in Settings, where deleting the enterprise
    // application (which needs the grants removed first) goes with it.
    const pages = app.getByRole('navigation', { name: 'Pages' });
    await pages.getByRole('button', { name: 'Settings' }).click();
    const removeGrants = app.getByRole('switch', { name: /^Remove the tool’s delegated grants at Finish/ });
    await expect(removeGrants).toBeChecked();
    await removeGrants.click();
    await expect(app.getByText('Finish keeps the tool’s own grants.')).toBeVisible();
    await expect(
      app.getByRole('switch', { name: /^Also delete the tool’s enterprise application/ }),
    ).toBeDisabled();
    await pages.getByRole('button', { name: 'Checklist' }).click();

    // Tailspin Toys keeps Pia's enterprise application disabled: what is granted is on record but not usable
    // until the client's administrator enables it, so the run is not complete.
    await signedInRun(
      app,
      () => signInPages.next(),
      { client: 'tailspintoys.com' },
      'admin@tailspintoys.com',
    );
    await pressButton(app, 'Continue to review plan');
    await expectStep(app, 5, 'Review plan');
    await pressButton(app, 'Grant consent…');
    await pressButton(app, 'Grant consent');
    await expectStep(app, 7, 'Verify');
    const counts = app.getByRole('list', { name: 'Permissions by status' });
    await expect(counts.locator('[data-status="app-disabled"]')).toHaveAttribute('data-count', '39', {
      timeout: 30_000,
    });
    // No write can enable the app: Verify says where the client's administrator does, and offers no Repair.
    await expect(app.getByText('Pia is disabled in this tenant')).toBeVisible();
    await expect(app.getByRole('list', { name: 'How to enable Pia' })).toContainText(
      '“Enabled for users to sign-in?” to Yes',
    );
    await expect(app.getByRole('button', { name: 'Verify again' })).toBeEnabled();
    await expect(app.getByRole('button', { name: 'Repair' })).toHaveCount(0);
    await app
      .getByRole('navigation', { name: 'Onboarding steps' })
      .getByRole('button', { name: /8\. Report/ })
      .click();
    await expectStep(app, 8, 'Report');
    await expect(app.getByText('Verdict: Incomplete: 39 app disabled')).toBeVisible();
    const report = JSON.parse(utf8((await exportAs(app, 'JSON')).bytes));
    expect(report.verdict.kind).toBe('incomplete');
    expect(report.verdict.notGrantable.map((e: { name: string }) => e.name)).toEqual([
      'Device.ReadWrite.All',
    ]);

    await expect(app.getByRole('checkbox', { name: /^Remove this tool’s own access/ })).not.toBeChecked();
    const toolGrantsBefore = toolGrants(practice, builtinTenantIds.tailspin);
    expect(toolGrantsBefore).toHaveLength(1);
    await pressButton(app, 'Finish and sign out');
    await expect(app.getByText('Run finished: Incomplete')).toBeVisible();
    await expect(
      app
        .getByRole('region', { name: 'The tool’s own access' })
        .getByText(
          /^Left in the tenant: The tool’s delegated grant for all users: .*turned off for this run/,
        ),
    ).toBeVisible();
    expect(toolGrants(practice, builtinTenantIds.tailspin)).toEqual(toolGrantsBefore);
    await app.getByRole('button', { name: 'Run history' }).click();
    await expect(
      app.getByRole('table', { name: 'Runs on this computer' }).locator('[data-outcome="incomplete"]'),
    ).toContainText('Incomplete');
    const [run] = await core.runs.list();
    expect(run?.outcome).toBe('incomplete');
  });

  test.describe('a permission that stays missing', () => {
    // Verify waits for what is missing to replicate; this one never will, so the wait is short.
    test.use({ replicationDeadlineMs: 4_000 });

    test('a permission Microsoft’s consent page does not grant stays missing, and the run ends Incomplete', async ({
      app,
      core,
      signInPages,
    }) => {
      // The MSP's profile asks for one delegated permission more than Pia's app registration requests:
      // Calendars.Read, which Microsoft Graph offers. Microsoft's admin-consent page grants what the registration
      // requests, so that one can be granted, but is not.
      const profile: PermissionProfile = {
        ...DEFAULT_PROFILE,
        name: 'Pia with calendars',
        permissions: DEFAULT_PROFILE.permissions.map((resource) =>
          resource.resourceAppId === MICROSOFT_GRAPH_APP_ID
            ? { ...resource, delegated: [...(resource.delegated ?? []), { name: 'Calendars.Read' }] }
            : resource,
        ),
      };
      const saved = await core.handlers.profiles.import({ text: exportProfile(profile), replace: false });
      expect(saved.kind).toBe('saved');
      // The Client step reads the profiles again when it opens.
      const pages = app.getByRole('navigation', { name: 'Pages' });
      await pages.getByRole('button', { name: 'Settings' }).click();
      await pages.getByRole('button', { name: 'Checklist' }).click();
      const signInPage = await signedInRun(
        app,
        () => signInPages.next(),
        { client: 'contoso.com', strategy: 'admin-consent-page', profileId: TARGET_APP_ID },
        'admin@contoso.com',
      );
      await pressButton(app, 'Continue to review plan');
      await expectStep(app, 5, 'Review plan');
      await pressButton(app, 'Grant consent…');
      await pressButton(app, 'Open the consent page');
      const onBehalf = signInPage.getByRole('checkbox', { name: 'Consent on behalf of your organization' });
      await expect(signInPage.getByRole('button', { name: 'Accept' })).toBeVisible();
      if ((await onBehalf.count()) > 0) await onBehalf.check();
      await signInPage.getByRole('button', { name: 'Accept' }).click();

      await expectStep(app, 7, 'Verify');
      const counts = app.getByRole('list', { name: 'Permissions by status' });
      await expect(counts.locator('[data-status="missing"]')).toHaveAttribute('data-count', '1', {
        timeout: 30_000,
      });
      await expect(counts.locator('[data-status="granted"]')).toHaveAttribute('data-count', '39');
      await expect(app.locator('tr[data-permission="Calendars.Read"][data-status="missing"]')).toContainText(
        'Missing',
      );
      await app
        .getByRole('navigation', { name: 'Onboarding steps' })
        .getByRole('button', { name: /8\. Report/ })
        .click();
      await expectStep(app, 8, 'Report');
      await expect(app.getByText('Verdict: Incomplete: 1 missing')).toBeVisible();
      const report = JSON.parse(utf8((await exportAs(app, 'JSON')).bytes));
      expect(report.verdict.kind).toBe('incomplete');
      expect(report.verdict.text).toBe('Incomplete: 1 missing');
      await pressButton(app, 'Finish and sign out');
      await expect(app.getByText('Run finished: Incomplete')).toBeVisible();
      const [run] = await core.runs.list();
      expect(run).toMatchObject({ outcome: 'incomplete', granted: 39, total: 41 });
    });
  });
});
