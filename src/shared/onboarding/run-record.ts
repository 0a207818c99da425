import { z } from 'zod';
import { type StepId, StepIdSchema, type StepState, StepStateSchema } from '../checklist/steps';
import { GuidanceSchema } from '../guidance/guidance';
import { PlanSchema } from './plan';
import {
  DiscoverySchema,
  GuardResultSchema,
  HeldRoleSchema,
  OrganizationSchema,
  type RunEntry,
  RunInputSchema,
  SignedInAccountSchema,
  WriteIntentSchema,
  WriteOutcomeSchema,
  WriteRequestSchema,
} from './run-entry';
import { ExtraPermissionSchema, PermissionStatusSchema, VerificationRowSchema } from './verification';

/** One write as the record shows it: what was sent, and how it ended (null while unknown). */
export const WriteRecordSchema = z
  .object({
    writeId: z.string(),
    intent: WriteIntentSchema,
    request: WriteRequestSchema,
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    /** Null when the run stopped before Graph's answer arrived: the write may or may not have reached the tenant. */
    outcome: WriteOutcomeSchema.nullable(),
    httpStatus: z.number().int().nullable(),
    requestId: z.string().nullable(),
    objectId: z.string().nullable(),
    guidance: GuidanceSchema.nullable(),
  })
  .readonly();

/** One write as the record shows it. */
export type WriteRecord = z.infer<typeof WriteRecordSchema>;

/** The latest verification of the run. */
export const VerificationRecordSchema = z
  .object({
    at: z.string(),
    attempt: z.number().int(),
    rows: z.array(VerificationRowSchema).readonly(),
    extras: z.array(ExtraPermissionSchema).readonly(),
    counts: z.record(PermissionStatusSchema, z.number().int().nonnegative()),
    complete: z.boolean(),
  })
  .readonly();

/** The latest verification of the run. */
export type VerificationRecord = z.infer<typeof VerificationRecordSchema>;

/** How a run ended; `interrupted` when its journal stops without an end (crash, power loss, app closed). */
export const RunOutcomeSchema = z.enum([
  'verified',
  'incomplete',
  'blocked',
  'failed',
  'cancelled',
  'interrupted',
]);

/** How a run ended. */
export type RunOutcome = z.infer<typeof RunOutcomeSchema>;

/** Everything known about one run: the fold of its journal. Reports, history and the checklist read this. */
export const RunRecordSchema = z
  .object({
    runId: z.string(),
    toolVersion: z.string(),
    practice: z.boolean(),
    input: RunInputSchema,
    startedAt: z.string(),
    /** When the run ended, or the time of its last entry if it never did. */
    endedAt: z.string().nullable(),
    lastEntryAt: z.string(),
    discovery: DiscoverySchema.nullable(),
    account: SignedInAccountSchema.nullable(),
    organization: OrganizationSchema.nullable(),
    roles: z.array(HeldRoleSchema).readonly(),
    guards: z.array(GuardResultSchema).readonly(),
    plan: PlanSchema.nullable(),
    planConfirmedAt: z.string().nullable(),
    writes: z.array(WriteRecordSchema).readonly(),
    adminConsent: z
      .object({
        openedAt: z.string(),
        returnedAt: z.string().nullable(),
        adminConsent: z.boolean().nullable(),
        error: z.string().nullable(),
        errorDescription: z.string().nullable(),
      })
      .readonly()
      .nullable(),
    verification: VerificationRecordSchema.nullable(),
    problems: z
      .array(z.object({ at: z.string(), step: z.string(), guidance: GuidanceSchema }).readonly())
      .readonly(),
    /** Whether the journal holds a `run-ended` entry. */
    ended: z.boolean(),
    /** How the run ended; null until it has. */
    outcome: RunOutcomeSchema.exclude(['interrupted']).nullable(),
  })
  .readonly();

/** Everything known about one run. */
export type RunRecord = z.infer<typeof RunRecordSchema>;

/**
 * Folds a run's journal into its record. Entries after `run-ended` are still applied (a re-verification appends
 * `verified` entries to a finished run). A journal without `run-started` is not a run: null.
 */
