import { describeWrite } from '../onboarding/describe-write';
import type { RunRecord, WriteRecord } from '../onboarding/run-record';
import type { ReportChange } from './report-schema';

const changeOf = (write: WriteRecord): ReportChange => {
  const kind = write.intent.kind;
  const base = {
    id: write.writeId,
    method: write.request.method,
    url: write.request.url,
    startedAt: write.startedAt,
    finishedAt: write.finishedAt,
    outcome: write.outcome ?? 'unknown',
    httpStatus: write.httpStatus,
    requestId: write.requestId,
    objectId: write.objectId,
  } as const;
  const { change, resourceAppId, resourceName, permissions } = describeWrite(write.intent);
  return { ...base, kind, summary: change, resourceAppId, resourceName, permissions };
};

/** Every change in the order it started: the journal's writes, and Microsoft's admin-consent page if used. */
export const changesOf = (record: RunRecord): readonly ReportChange[] => {
  const changes = record.writes.map(changeOf);
  const consent = record.adminConsent;
  if (consent === null) return changes;
  const adminConsent: ReportChange = {
    id: 'admin-consent',
    kind: 'admin-consent',
    summary: `Admin consent on Microsoft’s page for ${record.input.profile.targetApp.displayName} (every permission its registration requests)`,
    resourceAppId: null,
    resourceName: null,
    permissions: [],
    method: null,
    url: null,
    startedAt: consent.openedAt,
    finishedAt: consent.returnedAt,
    outcome:
      consent.returnedAt === null
        ? 'unknown'
        : consent.adminConsent === true && consent.error === null
          ? 'applied'
          : 'failed',
    httpStatus: null,
    requestId: null,
    objectId: null,
  };
  const at = Date.parse(consent.openedAt);
  const index = changes.findIndex((c) => Date.parse(c.startedAt) > at);
  return index < 0
    ? [...changes, adminConsent]
    : [...changes.slice(0, index), adminConsent, ...changes.slice(index)];
};
