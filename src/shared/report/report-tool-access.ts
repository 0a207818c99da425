import {
  describeRemoval,
  KEPT_REASON_TEXT,
  notSentReason,
  type OwnAccessRemoval,
  removalObjectId,
  SKIPPED_TEXT,
  sameRemoval,
} from '../onboarding/own-access';
import type { RunRecord } from '../onboarding/run-record';
import { splitScopes } from '../onboarding/tenant-snapshot';
import type { ToolAccess, ToolAccessItem } from './report-schema';
import { reportGuidance } from './report-warnings';

type Item = ToolAccessItem;

const base = (
  item: OwnAccessRemoval,
): Omit<Item, 'status' | 'reason' | 'at' | 'httpStatus' | 'requestId' | 'guidance'> =>
  item.kind === 'grant'
    ? {
        kind: 'grant',
        objectId: removalObjectId(item),
        description: describeRemoval(item),
        consentType: item.consentType,
        principalId: item.principalId,
        scopes: splitScopes(item.scope),
      }
    : {
        kind: 'enterprise-app',
        objectId: removalObjectId(item),
        description: describeRemoval(item),
        consentType: null,
        principalId: null,
        scopes: [],
      };

const none = { reason: null, at: null, httpStatus: null, requestId: null, guidance: null } as const;

/**
 * What the report says of the tool's own access: each part of its footprint that Finish found, with what became of
 * it (removed, gone already, refused, unknown, not attempted, or kept and why). Null before Finish.
 */
export const toolAccessOf = (record: RunRecord): ToolAccess | null => {
  const own = record.ownAccess;
  if (own === null) return null;
  const { decision, removals, stopped } = own;
  const removed: Item[] = decision.remove.map((item) => {
    const sent = removals.find((r) => sameRemoval(r.removal, item));
    if (sent === undefined) {
      return {
        ...base(item),
        ...none,
        status: 'not-attempted',
        reason: notSentReason(stopped !== null),
      };
    }
    return {
      ...base(item),
      status: sent.outcome ?? 'unknown',
      reason: null,
      at: sent.finishedAt,
      httpStatus: sent.httpStatus,
      requestId: sent.requestId,
      guidance: sent.guidance === null ? null : reportGuidance(sent.guidance),
    };
  });
  const kept: Item[] = decision.keep.map(({ item, reason }) => ({
    ...base(item),
    ...none,
    status: 'kept',
    reason: KEPT_REASON_TEXT[reason],
  }));
  return {
    at: own.decidedAt,
    signInAppId: decision.footprint?.signInAppId ?? null,
    removeGrants: decision.options.removeGrants,
    deleteEnterpriseApp: decision.options.deleteEnterpriseApp,
    skipped: decision.skipped === null ? null : SKIPPED_TEXT[decision.skipped],
    items: [...removed, ...kept],
    stopped: stopped === null ? null : reportGuidance(stopped),
  };
};
