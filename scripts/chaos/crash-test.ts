import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { OnboardingRun } from '../../src/main/onboarding/onboarding-run';
import type { RunRecord } from '../../src/shared/onboarding/run-record';
import { DEFAULT_PROFILE } from '../../src/shared/profile/default-profile';
import { type EngineChild, spawnEngineChild } from './child-process';
import { driveRun, noPdfPrinter } from './drive-run';
import type { EngineChildConfig } from './engine-child';
import { GRANTABLE } from './fault-matrix';
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
  readonly passed: boolean;
  readonly summary: string;
  readonly failures: readonly string[];
  readonly ms: number;
  /** The trial crashed or hung: the lane's practice tenant may be left in any state, so the lane is replaced. */
  readonly spoiledLane: boolean;
}

/**
 * Journal entries of a full onboarding of the default profile on a fresh tenant (58); kills land after one of the
 * first 57, since after the last one (`run-ended`) the run is over.
 */
const KILL_AFTER_ENTRIES = 57;
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
 * One crash trial: the engine runs a full onboarding in a child process and is killed (SIGKILL) after a random
 * journal entry plus a random pause, then the run is reopened, in this process or in a fresh child, and finished.
 */
export const runCrashTrial = async (trial: number, seed: number, lane: Lane): Promise<TrialResult> => {
  const started = performance.now();
  const failures: string[] = [];
  const random = seededRandom(seed);
  const killAtEntry = 1 + Math.floor(random() * KILL_AFTER_ENTRIES);
  const pauseMs = Math.floor(random() * 120);
  const resumeInChild = trial % 2 === 0;
  let summary = '';
  const body = async (): Promise<void> => {
    let killedAfter = 'nothing';
    // The child loads the engine while the practice tenant starts.
    const child = spawnEngineChild((message, handle) => {
      if (message.kind !== 'entry' || message.index !== killAtEntry) return;
      killedAfter = `${message.type}${message.intent === undefined ? '' : ` (${message.intent})`}`;
      setTimeout(() => handle.kill(), pauseMs);
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
      const killed = exit.signal === 'SIGKILL';
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
      summary = `${killed ? `killed after entry ${killAtEntry}, ${killedAfter}, +${pauseMs} ms` : `finished before entry ${killAtEntry}`}; resumed in ${resumeInChild ? 'a fresh child' : 'the parent'}: ${granted}/${GRANTABLE} verified`;
    } finally {
      child.kill();
      resumer?.kill();
      await stage.close();
    }
  };
  let spoiledLane = false;
  try {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      body(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no end after ${TRIAL_DEADLINE_MS / 1000} s`)),
          TRIAL_DEADLINE_MS,
        );
      }),
    ]).finally(() => clearTimeout(timer));
  } catch (error) {
    spoiledLane = true;
    failures.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
  return {
    trial,
    passed: failures.length === 0,
    summary: `seed ${seed}: ${summary || 'crashed'}`,
    failures,
    ms: performance.now() - started,
    spoiledLane,
  };
};
