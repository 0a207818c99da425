// `npm run chaos`: the fault matrix and the crash test behind the README's Reliability section.
//
// Each cell injects one fault (FAULTS) at one step of a run (RUN_STEPS) on a fresh tenant of its own; a smaller
// matrix does the same to offboarding runs at the steps that remove (offboarding-matrix.ts). It passes
// only if the run completes correctly or stops with the error catalog's guidance, the journal announced every write
// that reached the tenant, resuming the run finishes it without a duplicate grant, assignment or service principal,
// and no run file is damaged. The crash test then kills the engine, running in a child process, at random moments.
// Options: --jobs N cells at a time (3; most of a cell is waiting), --trials N crash trials (30), --seed N for the
// crash test's random moments, --only TEXT to run only the cells whose "fault × step" name contains TEXT
// (--trials 0 skips the crash test).
//
// A run of every cell writes its figures as Markdown to docs/figures/chaos.md (with the commit, the moment, the
// machine and its load) and copies that file unchanged into README.md between its figures:chaos markers; a run with
// --only writes nothing.

import { fileURLToPath } from 'node:url';
import { chromiumLaunchOptions } from '../../src/main/preview/chromium-launch';
import { createChromiumPdfPrinter } from '../../src/main/preview/chromium-pdf-printer';
import { formatTable, integerOption } from '../bench/figures';
import { writeFigures } from '../figures/figures-file';
import { endRunContext, startRunContext } from '../figures/run-context';
import { closingLine, countVerdicts, type Verdict } from './cell-verdict';
import { renderChaosReport } from './chaos-report';
import {
  MAX_ATTEMPTS,
  MAX_PAUSE_MS,
  referenceKillRange,
  runCrashTrial,
  type TrialResult,
} from './crash-test';
import { type CellResult, FAULTS, RUN_STEPS, runCell } from './fault-matrix';
import type { KillRange } from './kill-range';
import { type Lane, startLane } from './lane';
import {
  OFFBOARDING_FAULTS,
  OFFBOARDING_STEPS,
  type OffboardingCellResult,
  runOffboardingCell,
} from './offboarding-matrix';

const root = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const context = startRunContext('chaos', args);
const jobs = Math.max(1, integerOption(args, 'jobs', 3));
const trials = integerOption(args, 'trials', 30);
const seed = integerOption(args, 'seed', Date.now() % 1_000_000);
const onlyIndex = args.indexOf('--only');
const only = onlyIndex === -1 ? null : (args[onlyIndex + 1] ?? '');

/**
 * Runs `tasks` on the lanes, one task per lane at a time, in order of start. A lane a task spoiled (it crashed or
 * hung) is replaced by a fresh one.
 */
const onLanes = async <T extends { readonly spoiledLane: boolean }>(
  lanes: Lane[],
  tasks: readonly ((lane: Lane) => Promise<T>)[],
): Promise<T[]> => {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (index: number): Promise<void> => {
    while (next < tasks.length) {
      const taskIndex = next;
      next += 1;
      const lane = lanes[index] as Lane;
      const result = await (tasks[taskIndex] as (lane: Lane) => Promise<T>)(lane);
      results[taskIndex] = result;
      if (result.spoiledLane) {
        await lane.close().catch(() => undefined);
        lanes[index] = await startLane(tenantsPerLane);
      }
    }
  };
  await Promise.all(lanes.map((_, index) => worker(index)));
  return results;
};

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const mark = (verdict: Verdict): string => ({ pass: 'PASS', fail: 'FAIL', 'n/a': 'N/A ' })[verdict];
const printFailures = (failures: readonly string[]): void => {
  for (const failure of failures) console.log(`        ✗ ${failure.split('\n').join('\n          ')}`);
};

