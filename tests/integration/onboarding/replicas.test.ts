import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  builtinTenantIds,
  TARGET_APP_ID,
} from '../../../src/main/practice-tenant/directory/builtin-scenario';
import { type Harness, signedInRun, startHarness } from './harness';

// Entra ID replicates writes across directory replicas asynchronously, and reads are not pinned to one replica: a
// read can miss what the read before it saw.
// https://devblogs.microsoft.com/identity/designing-for-eventual-consistency-for-microsoft-entra/

const LAG_SECONDS = 60;

describe('reads served by replicas that lag behind each other', () => {
  let harness: Harness;
  beforeEach(async () => {
    // The run's pauses between reads are skipped; the replica that lags stays behind for the whole test.
    harness = await startHarness({ sleep: 'instant' });
  });
  afterEach(async () => {
    await harness?.close();
  });

  it('reads again when the grants of the service principal just found are not there yet, then onboards', async () => {
    const run = await signedInRun(harness, 'contoso.com', 'admin@contoso.com');
    // Another administrator created the target app's enterprise application a moment ago: every replica but the
    // third has it.
    harness.practice.directory.createServicePrincipal(builtinTenantIds.contoso, TARGET_APP_ID);
    const knobs = harness.practice.knobs;
    const served: number[] = [];
    const next = knobs.nextReplicaLagMs.bind(knobs);
    knobs.nextReplicaLagMs = (tenantId) => {
      const lag = next(tenantId);
      served.push(lag);
      return lag;
    };
    // The plan's first $batch reads the target's and Microsoft Graph's service principals (first two replicas),
    // the second reads the target's grants from the third, which does not know the target yet: 404.
    knobs.setTenant(builtinTenantIds.contoso, { replicaLagSeconds: [0, 0, LAG_SECONDS] });

    let record = await run.plan();
    expect(record.problems).toEqual([]);
    expect(served.slice(0, 3)).toEqual([0, 0, LAG_SECONDS * 1000]);
    expect(record.plan?.createServicePrincipals).toEqual([]);

    record = await run.apply();
    expect(record.problems).toEqual([]);
    expect(record.writes.every((w) => w.outcome === 'applied')).toBe(true);
    record = await run.verify();
    expect(record.problems).toEqual([]);
    expect(record.verification?.counts).toMatchObject({ granted: 39, missing: 0 });
    await run.finish();
  });
});
