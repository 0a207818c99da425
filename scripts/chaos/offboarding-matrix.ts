import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { OnboardingRun } from '../../src/main/onboarding/onboarding-run';
import type { RunEnvironment } from '../../src/main/onboarding/run-environment';
import type { Directory } from '../../src/main/practice-tenant/directory/directory';
import {
  type FaultRule,
  type FaultRuleInput,
  FaultRuleSchema,
} from '../../src/main/practice-tenant/knobs/fault-rule';
import type { RunRecord } from '../../src/shared/onboarding/run-record';
import { DEFAULT_PROFILE } from '../../src/shared/profile/default-profile';
import { runInputFor } from '../bench/onboarding-case';
import { type FaultObservation, judgeCell } from './cell-verdict';
import { spawnEngineChild } from './child-process';
import { driveRun, noPdfPrinter } from './drive-run';
import type { EngineChildConfig } from './engine-child';
import { type CellResult, ruleMatches, withinCellDeadline } from './fault-matrix';
import { type CellStage, type Lane, openCellStage } from './lane';
import { seedTargetAccess } from './target-access';
import { damagedRunFiles, journaledIntents } from './tenant-audit';

/**
 * The offboarding's part of `npm run chaos` (docs/offboarding.md): a smaller matrix, the faults that matter to
 * removals at the steps that remove. Each cell gives a fresh tenant's target app what consent to the built-in profile
 * gives it, offboards it with its enterprise application deleted while the fault acts, closes the app, resumes the
 * run and checks that nothing of the app is left, that no removal was sent again once Graph had answered it, that no
 * object was removed twice, and that the journals announced every removal that reached the tenant.
 */

/** The faults of the offboarding matrix. */
export const OFFBOARDING_FAULTS = [
  'throttled (429, Retry-After)',
  'dropped connection',
  'process killed',
] as const;

/** The removal steps the faults are injected at. */
export const OFFBOARDING_STEPS = [
  'remove grants and assignments',
  'delete the enterprise application',
] as const;

type OffboardingFault = (typeof OFFBOARDING_FAULTS)[number];
type OffboardingStep = (typeof OFFBOARDING_STEPS)[number];

const TARGET_APP_ID = DEFAULT_PROFILE.targetApp.appId;
/** Latency of the practice tenant while a child process runs, so a kill can land with a request in flight. */
const KILL_LATENCY_MS = 150;
const OFFBOARD = { enterpriseApp: 'delete' } as const;

/** The journal intent that opens each step, and the `$batch` items the step's item-level faults match. */
const STEP_WRITES: Readonly<
  Record<OffboardingStep, { readonly intent: string; readonly item: Omit<FaultRuleInput, 'fault'> }>
> = {
  'remove grants and assignments': {
    intent: 'remove-access',
    item: {
      method: 'DELETE',
      path: '^/(oauth2PermissionGrants/[^/]+|servicePrincipals/[^/]+/appRoleAssignments/[^/]+)$',
    },
  },
  'delete the enterprise application': {
    intent: 'delete-enterprise-app',
    item: { method: 'DELETE', path: '^/servicePrincipals/[^/]+$' },
  },
};

const BATCH = { host: 'graph', method: 'POST', path: '^/\\$batch$' } as const;

/** The target app's objects in the tenant: its service principal and what names it as client or principal. */
const targetObjects = (directory: Directory, tenantId: string, spId: string): readonly string[] => {
  const tenant = directory.tenant(tenantId);
  const id = spId.toLowerCase();
  return [
    ...tenant.servicePrincipals
      .filter((sp) => sp.appId === TARGET_APP_ID)
      .map((sp) => `servicePrincipal ${sp.id}`),
    ...tenant.oauth2PermissionGrants.filter((g) => g.clientId === id).map((g) => `grant ${g.id}`),
    ...tenant.appRoleAssignments.filter((a) => a.principalId === id).map((a) => `assignment ${a.id}`),
  ];
};

