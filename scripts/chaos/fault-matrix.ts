import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { OnboardingRun } from '../../src/main/onboarding/onboarding-run';
import { DEFAULT_RUN_LIMITS, type RunEnvironment } from '../../src/main/onboarding/run-environment';
import {
  type FaultRule,
  type FaultRuleInput,
  FaultRuleSchema,
  type HostKind,
} from '../../src/main/practice-tenant/knobs/fault-rule';
import type { PdfPrinter } from '../../src/main/report/pdf-printer';
import type { RunRecord } from '../../src/shared/onboarding/run-record';
import { DEFAULT_PROFILE } from '../../src/shared/profile/default-profile';
import type { ReportFormat } from '../../src/shared/report/report-format';
import { runInputFor } from '../bench/onboarding-case';
import { type FaultObservation, judgeCell, type Verdict } from './cell-verdict';
import { spawnEngineChild } from './child-process';
import { driveRun, type EngineStep } from './drive-run';
import type { EngineChildConfig, EngineChildMessage } from './engine-child';
import { type CellStage, type Lane, openCellStage } from './lane';
import {
  damagedReports,
  damagedRunFiles,
  duplicateGrants,
  journaledIntents,
  objectsWrittenSince,
  type TenantBaseline,
  tenantBaseline,
  unjournaledChanges,
} from './tenant-audit';

/** The faults of the matrix. */
export const FAULTS = [
  'throttled (429, Retry-After)',
  'unavailable (503)',
  'dropped connection',
  'timeout',
  'replication delay',
  'lagging replicas',
  'token expired',
  'process killed',
] as const;

/** A fault of the matrix. */
export type FaultName = (typeof FAULTS)[number];

/** The steps of a run the faults are injected at. */
export const RUN_STEPS = [
  'discover',
  'sign in',
  'read',
  'create service principals',
  'grant delegated',
  'assign app roles',
  'verify',
  'export',
] as const;

/** A step of the matrix. */
export type RunStepName = (typeof RUN_STEPS)[number];

/** How one cell ended. */
export interface CellResult {
  readonly fault: FaultName;
  readonly step: RunStepName;
  readonly verdict: Verdict;
  /** What the fault did, or why nothing happened (the reason of an `n/a` cell). */
  readonly note: string;
  /** What happened, in a few words: how the faulted run ended, what the fault did, how resuming ended. */
  readonly summary: string;
  readonly failures: readonly string[];
  readonly ms: number;
  /** The cell crashed or hung: the lane's practice tenant may be left in any state, so the lane is replaced. */
  readonly spoiledLane: boolean;
}

const TARGET_APP_ID = DEFAULT_PROFILE.targetApp.appId;
/** Of the default profile's 40 permissions, Microsoft Graph offers Device.ReadWrite.All as application only. */
export const GRANTABLE = 39;
const TIMEOUT_LIMIT_MS = 1_500;
const TIMEOUT_LATENCY_MS = 4_000;
const REPLICATION_DELAY_SECONDS = 3;
/** Three replicas serving reads in turn: one up to date, two behind, so a read can miss what the one before saw. */
const REPLICA_LAG_SECONDS = [0, 2, 5];
const TOKEN_EXPIRY_JUMP_MS = 2 * 60 * 60 * 1000;
/** Latency of the practice tenant while a child process runs, so a kill can land with a request in flight. */
const KILL_LATENCY_MS = 150;
const CELL_DEADLINE_MS = 180_000;

/** When, during a run, a fault is injected. */
type Trigger =
  /** Just before the engine call. */
  | { readonly kind: 'before'; readonly step: EngineStep }
  /** As soon as the token arrived (the journal's `signed-in` entry), before the identity read. */
  | { readonly kind: 'signed-in' }
  /** When the journal announces the first write of a kind, before its `$batch` is sent. */
  | { readonly kind: 'first-write'; readonly intents: readonly string[] }
  /** When the journal announces the last app role assignment of the plan: its `$batch` holds assignments only. */
  | { readonly kind: 'last-assignment' };

