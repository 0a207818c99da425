import { runGuidance } from '../../shared/guidance/run-guidance';
import { checkRemoval } from '../../shared/offboarding/removal-check';
import {
  heldAccessId,
  planRemoval,
  type RemovalPlan,
  type TargetHoldings,
} from '../../shared/offboarding/removal-plan';
import { offboardRoleGuard, offboardTargetAppGuard } from '../../shared/onboarding/guards';
import { requestedResources } from '../../shared/onboarding/write-effects';
import type { SentWrite } from '../onboarding/journaled-writer';
import type { PlannedWrite } from '../onboarding/plan-requests';
import { pollUntil } from '../onboarding/poll-until';
import type { StepContext } from '../onboarding/run-environment';
import { StepStopped } from '../onboarding/run-errors';
import { writeRefusal } from '../onboarding/write-outcome';
import { accessRemovalWrites, enterpriseAppWrite, removalsNotVisible } from './removal-writes';

/** What the offboarding steps reach the run and the tenant through. */
export interface RemovalDeps extends StepContext {
  /** Reads everything the target app holds in the tenant. */
  readonly readHoldings: () => Promise<TargetHoldings>;
  /** Sends writes, journaled, as `sendJournaledWrites` does. */
  readonly write: (writes: readonly PlannedWrite[], label: string) => Promise<Map<PlannedWrite, SentWrite>>;
}

const choiceOf = (deps: StepContext) => {
  const offboard = deps.record().input.offboard;
  if (offboard === undefined) throw new Error('This run is not an offboarding.');
  return offboard;
};

const planOf = (deps: StepContext, holdings: TargetHoldings): RemovalPlan =>
  planRemoval(holdings, requestedResources(deps.record().input.profile), choiceOf(deps).enterpriseApp);

/**
 * Step 5, Review plan, of an offboarding: reads everything the target app holds and journals its removal. Writes
 * nothing. When the journal says removals of this run were answered already (a resumed run), the tenant is read
 * again until they are no longer visible, so the plan does not repeat them.
 */
export const planRemovalStep = async (deps: RemovalDeps): Promise<void> => {
  deps.progress('plan', 'Reading what the app holds in the tenant…');
  const answered = deps.record().writes;
  const { value: holdings } = await pollUntil({
    ...deps.replication({
      phase: 'plan',
      message: 'Waiting for Microsoft to replicate the removals made earlier in this run…',
    }),
    check: deps.readHoldings,
    done: (read) => removalsNotVisible(answered, read) === 0,
  });
  const target = deps.record().input.profile.targetApp;
  const app = holdings.enterpriseApp;
  await deps.append({
    type: 'guard',
    at: deps.stamp(),
    result: offboardTargetAppGuard(
      target.displayName,
      target.appId,
      app === null ? { kind: 'absent' } : { kind: 'present', enabled: app.accountEnabled },
    ),
  });
  const plan = planOf(deps, holdings);
  const account = deps.record().account;
  if (account !== null) {
    const role = offboardRoleGuard(account, deps.record().roles, plan.enterpriseAppChange);
    if (!role.passed) {
      await deps.append({ type: 'guard', at: deps.stamp(), result: role });
      return;
    }
  }
  await deps.append({ type: 'removal-planned', at: deps.stamp(), plan });
};

/** Whether `current` removes nothing that `shown` did not (it may remove less: some is gone already). */
const withinShown = (current: RemovalPlan, shown: RemovalPlan): boolean =>
  current.action === shown.action &&
  (current.enterpriseApp === null || current.enterpriseApp.id === shown.enterpriseApp?.id) &&
  (current.enterpriseAppChange === null || current.enterpriseAppChange === shown.enterpriseAppChange) &&
  current.remove.every((item) =>
    shown.remove.some((s) => s.kind === item.kind && heldAccessId(s) === heldAccessId(item)),
  );