/**
 * What the offboarding promised after resuming: nothing of the app left, no removal sent again once Graph had
 * answered it and no object removed twice (across the faulted run and the resumed one), every object that went
 * announced by a journal before it was sent, and every run file intact. Answers what was sent again, for the cell's
 * summary.
 */
const auditRemoval = async (
  stage: CellStage,
  before: readonly string[],
  spId: string,
  failures: string[],
): Promise<string> => {
  const tenantId = stage.tenant.tenantId;
  for (const left of targetObjects(stage.host.practice.directory, tenantId, spId))
    failures.push(`left behind: ${left}`);
  // A removal sent again by a later attempt shows as a second `write-started` of the same request (Graph's own
  // retries of a throttled item are not journaled again). Sending again is right only for a removal whose answer
  // never arrived (the process died, or the connection dropped, with it in flight): the run cannot know whether it
  // reached Graph, and a DELETE that did is answered 404 the second time ("already-gone"). A removal Graph had
  // answered must never be sent again, and no object may be removed ("applied") twice.
  const stored = await stage.space.runs.list();
  const attempts = new Map<string, (string | null)[]>();
  for (const write of stored.flatMap((run) => run.record.writes)) {
    const request = `${write.request.method} ${write.request.url}`;
    attempts.set(request, [...(attempts.get(request) ?? []), write.outcome]);
  }
  const resent: string[] = [];
  for (const [request, outcomes] of attempts) {
    if (outcomes.length < 2) continue;
    resent.push(`${request.split(' ')[0]} answered ${outcomes.map((o) => o ?? 'never').join(', then ')}`);
    if (outcomes.slice(0, -1).some((outcome) => outcome !== null))
      failures.push(`sent again after Graph had answered it: ${request} (${outcomes.join(', ')})`);
    if (outcomes.filter((outcome) => outcome === 'applied').length > 1)
      failures.push(`removed twice: ${request} (${outcomes.join(', ')})`);
  }
  const announced = new Set(
    (await journaledIntents(stage.space.runs)).flatMap((intent) =>
      intent.kind === 'remove-access'
        ? [
            intent.item.kind === 'delegated-grant'
              ? `grant ${intent.item.grantId}`
              : `assignment ${intent.item.assignmentId}`,
          ]
        : intent.kind === 'delete-enterprise-app'
          ? [`servicePrincipal ${intent.app.id}`]
          : [],
    ),
  );
  const now = new Set(targetObjects(stage.host.practice.directory, tenantId, spId));
  // Deleting the service principal takes what still names it along: those are covered by its own announcement.
  const spAnnounced = announced.has(`servicePrincipal ${spId}`);
  for (const object of before) {
    if (now.has(object) || announced.has(object)) continue;
    if (spAnnounced && !object.startsWith('servicePrincipal')) continue;
    failures.push(`removed without a journal entry: ${object}`);
  }
  for (const damage of await damagedRunFiles(stage.space.runs)) failures.push(`run file: ${damage}`);
  return resent.length === 0
    ? 'no removal sent again'
    : `sent again after a lost answer: ${resent.join('; ')}`;
};

/** Resumes the run as the technician does after a stop, a crash or a closed app, and finishes it. */
const resume = async (
  env: RunEnvironment,
  runId: string,
  stage: CellStage,
  failures: string[],
): Promise<string> => {
  const reportsDirectory = join(stage.space.dataDirectory, 'reports-resumed');
  await mkdir(reportsDirectory, { recursive: true });
  const resumed = await OnboardingRun.resume(env, runId);
  let record: RunRecord;
  try {
    const outcome = await driveRun(resumed, {
      reportsDirectory,
      formats: ['json'],
      pdfPrinter: noPdfPrinter,
    });
    record = outcome.record;
    if (outcome.stoppedAt !== null) {
      const guidance = record.problems.at(-1)?.guidance;
      failures.push(`resuming stopped at ${outcome.stoppedAt}: ${guidance?.title} (${guidance?.rawMessage})`);
    }
    record = await resumed.finish();
  } finally {
    await resumed.close();
  }
  if (record.removalCheck?.complete !== true)
    failures.push('after resuming, the read-back still finds access');
  if (!record.ended) failures.push('the resumed run did not end');
  return `resumed: ${record.removalCheck?.complete === true ? 'nothing left' : 'access left'}`;
};