export const foldRun = (entries: readonly RunEntry[]): RunRecord | null => {
  const first = entries[0];
  if (first === undefined || first.type !== 'run-started') return null;
  let record: RunRecord = {
    runId: first.runId,
    toolVersion: first.toolVersion,
    practice: first.practice,
    input: first.input,
    startedAt: first.at,
    endedAt: null,
    lastEntryAt: first.at,
    discovery: null,
    account: null,
    organization: null,
    roles: [],
    guards: [],
    plan: null,
    planConfirmedAt: null,
    writes: [],
    adminConsent: null,
    verification: null,
    problems: [],
    ended: false,
    outcome: null,
  };
  for (const entry of entries.slice(1)) record = applyEntry(record, entry);
  return record;
};

/** Applies one journal entry to a run record. */
export const applyEntry = (record: RunRecord, entry: RunEntry): RunRecord => {
  const next = { ...record, lastEntryAt: entry.at };
  switch (entry.type) {
    case 'run-started':
      return next;
    case 'discovered':
      return { ...next, discovery: entry.discovery };
    case 'sign-in-started':
      // A new sign-in replaces what the previous one established.
      return { ...next, account: null, organization: null, roles: [], guards: [] };
    case 'signed-in':
      return { ...next, account: entry.account };
    case 'identity-read':
      return { ...next, organization: entry.organization, roles: entry.roles };
    case 'guard':
      return {
        ...next,
        guards: [...next.guards.filter((g) => g.guard !== entry.result.guard), entry.result],
      };
    case 'planned':
      return { ...next, plan: entry.plan, planConfirmedAt: null };
    case 'plan-confirmed':
      return { ...next, planConfirmedAt: entry.at };
    case 'write-started':
      return {
        ...next,
        writes: [
          ...next.writes,
          {
            writeId: entry.writeId,
            intent: entry.intent,
            request: entry.request,
            startedAt: entry.at,
            finishedAt: null,
            outcome: null,
            httpStatus: null,
            requestId: null,
            objectId: null,
            guidance: null,
          },
        ],
      };
    case 'write-finished':
      return {
        ...next,
        writes: next.writes.map((w) =>
          w.writeId === entry.writeId
            ? {
                ...w,
                finishedAt: entry.at,
                outcome: entry.outcome,
                httpStatus: entry.httpStatus,
                requestId: entry.requestId,
                objectId: entry.objectId,
                guidance: entry.guidance,
              }
            : w,
        ),
      };
    case 'admin-consent-opened':
      return {
        ...next,
        adminConsent: {
          openedAt: entry.at,
          returnedAt: null,
          adminConsent: null,
          error: null,
          errorDescription: null,
        },
      };
    case 'admin-consent-returned':
      return {
        ...next,
        adminConsent: {
          openedAt: next.adminConsent?.openedAt ?? entry.at,
          returnedAt: entry.at,
          adminConsent: entry.adminConsent,
          error: entry.error,
          errorDescription: entry.errorDescription,
        },
      };
    case 'verified':
      return {
        ...next,
        verification: {
          at: entry.at,
          attempt: entry.attempt,
          rows: entry.rows,
          extras: entry.extras,
          counts: entry.counts,
          complete: entry.complete,
        },
      };
    case 'problem':
      return {
        ...next,
        problems: [...next.problems, { at: entry.at, step: entry.step, guidance: entry.guidance }],
      };
    case 'run-ended': {
      // A re-verification after the end can turn an incomplete run into a verified one, and back.
      return { ...next, ended: true, endedAt: entry.at, outcome: entry.outcome };
    }
    default:
      return assertNever(entry);
  }
};

/**
 * The outcome to show: the recorded one; `in-progress` for the run this process is driving; `interrupted` for a
 * run whose journal stops without an end and that nothing drives any more (crash, power loss, app closed).
 */
export const outcomeOf = (record: RunRecord, live: boolean): RunOutcome | 'in-progress' => {
  const recorded = record.outcome;
  if (recorded === null) return live ? 'in-progress' : 'interrupted';
  // A run that ended after verifying is judged by its verification, not by the word its end recorded: journals
  // written before profile entries nobody can grant counted as done recorded `incomplete` for every such run.
  if ((recorded === 'verified' || recorded === 'incomplete') && record.verification !== null) {
    return verifiedOutcome(record.verification);
  }
  return recorded;
};

/**
 * How a verification ends a run: `verified` when the tenant holds every permission of the profile that anyone can
 * grant (entries the resource does not offer are noted, not missing), `incomplete` while something grantable is
 * missing, consented by single users only or held by a disabled service principal, or when nothing is granted.
 */