const triggerOf = (step: RunStepName, fault: FaultName): Trigger => {
  switch (step) {
    case 'discover':
      return { kind: 'before', step: 'discover' };
    case 'sign in':
      // A token can only expire once there is one.
      return fault === 'token expired' ? { kind: 'signed-in' } : { kind: 'before', step: 'sign-in' };
    case 'read':
      return { kind: 'before', step: 'plan' };
    case 'create service principals':
      return { kind: 'first-write', intents: ['create-service-principal'] };
    case 'grant delegated':
      return { kind: 'first-write', intents: ['create-grant', 'extend-grant'] };
    case 'assign app roles':
      return { kind: 'last-assignment' };
    case 'verify':
      return { kind: 'before', step: 'verify' };
    case 'export':
      return { kind: 'before', step: 'export' };
  }
};

/** The moment a trigger waits for, in words. */
const triggerName = (trigger: Trigger): string => {
  switch (trigger.kind) {
    case 'before':
      return `the start of the ${trigger.step} step`;
    case 'signed-in':
      return 'the signed-in entry';
    case 'first-write':
      return `the first ${trigger.intents.join(' or ')} write`;
    case 'last-assignment':
      return "the plan's last app role assignment";
  }
};

/** Whether a fault rule (defaults filled in) matches a request, as the practice tenant's knobs match it. */
export const ruleMatches = (rule: FaultRule, host: HostKind, method: string, path: string): boolean =>
  rule.host === host &&
  (rule.method === undefined || rule.method === method.toUpperCase()) &&
  new RegExp(rule.path).test(path);

/** The requests of a step that item-level and whole-request faults match. */
const rulesOf = (
  step: RunStepName,
): { readonly item: Omit<FaultRuleInput, 'fault'>; readonly request: Omit<FaultRuleInput, 'fault'> } => {
  const batch = { host: 'graph', method: 'POST', path: '^/\\$batch$' } as const;
  switch (step) {
    case 'discover': {
      const discovery = {
        host: 'authority',
        method: 'GET',
        path: '/v2\\.0/\\.well-known/openid-configuration$',
      } as const;
      return { item: discovery, request: discovery };
    }
    case 'sign in': {
      const token = { host: 'authority', method: 'POST', path: '/oauth2/v2\\.0/token$' } as const;
      return { item: token, request: token };
    }
    case 'read':
      return { item: { method: 'GET', path: '^/servicePrincipals$' }, request: batch };
    case 'create service principals':
      return { item: { method: 'POST', path: '^/servicePrincipals$' }, request: batch };
    case 'grant delegated':
      return { item: { path: '^/oauth2PermissionGrants' }, request: batch };
    case 'assign app roles':
      return {
        item: { method: 'POST', path: '^/servicePrincipals/[^/]+/appRoleAssignments$' },
        request: batch,
      };
    case 'verify':
      return { item: { method: 'GET', path: '^/servicePrincipals' }, request: batch };
    case 'export':
      // Any request at all: exporting must need none.
      return { item: { path: '' }, request: { path: '' } };
  }
};

