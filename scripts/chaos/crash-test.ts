import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { OnboardingRun } from '../../src/main/onboarding/onboarding-run';
import type { RunRecord } from '../../src/shared/onboarding/run-record';
import { DEFAULT_PROFILE } from '../../src/shared/profile/default-profile';
import type { Verdict } from './cell-verdict';
import { type EngineChild, spawnEngineChild } from './child-process';
import { driveRun, noPdfPrinter } from './drive-run';
import type { EngineChildConfig } from './engine-child';
import { GRANTABLE } from './fault-matrix';
import { drawKillPoint, earlierKillPoint, type KillPoint, type KillRange, killRange } from './kill-range';
import { type CellStage, type Lane, openCellStage } from './lane';
import {
  damagedReports,
  damagedRunFiles,
  duplicateGrants,
  journaledIntents,
  tenantBaseline,
  unjournaledChanges,
} from './tenant-audit';

/** How one crash trial ended. */
export interface TrialResult {
  readonly trial: number;
  readonly seed: number;
  /** A trial is never `n/a`: one whose kill never landed is tried again earlier, and fails when none is left. */
  readonly verdict: Exclude<Verdict, 'n/a'>;
  /** Where the kill landed: the journal entry it followed (`write-started (assign-app-role)`), null if none did. */
  readonly killedAfter: string | null;
  /** The kill point that landed (or the last one tried). */
  readonly killPoint: KillPoint;
  /** The attempts that finished before their kill, each tried again with an earlier kill point. */
  readonly unkilledAttempts: readonly string[];
  readonly resumedIn: 'the parent' | 'a fresh child';
  readonly summary: string;
  readonly failures: readonly string[];
  readonly ms: number;
  /** The trial crashed or hung: the lane's practice tenant may be left in any state, so the lane is replaced. */
  readonly spoiledLane: boolean;
}

/** Attempts per trial: the drawn kill point, then earlier ones while the run finishes before its kill. */
export const MAX_ATTEMPTS = 3;
/** Kills land up to this many milliseconds (less one) after their journal entry. */
export const MAX_PAUSE_MS = 120;
const LATENCY_MS = 60;
const TRIAL_DEADLINE_MS = 180_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A small deterministic random source (mulberry32), so a failing trial can be replayed with its seed. */
export const seededRandom = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const childConfig = (stage: CellStage, reportsDirectory: string): EngineChildConfig => ({
  address: stage.host.address,
  browserEndpoint: stage.host.browserEndpoint,
  runsDirectory: stage.space.runsDirectory,
  reportsDirectory,
  client: stage.tenant.domain,
  upn: stage.tenant.upn,
  limits: stage.space.env.limits ?? {},
});

/**
 * The kill range of the crash test, from the journal a full onboarding actually writes: the engine runs one in a
 * child process on a fresh tenant, unkilled, and every entry it puts on disk is counted.
 */
export const referenceKillRange = async (lane: Lane): Promise<KillRange> => {
  const child = spawnEngineChild();
  const stage = await openCellStage(lane).catch((error: unknown) => {
    child.kill();
    throw error;
  });
  try {
    stage.host.practice.knobs.setLatency(LATENCY_MS);
    const reportsDirectory = join(stage.space.dataDirectory, 'reports');
    await mkdir(reportsDirectory, { recursive: true });
    child.start(childConfig(stage, reportsDirectory));
    const exit = await child.exited;
    if (exit.code !== 0) throw new Error(`The reference onboarding exited with ${exit.code ?? exit.signal}.`);
    return killRange(child.messages.flatMap((m) => (m.kind === 'entry' ? [m.type] : [])));
  } finally {
    child.kill();
    await stage.close();
  }
};

/** How one attempt of a trial ended: killed (and then resumed and checked), or finished before its kill. */
type Attempt =
  | { readonly killed: true; readonly killedAfter: string; readonly summary: string }
  | { readonly killed: false; readonly entriesWritten: number };

/**
 * One attempt on a fresh tenant: the engine runs a full onboarding in a child process and is killed (SIGKILL) at
 * `point`; then the run is reopened, in this process or in a fresh child, finished, and every promise checked.
 */
