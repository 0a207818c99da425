import type { RunLimits } from '../../src/main/onboarding/run-environment';
import { createRunSpace, type PracticeHost, type RunSpace, startPracticeHost } from '../bench/practice-stage';
import { type FreshTenant, scenarioWithFreshTenants } from './fresh-tenants';

/**
 * One lane of the suite: a practice tenant (with a Chromium trusting it) holding enough fresh copies of Contoso for
 * every cell and trial the lane may run. A lane runs one cell at a time, since the practice tenant's faults and
 * latency apply to all its tenants; lanes run side by side.
 */
export interface Lane {
  readonly host: PracticeHost;
  /** A fresh tenant no run of this lane has touched. */
  nextTenant(): FreshTenant;
  close(): Promise<void>;
}

/** Starts a lane with `tenants` fresh tenants. */
export const startLane = async (tenants: number): Promise<Lane> => {
  const fresh = scenarioWithFreshTenants(tenants);
  const host = await startPracticeHost({ scenario: fresh.scenario });
  let used = 0;
  return {
    host,
    nextTenant: () => {
      const tenant = fresh.tenants[used];
      if (tenant === undefined) throw new Error(`The lane's ${tenants} fresh tenants are used up.`);
      used += 1;
      return tenant;
    },
    close: () => host.close(),
  };
};

/** What one cell or trial works with: its lane's practice tenant, a fresh tenant and a runs folder of its own. */
export interface CellStage {
  readonly host: PracticeHost;
  readonly tenant: FreshTenant;
  readonly space: RunSpace;
  /** Puts the practice tenant's knobs back to normal and deletes the runs folder. */
  close(): Promise<void>;
}

/** Opens a {@link CellStage} on the lane's next fresh tenant, with the practice tenant's knobs at rest. */
export const openCellStage = async (lane: Lane, limits: Partial<RunLimits> = {}): Promise<CellStage> => {
  const knobs = lane.host.practice.knobs;
  const reset = (): void => {
    knobs.clearFaults();
    knobs.setLatency(0);
  };
  reset();
  knobs.requestLog.clear();
  const tenant = lane.nextTenant();
  const space = await createRunSpace(lane.host, { upn: tenant.upn, limits });
  return {
    host: lane.host,
    tenant,
    space,
    close: async () => {
      reset();
      knobs.setTenant(tenant.tenantId, { replicationDelaySeconds: 0, replicaLagSeconds: [] });
      await space.close();
    },
  };
};