export const verifiedOutcome = (
  verification: Pick<VerificationRecord, 'counts'>,
): Extract<RunOutcome, 'verified' | 'incomplete'> =>
  fixableGaps(verification) === 0 && (verification.counts.granted ?? 0) > 0 ? 'verified' : 'incomplete';

/** How many entries of the profile nobody can grant: the resource does not offer them as requested. */
export const notGrantableCount = (verification: Pick<VerificationRecord, 'counts'>): number =>
  verification.counts['not-offered'] ?? 0;

/** Writes whose answer never arrived: they may or may not have reached the tenant. */
export const unsettledWrites = (record: RunRecord): readonly z.infer<typeof WriteRecordSchema>[] =>
  record.writes.filter((w) => w.outcome === null);

/**
 * Permissions the tenant does not fully hold yet but could: missing, consented by single users only, or held by a
 * disabled service principal. Not-offered permissions are not among them (the profile, not the tenant, must change).
 */
export const fixableGaps = (verification: Pick<VerificationRecord, 'counts'>): number =>
  (verification.counts.missing ?? 0) +
  (verification.counts['user-consent-only'] ?? 0) +
  (verification.counts['app-disabled'] ?? 0);

/** The checklist state of each step, derived from the record (steps after a blocking one stay not started). */
export const StepStatesSchema = z.record(StepIdSchema, StepStateSchema);

/** The checklist state of each step. */
export const stepStatesOf = (record: RunRecord, live: boolean): Readonly<Record<StepId, StepState>> => {
  const failedGuard = record.guards.find((g) => !g.passed);
  const problemAt = (step: string): boolean => record.problems.some((p) => p.step === step);
  const lastProblem = record.problems.at(-1)?.step;
  const guardsPassed = record.guards.length === 3 && failedGuard === undefined;
  // The grant is judged by its latest attempt: a resumed run keeps the unanswered writes and the problem of the
  // attempt the connection dropped, which the attempt after it made good.
  const since = record.planConfirmedAt;
  const attemptWrites = since === null ? [] : record.writes.filter((w) => w.startedAt >= since);
  const attemptProblem =
    since !== null &&
    record.problems.some((p) => p.at >= since && (p.step === 'grant' || p.step === 'admin-consent'));
  const consent = record.adminConsent;
  const grantDone =
    since !== null &&
    !attemptProblem &&
    (record.input.strategy === 'direct-grant'
      ? attemptWrites.every((w) => w.outcome === 'applied' || w.outcome === 'already-present')
      : consent !== null &&
        consent.returnedAt !== null &&
        consent.returnedAt >= since &&
        consent.adminConsent === true &&
        consent.error === null);

  const state = (done: boolean, started: boolean, problem: boolean): StepState =>
    problem ? 'needs-attention' : done ? 'done' : started && live ? 'in-progress' : 'not-started';

  const verification = record.verification;
  return {
    client: 'done',
    preflight: record.discovery !== null ? 'done' : problemAt('discover') ? 'needs-attention' : 'not-started',
    'sign-in':
      record.account !== null ? 'done' : state(false, record.discovery !== null, lastProblem === 'sign-in'),
    identity:
      failedGuard !== undefined
        ? 'blocked'
        : guardsPassed
          ? 'done'
          : state(false, record.account !== null, lastProblem === 'identity'),
    plan:
      record.planConfirmedAt !== null
        ? 'done'
        : state(false, guardsPassed, lastProblem === 'plan') === 'not-started' && record.plan !== null
          ? 'in-progress'
          : state(false, guardsPassed, lastProblem === 'plan'),
    grant: grantDone
      ? 'done'
      : attemptProblem || attemptWrites.some((w) => w.outcome === 'failed')
        ? 'needs-attention'
        : state(false, since !== null, false),
    // Done once nothing the tenant could still be given is missing: a permission the resource does not offer is
    // reported (never counted as granted) but needs a corrected profile, not another try in this tenant.
    verify:
      verification === null
        ? state(false, grantDone, lastProblem === 'verify')
        : fixableGaps(verification) === 0
          ? 'done'
          : 'needs-attention',
    report: record.ended ? 'done' : 'not-started',
  };
};

const assertNever = (value: never): never => {
  throw new Error(`Unexpected journal entry: ${JSON.stringify(value)}`);
};
