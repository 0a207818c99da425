import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OnboardingRun } from '../../../src/main/onboarding/onboarding-run';
import {
  builtinTenantIds,
  PRACTICE_PASSWORD,
} from '../../../src/main/practice-tenant/directory/builtin-scenario';
import { planWrites } from '../../../src/shared/onboarding/plan';
import { enterCredentials, type Harness, runInput, startHarness } from './harness';

describe('a direct-grant onboarding run against the practice tenant', () => {
  let harness: Harness;
  beforeEach(async () => {
    harness = await startHarness();
  });
  afterEach(async () => {
    await harness?.close();
  });

  it('discovers, signs in, guards, plans, grants the default profile and verifies every permission', async () => {
    const run = await OnboardingRun.start(harness.env, runInput('contoso.com'));
    let record = await run.discover();
    expect(record.discovery).toMatchObject({ tenantId: builtinTenantIds.contoso, cloud: 'practice' });

    const signedIn = run.signIn({ prompt: 'select_account' });
    await enterCredentials(await harness.nextPage(), 'admin@contoso.com');
    record = await signedIn;
    expect(record.problems).toEqual([]);
    expect(record.account).toMatchObject({
      userPrincipalName: 'admin@contoso.com',
      tenantId: builtinTenantIds.contoso,
    });
    expect(record.organization?.displayName).toBe('Contoso');
    expect(record.guards.map((g) => [g.guard, g.passed])).toEqual([
      ['tenant', true],
      ['role', true],
    ]);

    record = await run.plan();
    const plan = record.plan;
    expect(plan).not.toBeNull();
    expect(plan?.createServicePrincipals.map((sp) => sp.role)).toEqual(['target']);
    // Device.ReadWrite.All is published by Microsoft Graph as an application permission only.
    expect(plan?.notOffered).toEqual([
      expect.objectContaining({ type: 'delegated', name: 'Device.ReadWrite.All', reason: 'not-published' }),
    ]);
    expect(plan?.delegatedGrants[0]?.addScopes).toHaveLength(18);
    expect(plan?.appRoleAssignments).toHaveLength(21);

    record = await run.apply();
    expect(record.problems).toEqual([]);
    expect(record.writes.every((w) => w.outcome === 'applied')).toBe(true);
    expect(record.writes.map((w) => w.intent.kind).sort()).toEqual(
      ['create-service-principal', 'create-grant', ...Array(21).fill('assign-app-role')].sort(),
    );
    expect(record.writes.every((w) => w.requestId !== null)).toBe(true);

    record = await run.verify();
    expect(record.verification?.counts).toMatchObject({ granted: 39, 'not-offered': 1, missing: 0 });
    // From signed-in to verified: identity, plan read, the tool's own footprint in two reads (its enterprise
    // application, then its grants), re-read before writing, one creation, two write batches of 22 items,
    // verification in two reads. One request per read and per permission would need about 45.
    expect(harness.graphRequests.map((r) => `${r.method} ${r.url}`)).toEqual(
      Array(10).fill('POST /v1.0/$batch'),
    );

    // Complete for everything Microsoft can grant: delegated Device.ReadWrite.All of the built-in profile is noted,
    // not missing.
    record = await run.finish();
    expect(record.outcome).toBe('verified');
    expect(record.ended).toBe(true);

    // The journal holds no token, authorization code, cookie or password.
    const journal = await readFile(join(harness.runs.directory, `${record.runId}.jsonl`), 'utf8');
    expect(journal).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
    expect(journal).not.toMatch(/refresh_token|access_token|id_token|client_info|code_verifier|[?&]code=/i);
    expect(journal).not.toContain(PRACTICE_PASSWORD);
    expect(journal.split('\n').filter((line) => line !== '').length).toBeGreaterThan(30);
  });

  it('changes nothing when run again on an onboarded tenant', async () => {
    for (const pass of [1, 2]) {
      const run = await OnboardingRun.start(harness.env, runInput('contoso.com'));
      await run.discover();
      const signedIn = run.signIn({ prompt: 'select_account' });
      // Each run has a browser session of its own: no single sign-on carries over from the first run.
      await enterCredentials(await harness.nextPage(), 'admin@contoso.com');
      await signedIn;
      const record = await run.plan();
      if (pass === 2) {
        expect(record.plan === null ? -1 : planWrites(record.plan)).toBe(0);
        expect(record.plan?.alreadyGranted).toBe(39);
      }
      await run.apply();
      const before = harness.graphRequests.length;
      const verified = await run.verify();
      // Verification alone: the service principals, then the app's grants and assignments.
      if (pass === 2) expect(harness.graphRequests.length - before).toBeLessThanOrEqual(3);
      expect(verified.verification?.counts.granted).toBe(39);
      if (pass === 2) expect(verified.writes).toEqual([]);
      await run.finish();
    }
  });
});
