import { z } from 'zod';
import type { RunSummary, StartRunRequest } from '../../shared/bridge/contract';
import { refused } from '../../shared/bridge/errors';
import { type RunChange, type RunFlags, type RunView, runViewOf } from '../../shared/bridge/run-view';
import { countRemovalRows } from '../../shared/offboarding/removal-check';
import type { OwnAccessOptions } from '../../shared/onboarding/own-access';
import type { RunEntry, RunInput } from '../../shared/onboarding/run-entry';
import type { RunProgress } from '../../shared/onboarding/run-progress';
import type { RunRecord } from '../../shared/onboarding/run-record';
import { fixableGaps, isOffboarding, notGrantableCount, outcomeOf } from '../../shared/onboarding/run-status';
import { checkClientIdentifier } from '../../shared/tenant/client-identifier';
import type { SignInBrowserFactory } from '../sign-in/browser-opener';
import type { ProfileStore } from '../storage/profile-store';
import { coalesceEvents } from './coalesce-events';
import { OnboardingRun } from './onboarding-run';
import { type PreflightCheck, runPreflight } from './preflight';
import type { RunConnection, RunLimits } from './run-environment';
import type { RunStore } from './run-store';

/** What the run manager needs from the app around it. */
export interface RunManagerDeps {
  readonly toolVersion: string;
  readonly runs: RunStore;
  readonly profiles: ProfileStore;
  /** Where runs connect now (practice tenant or Microsoft), from the settings. */
  readonly connection: () => Promise<RunConnection>;
  /** What Finish does about the tool's own access when the technician did not choose for the run (Settings). */
  readonly ownAccessDefaults?: () => Promise<OwnAccessOptions>;
  /** The sign-in browser the technician chose in the settings. */
  readonly browsers: (
    strategy: RunInput['strategy'],
  ) => Promise<{ readonly choice: 'in-app' | 'system'; readonly factory: SignInBrowserFactory }>;
  /**
   * A run's journal grew: the entries since the last change, at most one change per
   * {@link RunManagerDeps.eventIntervalMs} while a step works, and the step's last ones when it ends (before the
   * step's answer, which holds the whole view).
   */
  readonly onChanged: (change: RunChange) => void;
  /** A long step's progress, at most one per {@link RunManagerDeps.eventIntervalMs}. */
  readonly onProgress: (progress: RunProgress) => void;
  /**
   * How long a run's entries (or progress) wait to be sent together while a step works; 200 ms by default. 0 sends
   * every entry as it is journaled (a test that acts on one particular write's event).
   */
  readonly eventIntervalMs?: number;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly limits?: Partial<RunLimits>;
  readonly onGraphRequest?: (method: string, url: string, status: number) => void;
}

/** The runs of this process: starts, drives, lists and resumes them for the bridge. */
export interface RunManager {
  start(request: StartRunRequest): Promise<RunView>;
  preflight(runId: string): Promise<{ view: RunView; checks: readonly PreflightCheck[] }>;
  signIn(runId: string, prompt: 'select_account' | 'login'): Promise<RunView>;
  cancelSignIn(runId: string): void;
  plan(runId: string): Promise<RunView>;
  apply(runId: string): Promise<RunView>;
  verify(runId: string): Promise<RunView>;
  finish(runId: string, ownAccess?: OwnAccessOptions): Promise<RunView>;
  cancel(runId: string): Promise<RunView>;
  list(): Promise<readonly RunSummary[]>;
  get(runId: string): Promise<RunView>;
  resume(runId: string): Promise<RunView>;
  /** The record of a run, live or stored (for reports). */
  record(runId: string): Promise<RunRecord>;
  /** Whether this process drives the run now. */
  isLive(runId: string): boolean;
  /** Lets go of every live run (the app is quitting): sessions wiped, runs left resumable. */
  closeAll(): Promise<void>;
}