/** The run's own checks after the faulted phase and after resuming; each string is a broken promise. */
const auditTenant = async (
  stage: CellStage,
  baseline: TenantBaseline,
): Promise<{
  unjournaled: readonly string[];
  duplicates: readonly string[];
  damaged: readonly string[];
}> => ({
  unjournaled: unjournaledChanges(
    stage.host.practice.directory,
    stage.tenant.tenantId,
    baseline,
    await journaledIntents(stage.space.runs),
  ),
  duplicates: duplicateGrants(stage.host.practice.directory, stage.tenant.tenantId, TARGET_APP_ID),
  damaged: await damagedRunFiles(stage.space.runs),
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether a run that went through every step did the job: every grantable permission verified as granted. */
const completedCorrectly = (record: RunRecord): boolean =>
  record.problems.length === 0 &&
  record.verification?.counts.granted === GRANTABLE &&
  record.verification.counts.missing === 0;

/** Options shared by every cell. */
export interface CellContext {
  readonly pdfPrinter: PdfPrinter;
}

/**
 * Resumes the run as the technician does after a stop, a crash or a closed app: reopen it from its journal, sign in
 * again, plan afresh, apply, verify, save the report, finish. Then every promise is checked.
 */
const resumeAndCheck = async (
  stage: CellStage,
  env: RunEnvironment,
  runId: string,
  baseline: TenantBaseline,
  formats: readonly ReportFormat[],
  context: CellContext,
  failures: string[],
): Promise<string> => {
  const reportsDirectory = join(stage.space.dataDirectory, 'reports-resumed');
  await mkdir(reportsDirectory, { recursive: true });
  const resumed = await OnboardingRun.resume(env, runId);
  let record: RunRecord;
  try {
    const outcome = await driveRun(resumed, { reportsDirectory, formats, pdfPrinter: context.pdfPrinter });
    record = outcome.record;
    if (outcome.stoppedAt !== null) {
      const guidance = record.problems.at(-1)?.guidance;
      failures.push(`resuming stopped at ${outcome.stoppedAt}: ${guidance?.title} (${guidance?.rawMessage})`);
    }
    record = await resumed.finish();
  } finally {
    await resumed.close();
  }
  const granted = record.verification?.counts.granted ?? 0;
  if (granted !== GRANTABLE || (record.verification?.counts.missing ?? 0) !== 0)
    failures.push(`after resuming ${granted} of ${GRANTABLE} permissions are verified as granted`);
  if (!record.ended) failures.push('the resumed run did not end');
  const audit = await auditTenant(stage, baseline);
  for (const change of audit.unjournaled) failures.push(`no journal announced: ${change}`);
  for (const duplicate of audit.duplicates) failures.push(`duplicate: ${duplicate}`);
  for (const damage of audit.damaged) failures.push(`run file: ${damage}`);
  for (const damage of await damagedReports(reportsDirectory)) failures.push(`report: ${damage}`);
  for (const damage of await damagedReports(join(stage.space.dataDirectory, 'reports')))
    failures.push(`report of the faulted run: ${damage}`);
  return `resumed: ${granted}/${GRANTABLE} verified`;
};

/** Describes how the faulted phase ended, and fails the cell unless it completed or stopped with catalog guidance. */
const judgeFaultedPhase = (record: RunRecord, stoppedAt: EngineStep | null, failures: string[]): string => {
  if (stoppedAt === null) {
    if (!completedCorrectly(record)) {
      failures.push(
        `the run went through every step but verified ${record.verification?.counts.granted ?? 0} of ${GRANTABLE}`,
      );
    }
    return 'completed';
  }
  const guidance = record.problems.at(-1)?.guidance;
  if (guidance === undefined || !guidance.known)
    failures.push(
      `stopped at ${stoppedAt} without the catalog's guidance (${guidance?.catalogKey ?? 'none'})`,
    );
  return `stopped at ${stoppedAt}: ${guidance?.catalogKey ?? '?'}`;
};

/** What a cell's runs produced: a summary, the fault as observed, the promises broken. */
interface CellOutcome {
  readonly summary: string;
  readonly observation: FaultObservation;
  readonly failures: string[];
}

/**
 * A fault injected in this process: the practice tenant's knobs and clock, while the engine runs in-process.
 *
 * Faults on requests (429, 503, a dropped connection, a timeout) are in place from their moment to the end of the
 * engine step it falls in, so what they hit belongs to the cell's step. Faults on the tenant's state (replication
 * delay, lagging replicas, Microsoft's clock) stay until the faulted run ends: they act on what comes after.
 * What each could act on, and what it did, is counted where the practice tenant applies it.
 */
const runInProcessCell = async (
  fault: Exclude<FaultName, 'process killed'>,
  step: RunStepName,
  lane: Lane,
  context: CellContext,
): Promise<CellOutcome> => {
  const failures: string[] = [];
  const stage = await openCellStage(lane, fault === 'timeout' ? { requestTimeoutMs: TIMEOUT_LIMIT_MS } : {});
  const knobs = stage.host.practice.knobs;
  const takeFault = knobs.takeFault;
  const nextReplicaLagMs = knobs.nextReplicaLagMs;
  try {
    const tenantId = stage.tenant.tenantId;
    const baseline = tenantBaseline(stage.host.practice.directory, tenantId);
    let injected = false;
    let injectedDuring: EngineStep | null = null;
    let currentStep: EngineStep | null = null;
    let injectedAt = 0;
    // The tenant's objects when the fault was injected, and how many were written from then to the faulted run's end.
    let atInjection: TenantBaseline = baseline;
    let objectsWritten = 0;
    // The rules this cell added, and whether they are still in place.
    const rules: FaultRule[] = [];
    let rulesInPlace = false;
    // Whether the faulted run is still going: the tenant-state faults are counted until it ends.
    let faultedRunGoing = true;
    let matching = 0;
    let taken = 0;
    let writes = 0;
    knobs.takeFault = (host, method, path) => {
      const fault = takeFault.call(knobs, host, method, path);
      if (rulesInPlace && rules.some((rule) => ruleMatches(rule, host, method, path))) {
        matching += 1;
        if (fault !== undefined) taken += 1;
      }
      // Every Graph request and `$batch` item passes here; a write is any but a read (the envelope aside).
      if (
        injected &&
        faultedRunGoing &&
        host === 'graph' &&
        method.toUpperCase() !== 'GET' &&
        path !== '/$batch'
      )
        writes += 1;
      return fault;
    };
    let reads = 0;
    let laggingReads = 0;
    knobs.nextReplicaLagMs = (id) => {
      const lag = nextReplicaLagMs.call(knobs, id);
      if (injected && faultedRunGoing && id.toLowerCase() === tenantId.toLowerCase()) {
        reads += 1;
        if (lag > 0) laggingReads += 1;
      }
      return lag;
    };
    // The practice tenant's clock when the fault was injected (before any jump) and when a timeout's latency ended.
    let injectedAtClock = 0;
    let latencyEndedAtClock = Number.POSITIVE_INFINITY;
    const trigger = triggerOf(step, fault);
    const inject = (): void => {
      if (injected) return;
      injected = true;
      injectedDuring = currentStep;
      injectedAt = performance.now();
      injectedAtClock = stage.host.now();
      atInjection = tenantBaseline(stage.host.practice.directory, tenantId);
      const stepRules = rulesOf(step);
      // Exporting must need no request at all: there, the fault waits on every request of both hosts.
      const hosts = step === 'export' ? (['graph', 'authority'] as const) : [undefined];
      const add = (
        rule: Omit<FaultRuleInput, 'fault'>,
        faultKind: FaultRuleInput['fault'],
        times: number,
      ): void => {
        for (const host of hosts) {
          const input: FaultRuleInput = {
            ...rule,
            ...(host === undefined ? {} : { host }),
            fault: faultKind,
            times,
          };
          knobs.addFault(input);
          rules.push(FaultRuleSchema.parse(input));
        }
        rulesInPlace = true;
      };
      switch (fault) {
        case 'throttled (429, Retry-After)':
          add(stepRules.item, { kind: 'throttle', retryAfterSeconds: 1 }, 2);
          break;
        case 'unavailable (503)':
          add(stepRules.request, { kind: 'unavailable', retryAfterSeconds: 1 }, 2);
          break;
        case 'dropped connection':
          // The request is handled, then the answer is lost: a write reaches the tenant without the tool knowing.
          add(stepRules.request, { kind: 'drop-after' }, 1);
          break;
        case 'timeout':
          knobs.setLatency(TIMEOUT_LATENCY_MS);
          break;
        case 'replication delay':
          knobs.setTenant(tenantId, { replicationDelaySeconds: REPLICATION_DELAY_SECONDS });
          break;
        case 'lagging replicas':
          knobs.setTenant(tenantId, { replicaLagSeconds: REPLICA_LAG_SECONDS });
          break;
        case 'token expired':
          // Two hours pass at Microsoft: the access token the run holds is expired there, though not to the run.
          stage.host.advanceClock(TOKEN_EXPIRY_JUMP_MS);
          break;
      }
    };
    const plannedAssignments = (record: RunRecord): number => record.plan?.appRoleAssignments.length ?? -1;
    stage.space.hooks = {
      onRecord: (record) => {
        if (injected) return;
        if (trigger.kind === 'signed-in' && record.account !== null) inject();
        if (
          trigger.kind === 'first-write' &&
          record.writes.some((w) => trigger.intents.includes(w.intent.kind))
        )
          inject();
        if (
          trigger.kind === 'last-assignment' &&
          record.writes.filter((w) => w.intent.kind === 'assign-app-role').length ===
            plannedAssignments(record)
        )
          inject();
      },
    };

    const reportsDirectory = join(stage.space.dataDirectory, 'reports');
    await mkdir(reportsDirectory, { recursive: true });
    const formats: readonly ReportFormat[] =
      step === 'export' ? ['pdf', 'html', 'csv', 'json', 'md'] : ['json'];
    const run = await OnboardingRun.start(stage.space.env, runInputFor(stage.tenant.domain, DEFAULT_PROFILE));
    let phase: string;
    let stopped = false;
    try {
      const outcome = await driveRun(run, {
        reportsDirectory,
        formats,
        pdfPrinter: context.pdfPrinter,
        beforeStep: (engineStep) => {
          currentStep = engineStep;
          if (trigger.kind === 'before' && trigger.step === engineStep) inject();
        },
        afterStep: (engineStep) => {
          if (!injected || engineStep !== injectedDuring) return;
          // A request fault belongs to the step it was injected in; a timeout is a slow moment, not a slow tenant.
          if (rulesInPlace) {
            knobs.clearFaults();
            rulesInPlace = false;
          }
          if (fault === 'timeout' && latencyEndedAtClock === Number.POSITIVE_INFINITY) {
            knobs.setLatency(0);
            latencyEndedAtClock = stage.host.now();
          }
        },
      });
      phase = judgeFaultedPhase(outcome.record, outcome.stoppedAt, failures);
      stopped = outcome.stoppedAt !== null;
      if (outcome.stoppedAt === null && outcome.saved.json === undefined)
        failures.push('no report was saved');
    } finally {
      faultedRunGoing = false;
      rulesInPlace = false;
      if (injected)
        objectsWritten = objectsWrittenSince(stage.host.practice.directory, tenantId, atInjection);
      // The app is closed: tokens and the sign-in session go; the run stays resumable in history.
      await run.close();
    }

    // Whatever the fault, the tenant's state comes back to normal before the technician resumes.
    knobs.clearFaults();
    knobs.setLatency(0);
    if (latencyEndedAtClock === Number.POSITIVE_INFINITY) latencyEndedAtClock = stage.host.now();
    knobs.setTenant(tenantId, { replicationDelaySeconds: 0, replicaLagSeconds: [] });
    // A request abandoned by the run's deadline is still handled by the tenant after its latency.
    if (fault === 'timeout' && injected && stopped)
      await sleep(Math.max(0, TIMEOUT_LATENCY_MS + 300 - (performance.now() - injectedAt)));
    const faulted = await auditTenant(stage, baseline);
    for (const change of faulted.unjournaled) failures.push(`faulted run's journal lacks: ${change}`);
    for (const damage of faulted.damaged) failures.push(`run file after the fault: ${damage}`);

    const observation = ((): FaultObservation => {
      const base = { injected, trigger: triggerName(trigger) };
      // The log holds a request once its exchange has ended; `at` is when it reached the tenant.
      const logged = knobs.requestLog.entries;
      switch (fault) {
        case 'throttled (429, Retry-After)':
        case 'unavailable (503)':
        case 'dropped connection':
          return {
            ...base,
            exposed: matching,
            fired: taken,
            exposedWhat: step === 'export' ? 'requests' : "requests matching the step's fault rules",
            firedWhat:
              fault === 'dropped connection'
                ? 'lost their answer (handled, then the connection dropped)'
                : `were answered ${fault === 'unavailable (503)' ? 503 : 429} with Retry-After`,
          };
        case 'timeout': {
          const slowed = logged.filter((e) => e.at >= injectedAtClock && e.at < latencyEndedAtClock);
          return {
            ...base,
            exposed: slowed.length,
            // The log's clock starts when the tenant receives a request, a moment after the run sent it.
            fired: slowed.filter((e) => e.durationMs >= TIMEOUT_LIMIT_MS - 250).length,
            exposedWhat: `requests sent under the ${TIMEOUT_LATENCY_MS / 1000} s latency`,
            firedWhat: `outlived the run's ${TIMEOUT_LIMIT_MS / 1000} s deadline`,
          };
        }
        case 'replication delay':
          // A write request that changed nothing (refused, or retried) has nothing to replicate.
          return {
            ...base,
            exposed: writes,
            fired: Math.min(objectsWritten, writes),
            exposedWhat: 'write requests',
            firedWhat: `created or changed an object, visible to reads only ${REPLICATION_DELAY_SECONDS} s later`,
          };
        case 'lagging replicas':
          return {
            ...base,
            exposed: reads,
            fired: laggingReads,
            exposedWhat: "reads of the client's tenant",
            firedWhat: 'were served by a lagging replica',
          };
        case 'token expired': {
          const isToken = (e: (typeof logged)[number]): boolean =>
            e.host === 'authority' && /\/oauth2\/v2\.0\/token$/.test(e.path) && e.status === 200;
          // Only a token issued before the jump can be expired by it; the first token after it replaces it.
          const tokensBefore = logged.filter((e) => isToken(e) && e.at < injectedAtClock).length;
          const jumpedAt = injectedAtClock + TOKEN_EXPIRY_JUMP_MS;
          const renewedAt = Math.min(
            ...logged.filter((e) => isToken(e) && e.at >= jumpedAt).map((e) => e.at),
            Number.POSITIVE_INFINITY,
          );
          const oldToken =
            tokensBefore === 0
              ? []
              : logged.filter((e) => e.host === 'graph' && e.at >= jumpedAt && e.at < renewedAt);
          return {
            ...base,
            exposed: oldToken.length,
            fired: oldToken.filter((e) => e.status === 401).length,
            exposedWhat: 'Graph requests carrying a token issued before the clock jumped',
            firedWhat: 'were answered 401 (token expired)',
          };
        }
      }
    })();
    const judged = judgeCell(observation, []);
    const runIds = (await stage.space.runs.list()).map((r) => r.record.runId);
    const runId = runIds[0];
    if (runId === undefined) {
      failures.push('no run was journaled');
      return { summary: `${phase}; ${judged.note}`, observation, failures };
    }
    const resumeEnv: RunEnvironment = {
      ...stage.space.env,
      limits: { ...stage.space.env.limits, requestTimeoutMs: DEFAULT_RUN_LIMITS.requestTimeoutMs },
    };
    stage.space.hooks = {};
    const resumed = await resumeAndCheck(stage, resumeEnv, runId, baseline, formats, context, failures);
    return { summary: `${phase}; ${judged.note}; ${resumed}`, observation, failures };
  } finally {
    knobs.takeFault = takeFault;
    knobs.nextReplicaLagMs = nextReplicaLagMs;
    await stage.close();
  }
};

/** When the parent kills the engine child, by step: the message to wait for and how long after it. */
const killPoint = (
  step: RunStepName,
): {
  readonly matches: (message: EngineChildMessage, seen: readonly EngineChildMessage[]) => boolean;
  delayMs: number;
} => {
  const stepStarted =
    (name: string) =>
    (m: EngineChildMessage): boolean =>
      m.kind === 'step' && m.step === name;
  const entry =
    (type: string, intent?: string) =>
    (m: EngineChildMessage): boolean =>
      m.kind === 'entry' && m.type === type && (intent === undefined || m.intent === intent);
  switch (step) {
    case 'discover':
      return { matches: stepStarted('discover'), delayMs: 50 };
    case 'sign in':
      // The sign-in pages are being filled in.
      return { matches: entry('sign-in-started'), delayMs: 700 };
    case 'read':
      return { matches: stepStarted('plan'), delayMs: 50 };
    case 'create service principals':
      return { matches: entry('write-started', 'create-service-principal'), delayMs: 0 };
    case 'grant delegated':
      return { matches: entry('write-started', 'create-grant'), delayMs: 0 };
    case 'assign app roles':
      // Answers are coming back: killed after the first assignment's answer is on disk, before the others.
      return {
        matches: (m, seen) =>
          m.kind === 'entry' &&
          m.type === 'write-finished' &&
          seen.some((s) => s.kind === 'entry' && s.intent === 'assign-app-role'),
        delayMs: 0,
      };
    case 'verify':
      return { matches: stepStarted('verify'), delayMs: 50 };
    case 'export':
      return { matches: stepStarted('export'), delayMs: 5 };
  }
};

/** The engine in a child process, killed with SIGKILL at a step; the run is then resumed in this process. */
const runKillCell = async (step: RunStepName, lane: Lane, context: CellContext): Promise<CellOutcome> => {
  const failures: string[] = [];
  const point = killPoint(step);
  let armed = false;
  let killedAfter = '';
  // The child loads the engine while the practice tenant starts.
  const child = spawnEngineChild((message, handle) => {
    if (armed || !point.matches(message, handle.messages)) return;
    armed = true;
    killedAfter =
      message.kind === 'entry'
        ? `${message.type} #${message.index}`
        : message.kind === 'step'
          ? `the start of the ${message.step} step`
          : message.kind;
    setTimeout(() => handle.kill(), point.delayMs);
  });
  const stage = await openCellStage(lane).catch((error: unknown) => {
    child.kill();
    throw error;
  });
  try {
    stage.host.practice.knobs.setLatency(KILL_LATENCY_MS);
    const baseline = tenantBaseline(stage.host.practice.directory, stage.tenant.tenantId);
    const reportsDirectory = join(stage.space.dataDirectory, 'reports');
    await mkdir(reportsDirectory, { recursive: true });
    const config: EngineChildConfig = {
      address: stage.host.address,
      browserEndpoint: stage.host.browserEndpoint,
      runsDirectory: stage.space.runsDirectory,
      reportsDirectory,
      client: stage.tenant.domain,
      upn: stage.tenant.upn,
      limits: stage.space.env.limits ?? {},
    };
    child.start(config);
    const exit = await child.exited;
    const killed = exit.signal === 'SIGKILL';
    // A request in flight when the process died is still handled by the tenant after its latency.
    await sleep(KILL_LATENCY_MS + 350);
    stage.host.practice.knobs.setLatency(0);
    const faulted = await auditTenant(stage, baseline);
    for (const change of faulted.unjournaled) failures.push(`killed run's journal lacks: ${change}`);
    // A torn last line is what a kill during an append leaves; reopening the journal cuts it. Anything else is damage.
    for (const damage of faulted.damaged.filter((d) => !d.endsWith('torn last line')))
      failures.push(`run file after the kill: ${damage}`);
    const observation: FaultObservation = {
      injected: armed,
      trigger: `the kill point of the ${step} step`,
      // Armed, the kill waits for the process to be running still: it is what the fault acts on.
      exposed: armed ? 1 : 0,
      fired: killed ? 1 : 0,
      exposedWhat: 'engine processes running at the kill point',
      firedWhat: 'were killed with SIGKILL',
    };
    const phase = killed
      ? `killed after ${killedAfter}${point.delayMs > 0 ? ` +${point.delayMs} ms` : ''}`
      : `not killed (exit ${exit.code})`;
    const runId = (await stage.space.runs.list())[0]?.record.runId;
    if (runId === undefined) {
      failures.push('no run was journaled');
      return { summary: phase, observation, failures };
    }
    const resumed = await resumeAndCheck(
      stage,
      stage.space.env,
      runId,
      baseline,
      ['json'],
      context,
      failures,
    );
    return { summary: `${phase}; ${resumed}`, observation, failures };
  } finally {
    child.kill();
    await stage.close();
  }
};

/** A cell's work, or the error that it did not end within {@link CELL_DEADLINE_MS} (it hung). */
export const withinCellDeadline = async <T>(body: Promise<T>): Promise<T> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    body,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no end after ${CELL_DEADLINE_MS / 1000} s`)),
        CELL_DEADLINE_MS,
      );
    }),
  ]).finally(() => clearTimeout(timer));
};

/** Runs one cell of the matrix: the fault injected at the step, the run judged, resumed and judged again. */
export const runCell = async (
  fault: FaultName,
  step: RunStepName,
  lane: Lane,
  context: CellContext,
): Promise<CellResult> => {
  const started = performance.now();
  let result: CellResult;
  try {
    const body =
      fault === 'process killed'
        ? runKillCell(step, lane, context)
        : runInProcessCell(fault, step, lane, context);
    const outcome = await withinCellDeadline(body);
    const judged = judgeCell(outcome.observation, outcome.failures);
    result = {
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
    result = {
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
  return result;
};
