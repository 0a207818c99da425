import { STEP_TITLES, type StepId } from '../checklist/steps';
import type { RunRecord } from '../onboarding/run-record';
import { countByStatus, type outcomeOf } from '../onboarding/run-status';
import type { VerificationRow } from '../onboarding/verification';
import { PERMISSION_TYPES, type PermissionType } from '../profile/permission-type';
import { PERMISSION_TYPE_LABELS } from './report-labels';
import type { ReportCounts, ReportPermission } from './report-schema';

/** One verified permission as the report's table shows it. */
export const reportRow = (row: VerificationRow): ReportPermission => ({
  resourceAppId: row.resourceAppId,
  resourceName: row.resourceName,
  type: row.type,
  name: row.name,
  id: row.id,
  status: row.status,
  evidence: {
    kind: row.evidence.kind,
    objectId: row.evidence.objectId,
    createdDateTime: row.evidence.createdDateTime,
    principalIds: row.evidence.principalIds,
    note: row.evidence.note,
  },
});

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The profile's permissions as rows when the run never verified: nothing proves any of them granted. */
export const unverifiedRows = (
  record: RunRecord,
  stoppedAt: StepId | null,
  outcome: ReturnType<typeof outcomeOf>,
): readonly ReportPermission[] => {
  const where =
    stoppedAt === null
      ? 'the run has no verification'
      : `the run ${outcome === 'in-progress' ? 'is at' : 'stopped at'} the ${STEP_TITLES[stoppedAt]} step${
          outcome === 'in-progress' ? '' : ` (${outcome})`
        } before the permissions were verified`;
  const note = `Not verified: ${where}. Nothing in this report proves it granted.`;
  const plan = record.plan;
  return record.input.profile.permissions.flatMap((resource) =>
    PERMISSION_TYPES.flatMap((type) =>
      (resource[type] ?? []).map((permission): ReportPermission => {
        const base = {
          resourceAppId: resource.resourceAppId,
          resourceName: resource.resourceDisplayName,
          type,
          name: permission.name,
        };
        const notOffered = plan?.notOffered.find(
          (n) =>
            n.resourceAppId === resource.resourceAppId &&
            n.type === type &&
            sameName(n.name, permission.name),
        );
        if (notOffered !== undefined) {
          return { ...base, id: null, status: 'not-offered', evidence: noEvidence(notOffered.reason) };
        }
        // The plan knows an application permission's app role ID; a delegated scope's ID is not in the record.
        const role =
          type === 'application'
            ? plan?.appRoleAssignments.find(
                (a) => a.resourceAppId === resource.resourceAppId && sameName(a.value, permission.name),
              )
            : undefined;
        return { ...base, id: role?.appRoleId ?? null, status: 'missing', evidence: noEvidence(note) };
      }),
    ),
  );
};

const noEvidence = (note: string): ReportPermission['evidence'] => ({
  kind: 'none',
  objectId: null,
  createdDateTime: null,
  principalIds: [],
  note,
});

const article = (type: PermissionType): string => (type === 'application' ? 'an' : 'a');

const otherType = (type: PermissionType): PermissionType =>
  type === 'delegated' ? 'application' : 'delegated';

/**
 * Says in words why a permission is not offered. Verification and plan record only the reason's code
 * (`not-published`, `disabled`); a note that is already a sentence is kept.
 * https://learn.microsoft.com/graph/permissions-reference
 */
export const explainNotOffered = (rows: readonly ReportPermission[]): readonly ReportPermission[] =>
  rows.map((row) => {
    if (row.status !== 'not-offered') return row;
    const type = PERMISSION_TYPE_LABELS[row.type].toLowerCase();
    const other = otherType(row.type);
    // The record keeps no "published as the other type" fact; a row of the other type with an ID proves it.
    const publishedAsOther = rows.some(
      (r) =>
        r.resourceAppId === row.resourceAppId &&
        r.type === other &&
        sameName(r.name, row.name) &&
        r.id !== null,
    );
    const alsoOther = publishedAsOther
      ? ` It is published as ${article(other)} ${other} permission, which is requested too.`
      : '';
    switch (row.evidence.note) {
      case 'not-published':
        return {
          ...row,
          evidence: {
            ...row.evidence,
            note: `${row.resourceName} does not publish ${row.name} as ${article(row.type)} ${type} permission, so it cannot be granted as one.${alsoOther}`,
          },
        };
      case 'disabled':
        return {
          ...row,
          evidence: {
            ...row.evidence,
            note: `${row.resourceName} publishes ${row.name} as ${article(row.type)} ${type} permission but has disabled it, so Microsoft Entra will not grant it.`,
          },
        };
      default:
        return row;
    }
  });

/** The report's counts by status, and the total. */
export const countRows = (rows: readonly ReportPermission[]): ReportCounts => ({
  ...countByStatus(rows),
  total: rows.length,
});