interface Outcome {
  readonly summary: string;
  readonly observation: FaultObservation;
  readonly failures: string[];
}

/** A 429 or a dropped connection, in this process, from the step's first removal to the end of its `apply`. */
const runInProcess = async (
  fault: Exclude<OffboardingFault, 'process killed'>,
  step: OffboardingStep,
  lane: Lane,
): Promise<Outcome> => {
  const failures: string[] = [];
  const stage = await openCellStage(lane);
  const knobs = stage.host.practice.knobs;
  const takeFault = knobs.takeFault;
  try {
    const tenantId = stage.tenant.tenantId;
    seedTargetAccess(stage.host.practice.directory, tenantId);
    const spId = stage.host.practice.directory.findServicePrincipalByAppId(tenantId, TARGET_APP_ID)?.id ?? '';
    const before = targetObjects(stage.host.practice.directory, tenantId, spId);
    const rules: FaultRule[] = [];
    let injected = false;
    let matching = 0;
    let taken = 0;
    knobs.takeFault = (host, method, path) => {
      const found = takeFault.call(knobs, host, method, path);
      const matches = rules.some((rule) => ruleMatches(rule, host, method, path));
      if (matches) {
        matching += 1;
        if (found !== undefined) taken += 1;
      }
      return found;
    };
    const inject = (): void => {
      if (injected) return;
      injected = true;
      const input: FaultRuleInput =
        fault === 'throttled (429, Retry-After)'
          ? { ...STEP_WRITES[step].item, fault: { kind: 'throttle', retryAfterSeconds: 1 }, times: 2 }
          : { ...BATCH, fault: { kind: 'drop-after' }, times: 1 };
      knobs.addFault(input);
      rules.push(FaultRuleSchema.parse(input));
    };
    stage.space.hooks = {
      onRecord: (record) => {
        if (record.writes.some((w) => w.intent.kind === STEP_WRITES[step].intent)) inject();
      },
    };
    const run = await OnboardingRun.start(stage.space.env, {
      ...runInputFor(stage.tenant.domain, DEFAULT_PROFILE),
      offboard: OFFBOARD,
    });
    let phase: string;
    try {
      const outcome = await driveRun(run, {
        reportsDirectory: stage.space.dataDirectory,
        formats: ['json'],
        pdfPrinter: noPdfPrinter,
        afterStep: (engineStep) => {
          if (engineStep === 'apply') {
            knobs.clearFaults();
            rules.length = 0;
          }
        },
      });
      const guidance = outcome.record.problems.at(-1)?.guidance;
      if (outcome.stoppedAt !== null && guidance?.known !== true)
        failures.push(
          `stopped at ${outcome.stoppedAt} without the catalog's guidance (${guidance?.catalogKey ?? 'none'})`,
        );
      if (outcome.stoppedAt === null && outcome.record.removalCheck?.complete !== true)
        failures.push('the run went through every step but the read-back still finds access');
      phase =
        outcome.stoppedAt === null
          ? 'completed'
          : `stopped at ${outcome.stoppedAt}: ${guidance?.catalogKey ?? '?'}`;
    } finally {
      stage.space.hooks = {};
      await run.close();
    }
    knobs.takeFault = takeFault;
    knobs.clearFaults();
    const observation: FaultObservation = {
      injected,
      trigger: `the first ${STEP_WRITES[step].intent} write`,
      exposed: matching,
      fired: taken,
      exposedWhat: "requests matching the step's fault rules",
      firedWhat:
        fault === 'dropped connection'
          ? 'lost their answer (handled, then the connection dropped)'
          : 'were answered 429 with Retry-After',
    };
    const runId = (await stage.space.runs.list())[0]?.record.runId;
    if (runId === undefined) {
      failures.push('no run was journaled');
      return { summary: phase, observation, failures };
    }
    const resumed = await resume(stage.space.env, runId, stage, failures);
    const repeats = await auditRemoval(stage, before, spId, failures);
    return {
      summary: `${phase}; ${judgeCell(observation, []).note}; ${resumed}; ${repeats}`,
      observation,
      failures,
    };
  } finally {
    knobs.takeFault = takeFault;
    await stage.close();
  }
};