/**
 * Step 6 of an offboarding, Remove access: applies the removal plan the technician confirmed.
 *
 * 6a. Reads the tenant again. What is gone already is not removed again; anything the plan did not show (granted
 *     since) stops the step with the new plan recorded, so nothing unseen is removed.
 * 6b. Disabling chosen: the enterprise application is disabled in the same `$batch` as the removals, so nobody can
 *     sign in to the app even while a removal is refused. Deleting chosen: the delegated grants and app role
 *     assignments are removed first, each answered on its own, and the enterprise application is deleted only once
 *     all of them are gone, so the journal and the report prove each removal (a deleted service principal would
 *     take its grants along unrecorded).
 *
 * A removal Graph answers 404 is gone already ("already-gone"): a resumed run repeats nothing.
 */
export const applyRemoval = async (deps: RemovalDeps, shown: RemovalPlan): Promise<void> => {
  const again = await pollUntil({
    ...deps.replication({
      phase: 'grant',
      message: 'Reading the tenant again: the last read did not show all the plan saw…',
    }),
    check: async () => planOf(deps, await deps.readHoldings()),
    done: (plan) => withinShown(plan, shown),
  });
  const current = again.value;
  if (!again.done) {
    await deps.append({ type: 'removal-planned', at: deps.stamp(), plan: current });
    throw new StepStopped(
      runGuidance('plan-changed', 'The app holds more in the tenant than the plan showed.'),
    );
  }
  const removals = accessRemovalWrites(current);
  const app = enterpriseAppWrite(current);
  const first = app !== null && app.intent.kind === 'disable-enterprise-app' ? [app, ...removals] : removals;
  const results = first.length === 0 ? new Map() : await deps.write(first, 'Removing access');
  const failed = [...results.values()].find((r) => r.outcome === 'failed');
  if (failed !== undefined) throw new StepStopped(writeRefusal(failed));
  if (app === null || app.intent.kind !== 'delete-enterprise-app') return;
  const deleted = await deps.write([app], 'Deleting the enterprise application');
  const refusedDelete = [...deleted.values()].find((r) => r.outcome === 'failed');
  if (refusedDelete !== undefined) throw new StepStopped(writeRefusal(refusedDelete));
};

/**
 * Step 7 of an offboarding, Verify: reads the tenant back and journals one row per permission (removed, still
 * present, not present) and the enterprise application's state. While removals Graph answered are still visible,
 * it reads again with a growing pause until they are gone or the replication deadline passes.
 */
export const verifyRemoval = async (deps: RemovalDeps, plan: RemovalPlan): Promise<void> => {
  const requested = requestedResources(deps.record().input.profile);
  const answered = deps.record().writes;
  const { value, attempts } = await pollUntil({
    ...deps.replication(),
    check: async (attempt) => {
      deps.progress('verify', `Reading what the app holds (check ${attempt})…`, attempt, null);
      const holdings = await deps.readHoldings();
      return {
        check: checkRemoval(plan, requested, holdings),
        lagging: removalsNotVisible(answered, holdings),
      };
    },
    done: ({ check, lagging }) => check.complete || lagging === 0,
    onWait: ({ lagging }, waitMs, attempt) =>
      deps.progress(
        'verify',
        `Waiting for Microsoft to replicate ${lagging} removal${lagging === 1 ? '' : 's'}; checking again in ${Math.ceil(waitMs / 1000)} s…`,
        attempt,
        null,
      ),
  });
  await deps.append({
    type: 'removal-verified',
    at: deps.stamp(),
    attempt: attempts,
    rows: value.check.rows,
    enterpriseApp: value.check.enterpriseApp,
    complete: value.check.complete,
  });
  if (value.lagging > 0) {
    const seconds = Math.round(deps.limits().replicationDeadlineMs / 1000);
    throw new StepStopped(
      runGuidance(
        'replication-pending',
        `${value.lagging} removal${value.lagging === 1 ? '' : 's'} made by this run ${value.lagging === 1 ? 'is' : 'are'} still visible after ${seconds} s.`,
      ),
    );
  }
};
