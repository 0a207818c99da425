import { z } from 'zod';
import { guidanceFromGraphError } from '../../shared/guidance/from-graph-error';
import type { Guidance } from '../../shared/guidance/guidance';
import { runGuidance } from '../../shared/guidance/run-guidance';
import type { WriteIntent } from '../../shared/onboarding/run-entry';
import type { SettledItem } from '../graph/batch';
import { itemRequestId } from '../graph/unexpected-answer';

/** How one write ended, as the journal records it. */
export interface WriteResult {
  readonly outcome: 'applied' | 'already-present' | 'already-gone' | 'failed';
  readonly httpStatus: number;
  readonly requestId: string | null;
  readonly objectId: string | null;
  readonly guidance: Guidance | null;
}

const ErrorBodySchema = z.looseObject({
  error: z.looseObject({ code: z.string().nullish(), message: z.string().nullish() }),
});
const CreatedSchema = z.looseObject({ id: z.string() });

/** The `request-id` Graph gave a settled `$batch` item: its own, or else its batch's. */
export const settledRequestId = (settled: SettledItem): string | null =>
  itemRequestId(settled.response.headers) ?? settled.batchRequestId;

/** Graph's refusal of one `$batch` item as guidance, naming the item's `request-id` for Microsoft support. */
export const refusalGuidance = (settled: SettledItem, requestId: string | null): Guidance => {
  const { status, body, headers } = settled.response;
  const guidance = guidanceFromGraphError({ status, body, headers: headers ?? {} });
  return guidance.support.requestId === undefined && requestId !== null
    ? { ...guidance, support: { ...guidance.support, requestId } }
    : guidance;
};

/**
 * Whether Graph's refusal says the object is already there, which makes the write's goal met: a second tenant-wide
 * grant for the same client and resource (409 "Permission entry already exists."), a service principal for an appId
 * that has one (409 `Request_MultipleObjectsWithSameKeyValue`), or an app role assignment that exists (400
 * "Permission being assigned already exists on the object"). A resumed run relies on this when its earlier write
 * reached the tenant but its answer did not reach the tool.
 */
export const isAlreadyPresent = (intent: WriteIntent, status: number, body: unknown): boolean => {
  const parsed = ErrorBodySchema.safeParse(body);
  const code = parsed.success ? (parsed.data.error.code ?? '') : '';
  const message = parsed.success ? (parsed.data.error.message ?? '') : '';
  switch (intent.kind) {
    case 'create-service-principal':
    case 'create-grant':
      return (
        status === 409 &&
        (code === 'Request_MultipleObjectsWithSameKeyValue' || /already exists/i.test(message))
      );
    case 'assign-app-role':
      return status === 400 && /already exists/i.test(message);
    case 'extend-grant':
    case 'remove-access':
    case 'disable-enterprise-app':
    case 'delete-enterprise-app':
      return false;
  }
};

/**
 * Whether Graph's refusal says the object a removal names is gone already, which makes the removal's goal met: 404
 * to deleting a grant, an app role assignment or a service principal, or to disabling a deleted one. A resumed
 * offboarding relies on this when its earlier removal reached the tenant but its answer did not reach the tool.
 */
const isAlreadyGone = (intent: WriteIntent, status: number): boolean =>
  status === 404 &&
  (intent.kind === 'remove-access' ||
    intent.kind === 'disable-enterprise-app' ||
    intent.kind === 'delete-enterprise-app');

/** Classifies one write's final answer inside a `$batch`. */
export const writeResult = (intent: WriteIntent, settled: SettledItem): WriteResult => {
  const { status, body } = settled.response;
  const requestId = settledRequestId(settled);
  if (status >= 200 && status < 300) {
    const created = CreatedSchema.safeParse(body);
    const objectId = created.success
      ? created.data.id
      : intent.kind === 'extend-grant'
        ? intent.change.grantId
        : null;
    return { outcome: 'applied', httpStatus: status, requestId, objectId, guidance: null };
  }
  if (isAlreadyGone(intent, status)) {
    return { outcome: 'already-gone', httpStatus: status, requestId, objectId: null, guidance: null };
  }
  if (isAlreadyPresent(intent, status, body)) {
    return { outcome: 'already-present', httpStatus: status, requestId, objectId: null, guidance: null };
  }
  return {
    outcome: 'failed',
    httpStatus: status,
    requestId,
    objectId: null,
    guidance: refusalGuidance(settled, requestId),
  };
};

/** The guidance of a write Graph refused: its own, or the catalog's when its answer carried none. */
export const writeRefusal = (result: Pick<WriteResult, 'guidance' | 'httpStatus'>): Guidance =>
  result.guidance ?? runGuidance('writes-refused', `Microsoft Graph answered ${result.httpStatus}.`);
