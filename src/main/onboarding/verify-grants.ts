import { runGuidance } from '../../shared/guidance/run-guidance';
import type { TenantSnapshot } from '../../shared/onboarding/tenant-snapshot';
import { type Verification, verifyPermissions } from '../../shared/onboarding/verification';
import {
  expectedPermissions,
  permissionKey,
  requestedResources,
} from '../../shared/onboarding/write-effects';
import { pollUntil } from './poll-until';
import type { StepContext } from './run-environment';
import { StepStopped } from './run-errors';

/**
 * Step 7, Verify: verifies every listed permission against what the tenant holds, read back from Graph, and
 * journals the result. While writes of this run (or the administrator's consent) are not all visible yet, it reads
 * again with a growing pause until they are or the replication deadline passes; then it stops with what is still
 * not visible. https://learn.microsoft.com/graph/known-issues (replication delay)
 */
export const verifyGrants = async (
  context: StepContext,
  readTenant: () => Promise<TenantSnapshot>,
): Promise<void> => {
  const record = context.record();
  const requested = requestedResources(record.input.profile);
  const expected = expectedPermissions(record);
  const notVisible = (verification: Verification): number => {
    const visible = new Set(
      verification.rows
        .filter((r) => r.status === 'granted' || r.status === 'app-disabled')
        .map((r) => permissionKey(r.resourceAppId, r.type, r.name)),
    );
    return [...expected].filter((key) => !visible.has(key)).length;
  };
  const { value: verification, attempts } = await pollUntil({
    ...context.replication(),
    check: async (attempt) => {
      context.progress('verify', `Reading the tenant’s permissions (check ${attempt})…`, attempt, null);
      return verifyPermissions(requested, await readTenant());
    },
    done: (read) => read.complete || notVisible(read) === 0,
    onWait: (read, waitMs, attempt) => {
      const count = notVisible(read);
      context.progress(
        'verify',
        `Waiting for Microsoft to replicate ${count} change${count === 1 ? '' : 's'}; checking again in ${Math.ceil(waitMs / 1000)} s…`,
        attempt,
        null,
      );
    },
  });
  await context.append({
    type: 'verified',
    at: context.stamp(),
    attempt: attempts,
    rows: verification.rows,
    extras: verification.extras,
    counts: verification.counts,
    complete: verification.complete,
  });
  const missing = notVisible(verification);
  if (missing > 0) {
    const seconds = Math.round(context.limits().replicationDeadlineMs / 1000);
    throw new StepStopped(
      runGuidance(
        'replication-pending',
        `${missing} permission${missing === 1 ? '' : 's'} granted by this run ${missing === 1 ? 'is' : 'are'} not visible yet after ${seconds} s.`,
      ),
    );
  }
};
