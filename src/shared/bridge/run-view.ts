import { z } from 'zod';
import { StepIdSchema, StepStateSchema } from '../checklist/steps';
import { type RunEntry, RunEntrySchema } from '../onboarding/run-entry';
import { applyEntry, RunOutcomeSchema, type RunRecord, RunRecordSchema } from '../onboarding/run-record';
import { GrantAttemptSchema, runStatusOf } from '../onboarding/run-status';

// How a run reaches the checklist: a whole view when a run is started, resumed or read, then only the journal
// entries made since, in `changed` events, and a receipt (how far the journal stands) in the answer to each step.
// A run journals two entries per write; an event carrying the whole view each time made the window's work grow with
// the square of the plan (every view holds every write, and is validated, carried and rendered). Both sides fold
// entries with the same `applyEntry`, so a view folded from events is the view the main process holds.

/** What the main process says of a run besides its record: whether it drives it, signed in, busy. */
const RunFlagsShape = {
  /** This process drives the run now (it can take the next step). */
  live: z.boolean(),
  /** An administrator is signed in to the run now (tokens in memory). */
  signedIn: z.boolean(),
  /** Something is running (a sign-in, writes, verification). */
  busy: z.boolean(),
};

/** Whether the process drives the run, an administrator is signed in to it, and a step is under way. */
export type RunFlags = { readonly [K in keyof typeof RunFlagsShape]: boolean };

/** A run as the checklist shows it: its record, whether this process drives it, and each step's state. */
export const RunViewSchema = z
  .object({
    record: RunRecordSchema,
    /** How many journal entries `record` folds: a `changed` event's entries follow exactly that many. */
    journalLength: z.number().int().positive(),
    ...RunFlagsShape,
    /** What the record means (`runStatusOf`), derived from the record and `live` on either side. */
    outcome: z.union([RunOutcomeSchema, z.literal('in-progress')]),
    steps: z.record(StepIdSchema, StepStateSchema),
    /** Both identity guards passed for the latest sign-in. */
    identityPassed: z.boolean(),
    /** How the latest confirmed plan's grant went. */
    grantAttempt: GrantAttemptSchema,
  })
  .readonly();

/** A run as the checklist shows it. */
export type RunView = z.infer<typeof RunViewSchema>;

/** What changed in a run since its last event: the journal entries appended, and the flags as they are now. */
export const RunChangeSchema = z
  .object({
    runId: z.string(),
    /** How many entries the journal held before `entries`. */
    from: z.number().int().nonnegative(),
    entries: z.array(RunEntrySchema).readonly(),
    ...RunFlagsShape,
  })
  .readonly();

/** What changed in a run since its last event. */
export type RunChange = z.infer<typeof RunChangeSchema>;

/**
 * What a step's answer says of the run: how many entries its journal holds and its flags. The entries themselves
 * came in the changes sent before the answer, so the window does not read and check the whole record again.
 */
export const RunReceiptSchema = z
  .object({
    runId: z.string(),
    journalLength: z.number().int().positive(),
    ...RunFlagsShape,
  })
  .readonly();

/** What a step's answer says of the run. */
export type RunReceipt = z.infer<typeof RunReceiptSchema>;

/** The receipt of a view. */
export const receiptOf = (view: RunView): RunReceipt => ({
  runId: view.record.runId,
  journalLength: view.journalLength,
  live: view.live,
  signedIn: view.signedIn,
  busy: view.busy,
});

/** The view of `record`, folded from `journalLength` entries, with the process's flags and what they mean. */
export const runViewOf = (record: RunRecord, journalLength: number, flags: RunFlags): RunView => ({
  record,
  journalLength,
  live: flags.live,
  signedIn: flags.signedIn,
  busy: flags.busy,
  ...runStatusOf(record, flags.live),
});

/** What {@link applyRunChange} made of a change. */
export type AppliedChange =
  | { readonly kind: 'applied'; readonly view: RunView }
  /** The change is of another run. */
  | { readonly kind: 'other-run' }
  /** Entries between the view and the change never arrived: only a whole view can bring the window back. */
  | { readonly kind: 'gap' };

/**
 * `view` with `change` applied: the entries it does not fold yet, in order, and the change's flags. Entries the view
 * already folds (it came in an answer sent after they were journaled) are skipped; a change that starts after the
 * view's last entry is a gap, not something to guess across.
 */
export const applyRunChange = (view: RunView, change: RunChange): AppliedChange => {
  if (change.runId !== view.record.runId) return { kind: 'other-run' };
  if (change.from > view.journalLength) return { kind: 'gap' };
  const fresh: readonly RunEntry[] = change.entries.slice(view.journalLength - change.from);
  const record = fresh.reduce(applyEntry, view.record);
  return { kind: 'applied', view: runViewOf(record, view.journalLength + fresh.length, change) };
};

/**
 * The view to hold when a whole one arrives (`runs.get`, when changes were lost) while `held` is on screen. Of the same run and
 * folding the same entries, the two records are equal (the same fold of the same journal): `held`'s record is kept,
 * so the rows that did not change keep their objects and are not rendered again, and `incoming`'s flags are taken.
 * A whole view that folds fewer entries than `held` (events overtook it) keeps `held`.
 */
export const settleView = (held: RunView | null, incoming: RunView): RunView => {
  if (held === null || held.record.runId !== incoming.record.runId) return incoming;
  if (incoming.journalLength > held.journalLength) return incoming;
  if (incoming.journalLength < held.journalLength) return held;
  return runViewOf(held.record, held.journalLength, incoming);
};

/**
 * The view a step's receipt confirms: `held`, with the receipt's flags, when it folds exactly the entries the receipt
 * counts. Null when it does not (a change was lost, or the answer overtook one): only the whole view can tell then.
 */
export const confirmView = (held: RunView | null, receipt: RunReceipt): RunView | null =>
  held !== null && held.record.runId === receipt.runId && held.journalLength === receipt.journalLength
    ? runViewOf(held.record, held.journalLength, receipt)
    : null;
