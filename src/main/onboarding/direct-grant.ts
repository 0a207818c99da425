import { runGuidance } from '../../shared/guidance/run-guidance';
import { planRoleGuard, targetAppGuard } from '../../shared/onboarding/guards';
import { computePlan, type DelegatedGrantChange, type Plan } from '../../shared/onboarding/plan';
import {
  type DelegatedGrantSnapshot,
  ServicePrincipalSnapshotSchema,
  type TenantSnapshot,
} from '../../shared/onboarding/tenant-snapshot';
import {
  requestedResources,
  samePlan,
  servicePrincipalsVisible,
} from '../../shared/onboarding/write-effects';
import type { SentWrite } from './journaled-writer';
import {
  existingGrantWrites,
  grantWrites,
  type PlannedWrite,
  type PrincipalIds,
  servicePrincipalWrites,
} from './plan-requests';
import { pollUntil } from './poll-until';
import type { StepContext } from './run-environment';
import { StepStopped } from './run-errors';
import { writeRefusal } from './write-outcome';

/** What the direct grant reaches the run and the tenant through. */
export interface DirectGrantDeps extends StepContext {
  /** Reads what the tenant holds for the run's profile. */
  readonly readTenant: () => Promise<TenantSnapshot>;
  /** Reads every tenant-wide delegated grant the target's service principal holds. */
  readonly readTenantWideGrants: (clientId: string) => Promise<readonly DelegatedGrantSnapshot[]>;
  /** Sends writes, journaled; `dependsOn` as in `sendJournaledWrites`. */
  readonly write: (
    writes: readonly PlannedWrite[],
    label: string,
    dependsOn?: (
      write: PlannedWrite,
      ids: ReadonlyMap<PlannedWrite, string>,
    ) => readonly string[] | undefined,
  ) => Promise<Map<PlannedWrite, SentWrite>>;
}

/**
 * Step 6, Grant consent, by direct grant: applies the plan the technician confirmed by writing through Microsoft Graph.
 *
 * 6a. Reads the tenant again; if the plan it gives is not the one shown, records the new plan and stops (nothing
 *     unseen is written).
 * 6b. Creates the missing service principals, the target app's first and alone: if Microsoft refuses it, nothing
 *     else is sent.
 * 6c. Writes the tenant-wide delegated grants and app role assignments in as few `$batch` requests as Graph allows,
 *     sending again what failed only because a new service principal has not replicated yet, and completing
 *     grants Graph says exist already.
 */
