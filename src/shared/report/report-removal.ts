import type { EnterpriseAppStatus } from '../offboarding/removal-check';
import { checkRemoval } from '../offboarding/removal-check';
import type { RunRecord } from '../onboarding/run-record';
import { requestedResources } from '../onboarding/write-effects';
import type { ReportRemoval, ReportRemovalRow } from './report-schema';

/**
 * An offboarding's part of the report (docs/offboarding.md): the latest read-back's rows, or, for a run that never
 * read the tenant back, what the plan found the app holding, each `not-verified`: nothing in the report then proves
 * it removed. The changes list says what was sent.
 */
export const removalOf = (record: RunRecord): ReportRemoval | null => {
  const choice = record.input.offboard;
  if (choice === undefined) return null;
  const plan = record.removalPlan;
  const check = record.removalCheck;
  const rows: ReportRemovalRow[] =
    check !== null
      ? check.rows.map((r) => ({ ...r }))
      : plan === null
        ? []
        : checkRemoval(plan, requestedResources(record.input.profile), {
            ...emptyHoldings,
            targetAppId: plan.targetAppId,
          }).rows.map((r) => ({
            ...r,
            status: 'not-verified' as const,
          }));
  const counts = { removed: 0, 'still-present': 0, 'not-present': 0, 'not-verified': 0, total: rows.length };
  for (const row of rows) counts[row.status] += 1;
  const app = plan?.enterpriseApp ?? null;
  return {
    action: choice.enterpriseApp,
    enterpriseApp: app === null ? null : { id: app.id, appId: app.appId, displayName: app.displayName },
    enterpriseAppStatus: check?.enterpriseApp ?? null,
    checkedAt: check?.at ?? null,
    attempt: check?.attempt ?? null,
    rows,
    counts,
  };
};

const emptyHoldings = {
  targetAppId: '',
  enterpriseApp: null,
  grants: [],
  assignments: [],
  resources: new Map(),
} as const;

/** How every format names what the read-back found of a permission. */
export const REMOVAL_STATUS_LABELS: Readonly<Record<ReportRemovalRow['status'], string>> = {
  removed: 'Removed',
  'still-present': 'Still present',
  'not-present': 'Not present',
  'not-verified': 'Not verified',
};

/** How every format names what the read-back found of the enterprise application. */
export const ENTERPRISE_APP_STATUS_LABELS: Readonly<Record<EnterpriseAppStatus, string>> = {
  removed: 'Deleted',
  disabled: 'Disabled',
  'still-present': 'Still present',
  'not-present': 'Not in the tenant',
};

/** The counts line of an offboarding: "40 removed, 1 not present of 41". */
export const removalCountsLine = (removal: ReportRemoval): string => {
  const order = ['removed', 'still-present', 'not-present', 'not-verified'] as const;
  const parts = order
    .filter((status) => status === 'removed' || removal.counts[status] > 0)
    .map((status) => `${removal.counts[status]} ${REMOVAL_STATUS_LABELS[status].toLowerCase()}`);
  return `${parts.join(', ')} of ${removal.counts.total} permissions`;
};

/** One sentence on the enterprise application: what was chosen and what the read-back found. */
export const enterpriseAppLine = (removal: ReportRemoval): string => {
  const app = removal.enterpriseApp;
  if (app === null) return 'The tenant held no enterprise application of the app.';
  const name = app.displayName ?? app.appId;
  const chosen = removal.action === 'delete' ? 'deleted' : 'disabled';
  const found =
    removal.enterpriseAppStatus === null
      ? 'not verified yet'
      : ENTERPRISE_APP_STATUS_LABELS[removal.enterpriseAppStatus].toLowerCase();
  return `Enterprise application ${name} (${app.id}): to be ${chosen}; found ${found}.`;
};