/** Creates the run manager of the app (or of the preview host). */
export const createRunManager = (deps: RunManagerDeps): RunManager => {
  const live = new Map<string, OnboardingRun>();
  const events = coalesceEvents(deps.eventIntervalMs ?? 200);
  /** Per run, the entries journaled since its last change was sent, and how many came before them. */
  const unsent = new Map<string, { from: number; entries: RunEntry[] }>();

  /** A run as this process holds it now; a stored run is neither open, signed in nor busy. */
  type Held = Pick<OnboardingRun, 'isOpen' | 'isSignedIn' | 'isBusy'>;
  const STORED: Held = { isOpen: false, isSignedIn: false, isBusy: false };
  // A run being started reports its first entry before it is held.
  const STARTING: Held = { isOpen: true, isSignedIn: false, isBusy: false };
  const flagsOf = (run: Held): RunFlags => ({ live: run.isOpen, signedIn: run.isSignedIn, busy: run.isBusy });
  const liveView = (runId: string): RunView => {
    const run = live.get(runId);
    if (run === undefined) throw refused(`The run ${runId} is not open.`);
    return runViewOf(run.record, run.journalLength, flagsOf(run));
  };

  /** Sends what `runId` journaled since its last change, with its flags as they are now (`held` once it is let go). */
  const sendChange = (runId: string, held: Held = live.get(runId) ?? STARTING): void => {
    const batch = unsent.get(runId);
    if (batch === undefined) return;
    unsent.delete(runId);
    deps.onChanged({ runId, from: batch.from, entries: batch.entries, ...flagsOf(held) });
  };
  /**
   * Ends a step's events: what it journaled since the last change goes out now, so the step's answer (the whole
   * view) comes last, and nothing kept for later is sent after it.
   */
  const endEvents = (view: RunView, held?: Held): void => {
    const runId = view.record.runId;
    events.drop(`change:${runId}`);
    events.drop(`progress:${runId}`);
    // Sent even when nothing was journaled: the flags (no longer busy, no longer live) changed.
    if (!unsent.has(runId)) unsent.set(runId, { from: view.journalLength, entries: [] });
    sendChange(runId, held);
  };

  const environment = async (strategy: RunInput['strategy']) => {
    const connection = await deps.connection();
    const browsers = await deps.browsers(strategy);
    return {
      toolVersion: deps.toolVersion,
      connection,
      runs: deps.runs,
      browsers: browsers.factory,
      now: deps.now,
      sleep: deps.sleep,
      limits: deps.limits,
      onGraphRequest: deps.onGraphRequest,
      onRecord: (record: RunRecord, entry: RunEntry, journalLength: number) => {
        const runId = record.runId;
        const batch = unsent.get(runId) ?? { from: journalLength - 1, entries: [] };
        batch.entries.push(entry);
        unsent.set(runId, batch);
        events.offer(`change:${runId}`, () => sendChange(runId));
      },
      onProgress: (progress: RunProgress) => {
        events.offer(`progress:${progress.runId}`, () => deps.onProgress(progress));
      },
      browserChoice: browsers.choice,
    };
  };

  const drive = async (runId: string, step: (run: OnboardingRun) => Promise<unknown>): Promise<RunView> => {
    const run = live.get(runId);
    if (run === undefined) throw refused('This run is not open: resume it from the run history first.');
    if (run.isBusy) throw refused('The run is busy with another step.');
    await step(run);
    const view = liveView(runId);
    endEvents(view);
    if (!run.isOpen) live.delete(runId);
    return view;
  };

  const summaryOf = (record: RunRecord, isLive: boolean): RunSummary => {
    const outcome = outcomeOf(record, isLive);
    const removals = record.removalCheck === null ? null : countRemovalRows(record.removalCheck.rows);
    return {
      runId: record.runId,
      client: record.input.clientText,
      organization: record.organization?.displayName ?? null,
      startedAt: record.startedAt,
      endedAt: record.endedAt,
      outcome,
      practice: record.practice,
      strategy: record.input.strategy,
      offboard: record.input.offboard ?? null,
      granted: record.verification?.counts.granted ?? null,
      removed: removals === null ? null : removals.removed,
      left: removals === null ? null : removals['still-present'],
      total: record.verification?.rows.length ?? record.removalCheck?.rows.length ?? null,
      notGrantable: record.verification === null ? null : notGrantableCount(record.verification),
      // Worth taking up again: stopped before the end, or ended with something the tenant could still be given
      // (an onboarding) or taken away (an offboarding).
      resumable:
        !isLive &&
        (outcome === 'interrupted' ||
          outcome === 'failed' ||
          (outcome === 'incomplete' &&
            (isOffboarding(record)
              ? record.removalCheck === null || !record.removalCheck.complete
              : record.verification === null || fixableGaps(record.verification) > 0))),
    };
  };

  return {
    async start(request) {
      const check = checkClientIdentifier(request.clientText);
      if (!check.valid) throw refused(check.message);
      const stored = await deps.profiles.get(request.profileId);
      if (stored === null) throw refused(`There is no permission profile ${request.profileId}.`);
      // An offboarding grants nothing: it writes through Microsoft Graph only.
      const strategy = request.offboard === undefined ? request.strategy : 'direct-grant';
      const env = await environment(strategy);
      const run = await OnboardingRun.start(env, {
        clientText: request.clientText.trim(),
        identifier: check.identifier,
        technician: request.technician,
        ticket: request.ticket === '' ? null : request.ticket,
        profile: stored.profile,
        strategy,
        browser: env.browserChoice,
        ...(request.offboard === undefined ? {} : { offboard: request.offboard }),
      });
      live.set(run.record.runId, run);
      return liveView(run.record.runId);
    },
    async preflight(runId) {
      let checks: readonly PreflightCheck[] = [];
      const view = await drive(runId, async (run) => {
        await run.discover();
        const connection = await deps.connection();
        checks = await runPreflight(run.record, connection, deps.now ?? (() => new Date()));
      });
      return { view, checks };
    },
    signIn: (runId, prompt) => drive(runId, (run) => run.signIn({ prompt })),
    cancelSignIn(runId) {
      live.get(runId)?.cancelSignIn();
    },
    plan: (runId) => drive(runId, (run) => run.plan()),
    apply: (runId) => drive(runId, (run) => run.apply()),
    verify: (runId) => drive(runId, (run) => run.verify()),
    finish: async (runId, ownAccess) => {
      const options = ownAccess ?? (await deps.ownAccessDefaults?.());
      return drive(runId, (run) => run.finish(options));
    },
    async cancel(runId) {
      const run = live.get(runId);
      if (run === undefined) throw refused('This run is not open.');
      // Cancelling must work while a step waits (a sign-in): it does not wait for the busy flag.
      const record = await run.cancel();
      live.delete(runId);
      const view = runViewOf(record, run.journalLength, flagsOf(STORED));
      endEvents(view, STORED);
      return view;
    },
    async list() {
      const stored = await deps.runs.list();
      return stored.map((s) => {
        const run = live.get(s.record.runId);
        return run === undefined ? summaryOf(s.record, false) : summaryOf(run.record, run.isOpen);
      });
    },
    async get(runId) {
      if (live.has(runId)) return liveView(runId);
      const stored = await deps.runs.read(z.uuid().parse(runId));
      if (stored === null) throw refused(`There is no run ${runId}.`);
      return runViewOf(stored.record, stored.entries.length, flagsOf(STORED));
    },
    async resume(runId) {
      if (live.has(runId)) return liveView(runId);
      const stored = await deps.runs.read(z.uuid().parse(runId));
      if (stored === null) throw refused(`There is no run ${runId}.`);
      const run = await OnboardingRun.resume(await environment(stored.record.input.strategy), runId);
      live.set(runId, run);
      return liveView(runId);
    },
    async record(runId) {
      const run = live.get(runId);
      if (run !== undefined) return run.record;
      const stored = await deps.runs.read(z.uuid().parse(runId));
      if (stored === null) throw refused(`There is no run ${runId}.`);
      return stored.record;
    },
    isLive: (runId) => live.get(runId)?.isOpen ?? false,
    async closeAll() {
      events.close();
      unsent.clear();
      const runs = [...live.values()];
      live.clear();
      await Promise.all(runs.map((run) => run.close()));
    },
  };
};