const attemptTrial = async (
  point: KillPoint,
  lane: Lane,
  resumeInChild: boolean,
  failures: string[],
): Promise<Attempt> => {
  let killedAfter = 'nothing';
  // The child loads the engine while the practice tenant starts.
  const child = spawnEngineChild((message, handle) => {
    if (message.kind !== 'entry' || message.index !== point.entry) return;
    killedAfter = `${message.type}${message.intent === undefined ? '' : ` (${message.intent})`}`;
    setTimeout(() => handle.kill(), point.pauseMs);
  });
  let resumer: EngineChild | null = null;
  const stage = await openCellStage(lane).catch((error: unknown) => {
    child.kill();
    throw error;
  });
  try {
    const knobs = stage.host.practice.knobs;
    const directory = stage.host.practice.directory;
    const tenantId = stage.tenant.tenantId;
    const runs = stage.space.runs;
    knobs.setLatency(LATENCY_MS);
    const baseline = tenantBaseline(directory, tenantId);
    const reportsDirectory = join(stage.space.dataDirectory, 'reports');
    await mkdir(reportsDirectory, { recursive: true });
    child.start(childConfig(stage, reportsDirectory));
    const exit = await child.exited;
    if (exit.signal !== 'SIGKILL') {
      if (exit.code !== 0)
        throw new Error(`the engine child exited with ${exit.code ?? exit.signal} unkilled`);
      return { killed: false, entriesWritten: child.messages.filter((m) => m.kind === 'entry').length };
    }
    if (resumeInChild) resumer = spawnEngineChild();
    await sleep(LATENCY_MS + 350);
    knobs.setLatency(0);
    const intents = await journaledIntents(runs);
    for (const change of unjournaledChanges(directory, tenantId, baseline, intents))
      failures.push(`killed run's journal lacks: ${change}`);
    // A torn last line is what a kill during an append leaves; reopening the journal cuts it. Anything else is damage.
    for (const damage of (await damagedRunFiles(runs)).filter((d) => !d.endsWith('torn last line')))
      failures.push(`run file after the kill: ${damage}`);
    const runId = (await runs.list())[0]?.record.runId;
    if (runId === undefined) throw new Error('no run was journaled');

    let record: RunRecord | null = null;
    if (resumer !== null) {
      resumer.start({ ...childConfig(stage, reportsDirectory), resumeRunId: runId });
      const end = await resumer.exited;
      if (end.code !== 0) failures.push(`the resuming child exited with ${end.code ?? end.signal}`);
      record = (await runs.read(runId))?.record ?? null;
    } else {
      const run = await OnboardingRun.resume(stage.space.env, runId);
      try {
        const outcome = await driveRun(run, {
          reportsDirectory,
          formats: ['json'],
          pdfPrinter: noPdfPrinter,
        });
        if (outcome.stoppedAt !== null) {
          const guidance = outcome.record.problems.at(-1)?.guidance;
          failures.push(
            `resuming stopped at ${outcome.stoppedAt}: ${guidance?.title} (${guidance?.rawMessage})`,
          );
        }
        record = await run.finish();
      } finally {
        await run.close();
      }
    }
    const granted = record?.verification?.counts.granted ?? 0;
    if (granted !== GRANTABLE || (record?.verification?.counts.missing ?? 0) !== 0)
      failures.push(`after resuming ${granted} of ${GRANTABLE} permissions are verified as granted`);
    if (record?.ended !== true) failures.push('the resumed run did not end');
    for (const change of unjournaledChanges(directory, tenantId, baseline, await journaledIntents(runs)))
      failures.push(`no journal announced: ${change}`);
    for (const duplicate of duplicateGrants(directory, tenantId, DEFAULT_PROFILE.targetApp.appId))
      failures.push(`duplicate: ${duplicate}`);
    for (const damage of await damagedRunFiles(runs)) failures.push(`run file: ${damage}`);
    for (const damage of await damagedReports(reportsDirectory)) failures.push(`report: ${damage}`);
    return {
      killed: true,
      killedAfter,
      summary: `killed after entry ${point.entry}, ${killedAfter}, +${point.pauseMs} ms; resumed in ${resumeInChild ? 'a fresh child' : 'the parent'}: ${granted}/${GRANTABLE} verified`,
    };
  } finally {
    child.kill();
    resumer?.kill();
    await stage.close();
  }
};

/**
 * One crash trial: killed after a journal entry drawn from `range` plus a random pause. An attempt whose run
 * finished before its kill is no crash trial: it is tried again on a fresh tenant with an earlier kill point (the
 * same entry without the pause, then one entry earlier), up to {@link MAX_ATTEMPTS} attempts in all.
 */
export const runCrashTrial = async (
  trial: number,
  seed: number,
  lane: Lane,
  range: KillRange,
): Promise<TrialResult> => {
  const started = performance.now();
  const failures: string[] = [];
  const random = seededRandom(seed);
  let point = drawKillPoint(range, random, MAX_PAUSE_MS);
  const resumeInChild = trial % 2 === 0;
  const unkilledAttempts: string[] = [];
  let killedAfter: string | null = null;
  let summary = '';
  const body = async (): Promise<void> => {
    for (;;) {
      const attempt = await attemptTrial(point, lane, resumeInChild, failures);
      if (attempt.killed) {
        killedAfter = attempt.killedAfter;
        summary = attempt.summary;
        return;
      }
      unkilledAttempts.push(
        `entry ${point.entry} +${point.pauseMs} ms: the run finished first (${attempt.entriesWritten} entries)`,
      );
      const next = earlierKillPoint(point, attempt.entriesWritten);
      if (next === null || unkilledAttempts.length >= MAX_ATTEMPTS) {
        failures.push(
          `never killed in ${unkilledAttempts.length} attempt(s): ${unkilledAttempts.join('; ')}`,
        );
        summary = 'never killed';
        return;
      }
      point = next;
    }
  };
  let spoiledLane = false;
  try {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      body(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no end after ${(TRIAL_DEADLINE_MS * MAX_ATTEMPTS) / 1000} s`)),
          TRIAL_DEADLINE_MS * MAX_ATTEMPTS,
        );
      }),
    ]).finally(() => clearTimeout(timer));
  } catch (error) {
    spoiledLane = true;
    failures.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  const retried =
    unkilledAttempts.length > 0 && killedAfter !== null ? ` (attempt ${unkilledAttempts.length + 1})` : '';
  return {
    trial,
    seed,
    verdict: failures.length === 0 ? 'pass' : 'fail',
    killedAfter,
    killPoint: point,
    unkilledAttempts,
    resumedIn: resumeInChild ? 'a fresh child' : 'the parent',
    summary: `seed ${seed}: ${summary || 'crashed'}${retried}`,
    failures,
    ms: performance.now() - started,
    spoiledLane,
  };
};