/** The engine in a child process, killed with SIGKILL as the step's first removal is journaled; then resumed here. */
const runKill = async (step: OffboardingStep, lane: Lane): Promise<Outcome> => {
  const failures: string[] = [];
  let armed = false;
  const child = spawnEngineChild((message, handle) => {
    if (armed || message.kind !== 'entry' || message.type !== 'write-started') return;
    if (message.intent !== STEP_WRITES[step].intent) return;
    armed = true;
    handle.kill();
  });
  const stage = await openCellStage(lane).catch((error: unknown) => {
    child.kill();
    throw error;
  });
  try {
    const tenantId = stage.tenant.tenantId;
    seedTargetAccess(stage.host.practice.directory, tenantId);
    const spId = stage.host.practice.directory.findServicePrincipalByAppId(tenantId, TARGET_APP_ID)?.id ?? '';
    const before = targetObjects(stage.host.practice.directory, tenantId, spId);
    stage.host.practice.knobs.setLatency(KILL_LATENCY_MS);
    const config: EngineChildConfig = {
      address: stage.host.address,
      browserEndpoint: stage.host.browserEndpoint,
      runsDirectory: stage.space.runsDirectory,
      reportsDirectory: stage.space.dataDirectory,
      client: stage.tenant.domain,
      upn: stage.tenant.upn,
      limits: stage.space.env.limits ?? {},
      offboard: OFFBOARD,
    };
    child.start(config);
    const exit = await child.exited;
    const killed = exit.signal === 'SIGKILL';
    // A request in flight when the process died is still handled by the tenant after its latency.
    await new Promise((resolve) => setTimeout(resolve, KILL_LATENCY_MS + 350));
    stage.host.practice.knobs.setLatency(0);
    const observation: FaultObservation = {
      injected: armed,
      trigger: `the first ${STEP_WRITES[step].intent} write`,
      exposed: armed ? 1 : 0,
      fired: killed ? 1 : 0,
      exposedWhat: 'engine processes running at the kill point',
      firedWhat: 'were killed with SIGKILL',
    };
    const phase = killed
      ? `killed at the first ${STEP_WRITES[step].intent} write`
      : `not killed (exit ${exit.code})`;
    const runId = (await stage.space.runs.list())[0]?.record.runId;
    if (runId === undefined) {
      failures.push('no run was journaled');
      return { summary: phase, observation, failures };
    }
    const resumed = await resume(stage.space.env, runId, stage, failures);
    const repeats = await auditRemoval(stage, before, spId, failures);
    return { summary: `${phase}; ${resumed}; ${repeats}`, observation, failures };
  } finally {
    child.kill();
    await stage.close();
  }
};

/** How one cell of the offboarding matrix ended. */
export type OffboardingCellResult = Omit<CellResult, 'fault' | 'step'> & {
  readonly fault: OffboardingFault;
  readonly step: OffboardingStep;
};

/** Runs one cell of the offboarding matrix. */
export const runOffboardingCell = async (
  fault: OffboardingFault,
  step: OffboardingStep,
  lane: Lane,
): Promise<OffboardingCellResult> => {
  const started = performance.now();
  try {
    const outcome = await withinCellDeadline(
      fault === 'process killed' ? runKill(step, lane) : runInProcess(fault, step, lane),
    );
    const judged = judgeCell(outcome.observation, outcome.failures);
    return {
      fault,
      step,
      verdict: judged.verdict,
      note: judged.note,
      summary: outcome.summary,
      failures: judged.failures,
      ms: performance.now() - started,
      spoiledLane: false,
    };
  } catch (error) {
    return {
      fault,
      step,
      verdict: 'fail',
      note: 'crashed',
      summary: 'crashed',
      failures: [error instanceof Error ? (error.stack ?? error.message) : String(error)],
      ms: performance.now() - started,
      spoiledLane: true,
    };
  }
};
