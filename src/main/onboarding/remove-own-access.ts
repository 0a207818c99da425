import {
  decideOwnAccess,
  type OwnAccessOptions,
  type OwnAccessRemoval,
  type OwnFootprint,
  type RemovalOutcome,
} from '../../shared/onboarding/own-access';
import type { SignedInAccount } from '../../shared/onboarding/run-entry';
import { type BatchItem, runBatched, type SendBatch } from '../graph/batch';
import { type FetchPage, readTenantSnapshot } from './read-snapshot';
import type { StepContext } from './run-environment';
import { guidanceForFailure } from './run-errors';
import { refusalGuidance, settledRequestId } from './write-outcome';

/** What removing the tool's own access reaches the tenant through: the run's signed-in session. */
export interface OwnAccessDeps {
  readonly sendBatch: SendBatch;
  readonly fetchPage: FetchPage;
  readonly sleep: (ms: number) => Promise<void>;
  /** The sign-in app's application (client) ID in the tenant's cloud. */
  readonly signInAppId: string;
  readonly account: SignedInAccount;
}

/** Reads the tool's enterprise application and every delegated grant it holds, as one snapshot of the tool. */
export const readOwnFootprint = async (
  context: StepContext,
  deps: Pick<OwnAccessDeps, 'sendBatch' | 'fetchPage' | 'signInAppId'>,
): Promise<OwnFootprint> => {
  const snapshot = await readTenantSnapshot(
    deps.sendBatch,
    deps.fetchPage,
    deps.signInAppId,
    [],
    context.replication(),
  );
  const app = snapshot.client;
  return {
    signInAppId: deps.signInAppId,
    enterpriseApp: app === null ? null : { id: app.id, appId: app.appId, displayName: app.displayName },
    grants: snapshot.grants,
  };
};

const requestOf = (removal: OwnAccessRemoval): BatchItem['url'] =>
  removal.kind === 'grant'
    ? `/oauth2PermissionGrants/${encodeURIComponent(removal.grantId)}`
    : `/servicePrincipals/${encodeURIComponent(removal.servicePrincipalId)}`;

/** How Graph's answer to a DELETE ends a removal: 204 removed it, 404 found it gone already. */
const removalOutcome = (status: number): RemovalOutcome =>
  status >= 200 && status < 300 ? 'removed' : status === 404 ? 'already-gone' : 'failed';

/**
 * Sends removals through `$batch`, journaling each before it is sent and as its answer is final. A 404 is "already
 * gone": a removal's goal is met whoever removed it, so a Finish taken up again after a crash removes nothing twice.
 */
const sendRemovals = async (
  context: StepContext,
  deps: OwnAccessDeps,
  removals: readonly OwnAccessRemoval[],
): Promise<ReadonlyMap<OwnAccessRemoval, RemovalOutcome>> => {
  const done = context.record().ownAccess?.removals.length ?? 0;
  const byId = new Map(removals.map((removal, index) => [`r${done + index + 1}`, removal]));
  const items: BatchItem[] = [...byId.entries()].map(([id, removal]) => ({
    id,
    method: 'DELETE',
    url: requestOf(removal),
  }));
  const outcomes = new Map<OwnAccessRemoval, RemovalOutcome>();
  await runBatched(deps.sendBatch, items, {
    sleep: deps.sleep,
    beforeSend: async (batch) => {
      for (const item of batch) {
        const removal = byId.get(item.id);
        if (
          removal === undefined ||
          context.record().ownAccess?.removals.some((r) => r.removalId === item.id)
        )
          continue;
        await context.append({
          type: 'own-access-removal-started',
          at: context.stamp(),
          removalId: item.id,
          removal,
          request: { method: 'DELETE', url: item.url, body: null },
        });
      }
    },
    onSettled: async (id, settled) => {
      const removal = byId.get(id);
      if (removal === undefined) return;
      const outcome = removalOutcome(settled.response.status);
      outcomes.set(removal, outcome);
      const requestId = settledRequestId(settled);
      await context.append({
        type: 'own-access-removal-finished',
        at: context.stamp(),
        removalId: id,
        outcome,
        httpStatus: settled.response.status,
        requestId,
        guidance: outcome === 'failed' ? refusalGuidance(settled, requestId) : null,
      });
    },
  });
  return outcomes;
};

/**
 * At Finish: reads what the tool itself holds in the tenant, journals what it will remove and keep, then removes
 * the grants and, when chosen and every grant is gone, the enterprise application. Nothing here throws for a
 * refusal or a failed read: it is journaled with guidance, and the onboarding's outcome does not change.
 */
export const removeOwnAccess = async (
  context: StepContext,
  deps: OwnAccessDeps,
  options: OwnAccessOptions,
): Promise<void> => {
  context.progress('finish', 'Reading the tool’s own access to the tenant…');
  let footprint: OwnFootprint;
  try {
    footprint = await readOwnFootprint(context, deps);
  } catch (error) {
    await context.append({
      type: 'own-access-read',
      at: context.stamp(),
      decision: { options, skipped: null, footprint: null, remove: [], keep: [] },
    });
    await context.append({
      type: 'own-access-stopped',
      at: context.stamp(),
      guidance: guidanceForFailure(error),
    });
    return;
  }
  const { remove, keep } = decideOwnAccess(footprint, deps.account.objectId, options);
  await context.append({
    type: 'own-access-read',
    at: context.stamp(),
    decision: { options, skipped: null, footprint, remove, keep },
  });
  if (remove.length === 0) return;
  context.progress('finish', 'Removing the tool’s own access…');
  const grants = remove.filter((r) => r.kind === 'grant');
  const app = remove.filter((r) => r.kind === 'enterprise-app');
  try {
    const outcomes = await sendRemovals(context, deps, grants);
    // The enterprise application goes last, and only once none of its grants is left: a grant names it.
    const grantsGone = grants.every((g) => {
      const outcome = outcomes.get(g);
      return outcome !== undefined && outcome !== 'failed';
    });
    if (grantsGone && app.length > 0) await sendRemovals(context, deps, app);
  } catch (error) {
    // The `$batch` itself failed (a dropped connection, Graph's refusal of the whole request): what was sent is
    // journaled as started without an answer.
    await context.append({
      type: 'own-access-stopped',
      at: context.stamp(),
      guidance: guidanceForFailure(error),
    });
  }
};
