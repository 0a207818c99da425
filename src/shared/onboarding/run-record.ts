import { z } from 'zod';
import { assertNever } from '../assert-never';
import { GuidanceSchema } from '../guidance/guidance';
import { EnterpriseAppStatusSchema, RemovalRowSchema } from '../offboarding/removal-check';
import { RemovalPlanSchema } from '../offboarding/removal-plan';
import { OwnAccessDecisionSchema, OwnAccessRemovalSchema, RemovalOutcomeSchema } from './own-access';
import { PlanSchema } from './plan';
import {
  DiscoverySchema,
  GuardResultSchema,
  HeldRoleSchema,
  OrganizationSchema,
  ProblemStepSchema,
  type RunEntry,
  RunInputSchema,
  SignedInAccountSchema,
  WriteIntentSchema,
  WriteOutcomeSchema,
  WriteRequestSchema,
} from './run-entry';
import { ExtraPermissionSchema, PermissionStatusSchema, VerificationRowSchema } from './verification';

/**
 * A Graph request the run sent, as the record shows it: what was sent, when, and Graph's answer (each null while
 * unknown: the run stopped before the answer arrived, and the request may or may not have reached the tenant).
 */
const sentRequestShape = {
  request: WriteRequestSchema,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
  requestId: z.string().nullable(),
  guidance: GuidanceSchema.nullable(),
};

/** The fields of a sent request that its answer sets. */
const unanswered = { finishedAt: null, httpStatus: null, requestId: null, guidance: null } as const;

/** One write as the record shows it: what was sent, and how it ended (null while unknown). */
export const WriteRecordSchema = z
  .object({
    ...sentRequestShape,
    writeId: z.string(),
    intent: WriteIntentSchema,
    outcome: WriteOutcomeSchema.nullable(),
    objectId: z.string().nullable(),
  })
  .readonly();

/** One write as the record shows it. */
export type WriteRecord = z.infer<typeof WriteRecordSchema>;

/** One removal of the tool's own access as the record shows it (null outcome: its answer never arrived). */
export const RemovalRecordSchema = z
  .object({
    ...sentRequestShape,
    removalId: z.string(),
    removal: OwnAccessRemovalSchema,
    outcome: RemovalOutcomeSchema.nullable(),
  })
  .readonly();

/** One removal of the tool's own access as the record shows it. */
export type RemovalRecord = z.infer<typeof RemovalRecordSchema>;

/** What the latest Finish did about the tool's own access. */
export const OwnAccessRecordSchema = z
  .object({
    decidedAt: z.string(),
    decision: OwnAccessDecisionSchema,
    removals: z.array(RemovalRecordSchema).readonly(),
    /** Why reading or removing stopped, if it did. */
    stopped: GuidanceSchema.nullable(),
  })
  .readonly();

/** What the latest Finish did about the tool's own access. */
export type OwnAccessRecord = z.infer<typeof OwnAccessRecordSchema>;

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

/** The latest read-back of an offboarding run's removals. */
export const RemovalCheckRecordSchema = z
  .object({
    at: z.string(),
    attempt: z.number().int(),
    rows: z.array(RemovalRowSchema).readonly(),
    enterpriseApp: EnterpriseAppStatusSchema,
    complete: z.boolean(),
  })
  .readonly();

/** The latest read-back of an offboarding run's removals. */
export type RemovalCheckRecord = z.infer<typeof RemovalCheckRecordSchema>;

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
    /** An offboarding run's plan (its `plan` stays null). */
    removalPlan: RemovalPlanSchema.nullable(),
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
    /** An offboarding run's latest read-back (its `verification` stays null). */
    removalCheck: RemovalCheckRecordSchema.nullable(),
    problems: z
      .array(z.object({ at: z.string(), step: ProblemStepSchema, guidance: GuidanceSchema }).readonly())
      .readonly(),
    /** What the latest Finish did about the tool's own access; null before Finish (and in older journals). */
    ownAccess: OwnAccessRecordSchema.nullable(),
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
    removalPlan: null,
    planConfirmedAt: null,
    writes: [],
    adminConsent: null,
    verification: null,
    removalCheck: null,
    problems: [],
    ownAccess: null,
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
    case 'removal-planned':
      return { ...next, removalPlan: entry.plan, planConfirmedAt: null };
    case 'plan-confirmed':
      return { ...next, planConfirmedAt: entry.at };
    case 'write-started':
      return {
        ...next,
        writes: [
          ...next.writes,
          {
            ...unanswered,
            writeId: entry.writeId,
            intent: entry.intent,
            request: entry.request,
            startedAt: entry.at,
            outcome: null,
            objectId: null,
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
    case 'removal-verified':
      return {
        ...next,
        removalCheck: {
          at: entry.at,
          attempt: entry.attempt,
          rows: entry.rows,
          enterpriseApp: entry.enterpriseApp,
          complete: entry.complete,
        },
      };
    case 'problem':
      return {
        ...next,
        problems: [...next.problems, { at: entry.at, step: entry.step, guidance: entry.guidance }],
      };
    case 'own-access-read':
      return {
        ...next,
        ownAccess: { decidedAt: entry.at, decision: entry.decision, removals: [], stopped: null },
      };
    case 'own-access-stopped':
      return next.ownAccess === null
        ? next
        : { ...next, ownAccess: { ...next.ownAccess, stopped: entry.guidance } };
    case 'own-access-removal-started': {
      const own = next.ownAccess;
      if (own === null) return next;
      const started: RemovalRecord = {
        ...unanswered,
        removalId: entry.removalId,
        removal: entry.removal,
        request: entry.request,
        startedAt: entry.at,
        outcome: null,
      };
      return { ...next, ownAccess: { ...own, removals: [...own.removals, started] } };
    }
    case 'own-access-removal-finished': {
      const own = next.ownAccess;
      if (own === null) return next;
      const removals = own.removals.map((r) =>
        r.removalId === entry.removalId
          ? {
              ...r,
              finishedAt: entry.at,
              outcome: entry.outcome,
              httpStatus: entry.httpStatus,
              requestId: entry.requestId,
              guidance: entry.guidance,
            }
          : r,
      );
      return { ...next, ownAccess: { ...own, removals } };
    }
    case 'run-ended': {
      // A re-verification after the end can turn an incomplete run into a verified one, and back.
      return { ...next, ended: true, endedAt: entry.at, outcome: entry.outcome };
    }
    default:
      return assertNever(entry);
  }
};

/** Writes whose answer never arrived: they may or may not have reached the tenant. */
export const unsettledWrites = (record: RunRecord): readonly WriteRecord[] =>
  record.writes.filter((w) => w.outcome === null);