const started = Date.now();
const cells = FAULTS.flatMap((fault) => RUN_STEPS.map((step) => ({ fault, step }))).filter(
  (cell) => only === null || `${cell.fault} × ${cell.step}`.includes(only),
);
const offboardingCells = OFFBOARDING_FAULTS.flatMap((fault) =>
  OFFBOARDING_STEPS.map((step) => ({ fault, step })),
).filter((cell) => only === null || `offboarding: ${cell.fault} × ${cell.step}`.includes(only));
// Every cell, trial attempt and the crash test's reference run starts on a fresh tenant; a lane may end up running
// all of them.
const tenantsPerLane = cells.length + offboardingCells.length + 1 + trials * MAX_ATTEMPTS;
const printer = createChromiumPdfPrinter(chromiumLaunchOptions());
const lanes = await Promise.all(Array.from({ length: jobs }, () => startLane(tenantsPerLane)));
console.log(`Fault matrix: ${cells.length} cells, ${jobs} at a time.`);
let cellResults: CellResult[] = [];
let offboardingResults: OffboardingCellResult[] = [];
const trialResults: TrialResult[] = [];
let killRange: KillRange | null = null;
try {
  cellResults = await onLanes(
    lanes,
    cells.map(({ fault, step }) => async (lane: Lane) => {
      const result = await runCell(fault, step, lane, { pdfPrinter: printer });
      console.log(`  ${mark(result.verdict)}  ${fault} × ${step}: ${result.summary} (${seconds(result.ms)})`);
      printFailures(result.failures);
      return result;
    }),
  );

  if (cellResults.length === FAULTS.length * RUN_STEPS.length) {
    console.log('');
    console.log(
      formatTable(
        ['fault \\ step', ...RUN_STEPS],
        FAULTS.map((fault) => [
          fault,
          ...RUN_STEPS.map((step) => {
            const verdict = cellResults.find((r) => r.fault === fault && r.step === step)?.verdict;
            return verdict === 'fail' ? 'FAIL' : (verdict ?? '?');
          }),
        ]),
      ),
    );
  }

  if (offboardingCells.length > 0) {
    console.log('');
    console.log(`Offboarding matrix: ${offboardingCells.length} cells, ${jobs} at a time.`);
    offboardingResults = await onLanes(
      lanes,
      offboardingCells.map(({ fault, step }) => async (lane: Lane) => {
        const result = await runOffboardingCell(fault, step, lane);
        console.log(
          `  ${mark(result.verdict)}  offboarding: ${fault} × ${step}: ${result.summary} (${seconds(result.ms)})`,
        );
        printFailures(result.failures);
        return result;
      }),
    );
  }

  if (trials > 0) {
    console.log('');
    const reference = lanes[0] as Lane;
    const range = await referenceKillRange(reference);
    killRange = range;
    console.log(
      `Crash test: ${trials} trials, the engine in a child process killed with SIGKILL after journal entry ` +
        `${range.first} to ${range.last} (a full onboarding journaled ${range.journalLength}); seed ${seed}.`,
    );
    const results = await onLanes(
      lanes,
      Array.from({ length: trials }, (_, i) => async (lane: Lane) => {
        const result = await runCrashTrial(i + 1, seed + i, lane, range);
        console.log(`  ${mark(result.verdict)}  trial ${i + 1}: ${result.summary} (${seconds(result.ms)})`);
        printFailures(result.failures);
        return result;
      }),
    );
    trialResults.push(...results);
  }
} finally {
  await Promise.all(lanes.map((lane) => lane.close().catch(() => undefined)));
  await printer.close();
}

const counts = countVerdicts([...cellResults, ...offboardingResults, ...trialResults].map((r) => r.verdict));
console.log('');
console.log(`Took ${seconds(Date.now() - started)}.`);
console.log(closingLine(counts));
if (only === null) {
  const path = await writeFigures(
    root,
    'chaos',
    renderChaosReport({
      context: endRunContext(context),
      faults: FAULTS,
      steps: RUN_STEPS,
      cells: cellResults,
      jobs,
      seed,
      killRange,
      maxPauseMs: MAX_PAUSE_MS,
      trials: trialResults,
      offboarding: { faults: OFFBOARDING_FAULTS, steps: OFFBOARDING_STEPS, cells: offboardingResults },
    }),
  );
  console.log(`Figures written to ${path} and README.md.`);
} else console.log('Only some cells ran (--only): no figures written.');
process.exitCode = counts.failed > 0 ? 1 : 0;
