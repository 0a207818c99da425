import { planRoleGuard, targetAppGuard } from '../../shared/onboarding/guards';
import type { OwnFootprint } from '../../shared/onboarding/own-access';
import { computePlan } from '../../shared/onboarding/plan';
import type { TenantSnapshot } from '../../shared/onboarding/tenant-snapshot';
import { requestedResources, writeVisible } from '../../shared/onboarding/write-effects';
import { pollUntil } from './poll-until';
import type { StepContext } from './run-environment';

/**
 * Step 5, Review plan: reads what the tenant holds, checks the target app (absent, present, disabled) and journals
 * exactly what applying would change. Writes nothing to the tenant.
 *
 * When the journal says earlier writes were applied (a resumed run), the tenant is read again until they are
 * visible, so the plan does not repeat them; writes whose answer never came are covered by Graph's "already exists"
 * answers. A Privileged Role Administrator may grant but not create enterprise applications, so a direct-grant plan
 * that needs one blocks at Confirm identity instead of meeting Graph's 403 half-way through the grant.
 */
export const planChanges = async (
  context: StepContext,
  readTenant: () => Promise<TenantSnapshot>,
  readToolFootprint: () => Promise<OwnFootprint | null>,
): Promise<void> => {
  context.progress('plan', 'Reading what the tenant holds…');
  const applied = context.record().writes.filter((w) => w.outcome === 'applied');
  const { value: snapshot } = await pollUntil({
    ...context.replication({
      phase: 'plan',
      message: 'Waiting for Microsoft to replicate the changes made earlier in this run…',
    }),
    check: readTenant,
    done: (read) => applied.every((w) => writeVisible(w.intent, read)),
  });
  const record = context.record();
  const target = record.input.profile.targetApp;
  const guard = targetAppGuard(
    target.displayName,
    target.appId,
    snapshot.client === null
      ? { kind: 'absent' }
      : { kind: 'present', enabled: snapshot.client.accountEnabled },
  );
  await context.append({ type: 'guard', at: context.stamp(), result: guard });
  const plan = computePlan(target.displayName, requestedResources(record.input.profile), snapshot);
  if (record.input.strategy === 'direct-grant' && record.account !== null) {
    const role = planRoleGuard(record.account, record.roles, plan.createServicePrincipals);
    if (!role.passed) {
      await context.append({ type: 'guard', at: context.stamp(), result: role });
      return;
    }
  }
  // What the tool itself holds, so the plan can say what stays behind and what Finish removes.
  const toolFootprint = await readToolFootprint();
  await context.append({ type: 'planned', at: context.stamp(), plan: { ...plan, toolFootprint } });
};
