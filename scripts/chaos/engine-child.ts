// The onboarding engine in a process of its own, so the chaos suite can kill it (SIGKILL) the way an app dies: no
// handler runs, no buffer is flushed. It drives one run against the parent's practice tenant and Chromium, and tells
// the parent on stdout, one JSON line at a time, each step it starts and each journal entry once it is on disk.
import { createInterface } from 'node:readline';
import { chromium } from '@playwright/test';
import { OnboardingRun } from '../../src/main/onboarding/onboarding-run';
import type { RunLimits } from '../../src/main/onboarding/run-environment';
import { createRunStore, type RunStore } from '../../src/main/onboarding/run-store';
import type { OffboardChoice } from '../../src/shared/offboarding/removal-plan';
import { DEFAULT_PROFILE } from '../../src/shared/profile/default-profile';
import { runInputFor } from '../bench/onboarding-case';
import { type PracticeAddress, stageEnvironment } from '../bench/practice-stage';
import { driveRun, noPdfPrinter } from './drive-run';

/** What the parent hands the child (one JSON line on stdin). */
export interface EngineChildConfig {
  readonly address: PracticeAddress;
  readonly browserEndpoint: string;
  readonly runsDirectory: string;
  readonly reportsDirectory: string;
  /** The client as the technician types it (the tenant's domain). */
  readonly client: string;
  /** The account that signs in. */
  readonly upn: string;
  readonly limits: Partial<RunLimits>;
  /** Resume this run instead of starting one, and finish it. */
  readonly resumeRunId?: string;
  /** Offboard instead of onboarding: the target app's access is removed (docs/offboarding.md). */
  readonly offboard?: OffboardChoice;
}

/** One line the child prints. */
export type EngineChildMessage =
  | { readonly kind: 'run'; readonly runId: string }
  | { readonly kind: 'step'; readonly step: string }
  | { readonly kind: 'entry'; readonly index: number; readonly type: string; readonly intent?: string }
  | { readonly kind: 'done'; readonly outcome: string | null; readonly stoppedAt: string | null };

const say = (message: EngineChildMessage): void => {
  process.stdout.write(`${JSON.stringify(message)}\n`);
};

/** A run store whose journals report each entry once `append` has made it durable. */
const reportingStore = (runs: RunStore): RunStore => {
  let index = 0;
  return {
    ...runs,
    open: async (runId) => {
      const journal = await runs.open(runId);
      return {
        append: async (entry) => {
          await journal.append(entry);
          index += 1;
          say({
            kind: 'entry',
            index,
            type: entry.type,
            ...(entry.type === 'write-started' ? { intent: entry.intent.kind } : {}),
          });
        },
        close: () => journal.close(),
      };
    },
  };
};

// The configuration comes as the first line on stdin, so the parent can start the process (and pay for loading the
// engine) before it knows where the run goes.
const firstLine = await new Promise<string>((resolve, reject) => {
  const lines = createInterface({ input: process.stdin });
  lines.once('line', (line) => {
    resolve(line);
    lines.close();
  });
  lines.once('close', () => reject(new Error('stdin closed before the configuration came.')));
});
const config = JSON.parse(firstLine) as EngineChildConfig;
const browser = await chromium.connect(config.browserEndpoint);
const env = stageEnvironment({
  address: config.address,
  browser,
  runs: reportingStore(createRunStore(config.runsDirectory)),
  upn: config.upn,
  limits: config.limits,
});
const run =
  config.resumeRunId === undefined
    ? await OnboardingRun.start(env, {
        ...runInputFor(config.client, DEFAULT_PROFILE),
        ...(config.offboard === undefined ? {} : { offboard: config.offboard }),
      })
    : await OnboardingRun.resume(env, config.resumeRunId);
say({ kind: 'run', runId: run.record.runId });
const outcome = await driveRun(run, {
  beforeStep: (step) => say({ kind: 'step', step }),
  reportsDirectory: config.reportsDirectory,
  formats: ['json', 'html', 'md', 'csv'],
  pdfPrinter: noPdfPrinter,
});
const record = outcome.stoppedAt === null ? await run.finish() : outcome.record;
await run.close();
await browser.close();
say({ kind: 'done', outcome: record.outcome, stoppedAt: outcome.stoppedAt });
process.exit(outcome.stoppedAt === null ? 0 : 3);