export const applyDirectGrant = async (deps: DirectGrantDeps, shown: Plan): Promise<void> => {
  const record = deps.record();
  const target = record.input.profile.targetApp;
  const requested = requestedResources(record.input.profile);
  const planOf = (snapshot: TenantSnapshot): Plan => computePlan(target.displayName, requested, snapshot);

  // 6a. A read served by a replica behind the one that served the plan can miss what the plan saw, so while the new
  // plan differs the tenant is read again, until the replication deadline; only then is the difference a change.
  // https://devblogs.microsoft.com/identity/designing-for-eventual-consistency-for-microsoft-entra/
  const again = await pollUntil({
    ...deps.replication({
      phase: 'grant',
      message: 'Reading the tenant again: the last read did not show all the plan saw…',
    }),
    check: async () => {
      const snapshot = await deps.readTenant();
      return { snapshot, plan: planOf(snapshot) };
    },
    done: ({ plan }) => samePlan(plan, shown),
  });
  let { snapshot, plan: current } = again.value;
  if (!again.done) {
    await deps.append({ type: 'planned', at: deps.stamp(), plan: current });
    // A new plan may need an enterprise application this sign-in may not create (see planChanges).
    const account = deps.record().account;
    const role =
      account === null ? null : planRoleGuard(account, deps.record().roles, current.createServicePrincipals);
    if (role !== null && !role.passed) await deps.append({ type: 'guard', at: deps.stamp(), result: role });
    throw new StepStopped(runGuidance('plan-changed', 'The tenant changed since the plan was shown.'));
  }

  // 6b. Service principals.
  const creations = servicePrincipalWrites(current);
  if (creations.length > 0) {
    const targetWrite = creations.find(
      (w) => w.intent.kind === 'create-service-principal' && w.intent.appId === target.appId,
    );
    const results = await deps.write(creations, 'Creating enterprise applications', (item, ids) =>
      targetWrite !== undefined && item !== targetWrite ? [ids.get(targetWrite) ?? ''] : undefined,
    );
    const targetResult = targetWrite === undefined ? undefined : results.get(targetWrite);
    if (targetResult?.outcome === 'failed') {
      if (targetResult.httpStatus === 400 || targetResult.httpStatus === 404) {
        await deps.append({
          type: 'guard',
          at: deps.stamp(),
          result: targetAppGuard(target.displayName, target.appId, {
            kind: 'unknown-app',
            detail:
              targetResult.guidance?.rawMessage ?? 'Microsoft Graph refused to create its service principal.',
          }),
        });
        throw new StepStopped(runGuidance('target-app-unknown', targetResult.guidance?.rawMessage ?? ''));
      }
      throw new StepStopped(writeRefusal(targetResult));
    }
    const failed = [...results.values()].find((r) => r.outcome === 'failed');
    if (failed !== undefined) throw new StepStopped(writeRefusal(failed));

    // A service principal created just now has no grants: its own answer gives its ID and published permissions.
    const created =
      targetResult?.outcome === 'applied'
        ? ServicePrincipalSnapshotSchema.safeParse(targetResult.body)
        : null;
    if (creations.length === 1 && targetWrite !== undefined && created?.success === true) {
      snapshot = { ...snapshot, client: created.data, grants: [], assignments: [] };
    } else {
      const appIds = creations.map((w) =>
        w.intent.kind === 'create-service-principal' ? w.intent.appId : '',
      );
      const visible = await pollUntil({
        ...deps.replication({
          phase: 'grant',
          message: 'Waiting for Microsoft to replicate the new enterprise applications…',
        }),
        check: () => deps.readTenant(),
        done: (read) => servicePrincipalsVisible(appIds, read),
      });
      snapshot = visible.value;
    }
    current = planOf(snapshot);
  }

  // 6c. Delegated grants and app role assignments.
  const client = snapshot.client;
  if (client === null)
    throw new StepStopped(
      runGuidance('replication-pending', 'The app’s enterprise application is not visible yet.'),
    );
  const resourceIdByAppId: Record<string, string> = {};
  for (const [appId, sp] of Object.entries(snapshot.resources))
    if (sp !== null) resourceIdByAppId[appId] = sp.id;
  const ids: PrincipalIds = { clientId: client.id, resourceIdByAppId };
  const policy = deps.replication({
    phase: 'grant',
    message: 'Waiting for Microsoft to replicate the new enterprise applications…',
  });
  // One replication deadline for the grants and the completion of grants that exist.
  const deadline = policy.now() + policy.deadlineMs;
  // Objects created moments ago may not have replicated to where the grant is written: Graph then answers 404 or
  // 400 naming the missing object. Those are sent again after a pause; anything else stops the step.
  const replicating = (failures: readonly [PlannedWrite, SentWrite][]): boolean =>
    creations.length > 0 && failures.every(([, r]) => r.httpStatus === 404 || r.httpStatus === 400);
  let writes = grantWrites(current, ids);
  const sent = await pollUntil({
    ...policy,
    deadline,
    check: async () => {
      const results = await deps.write(writes, 'Granting permissions');
      // Graph's 409 to a new tenant-wide grant says that one exists, not that it holds every scope asked for.
      const existing = [...results.entries()].flatMap(([write, result]) =>
        write.intent.kind === 'create-grant' && result.outcome === 'already-present'
          ? [write.intent.change]
          : [],
      );
      if (existing.length > 0) await completeExistingGrants(deps, existing, ids, deadline);
      const failures = [...results.entries()].filter(([, r]) => r.outcome === 'failed');
      writes = failures.map(([write]) => write);
      return failures;
    },
    done: (failures) => failures.length === 0 || !replicating(failures),
  });
  const [first] = sent.value;
  if (first === undefined) return;
  if (!replicating(sent.value)) throw new StepStopped(writeRefusal(first[1]));
  throw new StepStopped(
    runGuidance(
      'replication-pending',
      `The new enterprise application is not visible yet where permissions are granted; Microsoft Graph said: ${first[1].guidance?.rawMessage ?? 'not found'}`,
    ),
  );
};

/**
 * Gives tenant-wide grants that Graph said exist (409 to creating them) the scopes they lack: reads them, again
 * while replication still hides them (until the deadline), and extends each with what it is missing, keeping every
 * scope it holds. A grant that holds everything already is left alone.
 */
const completeExistingGrants = async (
  deps: DirectGrantDeps,
  changes: readonly DelegatedGrantChange[],
  ids: PrincipalIds,
  deadline: number,
): Promise<void> => {
  const read = await pollUntil({
    ...deps.replication({ phase: 'grant', message: 'Reading the grants Microsoft Graph says exist…' }),
    deadline,
    check: async () => existingGrantWrites(changes, await deps.readTenantWideGrants(ids.clientId), ids),
    done: ({ unseen }) => unseen.length === 0,
  });
  const { writes, unseen } = read.value;
  if (!read.done) {
    throw new StepStopped(
      runGuidance(
        'replication-pending',
        `Microsoft Graph says a tenant-wide grant for ${unseen[0]?.resourceName ?? 'a resource'} exists, but it is not visible yet.`,
      ),
    );
  }
  if (writes.length === 0) return;
  const results = await deps.write(writes, 'Adding the missing permissions to existing grants');
  const failed = [...results.values()].find((r) => r.outcome === 'failed');
  if (failed !== undefined) throw new StepStopped(writeRefusal(failed));
};
