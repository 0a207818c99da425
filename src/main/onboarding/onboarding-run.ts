import { randomUUID } from 'node:crypto';
import { type AuthenticationResult, PublicClientApplication } from '@azure/msal-node';
import { ZodError } from 'zod';
import type { Cloud } from '../../shared/cloud/cloud';
import { type SignInClientIds, signInClientIdFor } from '../../shared/cloud/sign-in-app';
import {
  guidanceFromGraphError,
  guidanceFromNetworkFailure,
  guidanceFromUnexpectedAnswer,
} from '../../shared/guidance/from-graph-error';
import { guidanceFromRedirect } from '../../shared/guidance/from-sign-in-error';
import type { Guidance } from '../../shared/guidance/guidance';
import { missingSignInAppGuidance, runGuidance } from '../../shared/guidance/run-guidance';
import { planRoleGuard, roleGuard, targetAppGuard, tenantGuard } from '../../shared/onboarding/guards';
import { computePlan, type DelegatedGrantChange, type Plan } from '../../shared/onboarding/plan';
import {
  type GuardResult,
  RUN_JOURNAL_VERSION,
  type RunEntry,
  type RunInput,
  type WriteIntent,
} from '../../shared/onboarding/run-entry';
import type { RunProgress } from '../../shared/onboarding/run-progress';
import { applyEntry, foldRun, type RunRecord } from '../../shared/onboarding/run-record';
import { finishOutcome, identityGuardsPassed } from '../../shared/onboarding/run-status';
import { signInScopes } from '../../shared/onboarding/sign-in-scopes';
import {
  holdsScope,
  type RequestedResource,
  ServicePrincipalSnapshotSchema,
  splitScopes,
  type TenantSnapshot,
} from '../../shared/onboarding/tenant-snapshot';
import { verifyPermissions } from '../../shared/onboarding/verification';
import { type BatchItem, runBatched, type SendBatch, type SettledItem } from '../graph/batch';
import { createGraphSession, GraphBatchError, type GraphSession } from '../graph/graph-session';
import { UnexpectedAnswerError } from '../graph/unexpected-answer';
import { createHttpClient, type HttpClient, msalNetworkClient } from '../net/http-client';
import type { SignInBrowser, SignInBrowserEvent, SignInBrowserFactory } from '../sign-in/browser-opener';
import type { Journal } from '../storage/journal';
import { adminConsentUrl, parseAdminConsentRedirect } from './admin-consent';
import { type DiscoveryTarget, discoverTenant } from './discover-tenant';
import { SignInFailed, signInInteractively } from './interactive-sign-in';
import {
  existingGrantWrites,
  grantWrites,
  type PlannedWrite,
  type PrincipalIds,
  servicePrincipalWrites,
} from './plan-requests';
import { readIdentity } from './read-identity';
import { readTenantSnapshot, SnapshotReadError } from './read-snapshot';
import { readTenantWideGrants } from './read-tenant-wide-grants';
import { type ReadAgainPolicy, readUntil } from './read-until';
import type { RunStore } from './run-store';
import { type WriteResult, writeResult } from './write-outcome';

/** How long a run waits, at most. */
export interface RunLimits {
  /** For the administrator to finish Microsoft's sign-in or consent pages. */
  readonly signInTimeoutMs: number;
  /** For Microsoft Entra ID to make writes visible to reads (30 to 60 s is common; longer happens). */
  readonly replicationDeadlineMs: number;
  /** The first wait between two verification reads; it doubles up to `maxPollIntervalMs`. */
  readonly firstPollIntervalMs: number;
  readonly maxPollIntervalMs: number;
  /** For one HTTP request to Microsoft (discovery, token, Graph) before it counts as a lost connection. */
  readonly requestTimeoutMs: number;
}

/** Default waits: ten minutes for the pages, three for replication. */
export const DEFAULT_RUN_LIMITS: RunLimits = {
  signInTimeoutMs: 10 * 60_000,
  replicationDeadlineMs: 3 * 60_000,
  firstPollIntervalMs: 2_000,
  maxPollIntervalMs: 15_000,
  requestTimeoutMs: 60_000,
};

/** Where the runs of this app connect, and with which sign-in app. */
export interface RunConnection {
  /** Microsoft's clouds, or the practice tenant only. */
  readonly target: DiscoveryTarget;
  /**
   * The application (client) ID of the tool's own public-client sign-in app in each cloud: Microsoft needs a
   * registration per national cloud, and a run signs in with the one of the cloud its client's tenant is in.
   */
  readonly signInClientIds: SignInClientIds;
  /** The practice tenant's certificate (PEM), trusted for its loopback origins only; absent for Microsoft. */
  readonly trustedCertificate?: string;
}

/** Everything a run reaches outside itself through. */
export interface RunEnvironment {
  readonly toolVersion: string;
  readonly connection: RunConnection;
  readonly runs: RunStore;
  readonly browsers: SignInBrowserFactory;
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly limits?: Partial<RunLimits>;
  /** Called after every journal entry with the new record. */
  readonly onRecord?: (record: RunRecord) => void;
  readonly onProgress?: (progress: RunProgress) => void;
  /** Called for every Graph HTTP request the run makes (method, URL, status): the request count. */
  readonly onGraphRequest?: (method: string, url: string, status: number) => void;
}

/** A request the run cannot take in its current state (a programming or user-interface error). */
export class RunStateError extends Error {
  override readonly name = 'RunStateError';
}

/** A step stopped with guidance; the run records it as a `problem` entry and stays resumable. */
class StepStopped extends Error {
  override readonly name = 'StepStopped';
  constructor(readonly guidance: Guidance) {
    super(guidance.rawMessage);
  }
}

type Step = Extract<RunEntry, { type: 'problem' }>['step'];

interface SignedIn {
  readonly pca: PublicClientApplication;
  result: AuthenticationResult;
  readonly scopes: readonly string[];
  readonly graph: GraphSession;
  readonly sendBatch: SendBatch;
}

const requestedOf = (input: RunInput): readonly RequestedResource[] =>
  input.profile.permissions.map((resource) => ({
    resourceAppId: resource.resourceAppId,
    resourceName: resource.resourceDisplayName,
    delegated: (resource.delegated ?? []).map((p) => p.name),
    application: (resource.application ?? []).map((p) => p.name),
  }));

const keyOf = (resourceAppId: string, type: 'delegated' | 'application', name: string): string =>
  `${resourceAppId}|${type}|${name.toLowerCase()}`;

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One onboarding run: discover, sign in, guard, plan, grant, verify, and the journal of it all.
 *
 * Each step is a method the checklist calls when the technician moves on; a step that stops for a reason the
 * technician can act on (a refused sign-in, a failed guard, Graph's error) records the reason in the journal and
 * returns the record, so the run can be retried or resumed. Tokens live in this object only, never in the journal,
 * and are dropped when the run finishes, is cancelled or closed.
 */
export class OnboardingRun {
  private record_: RunRecord;
  private readonly now: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private cloud: Cloud | null = null;
  /** The `domain_hint` of this run's sign-ins, from discovery: only a managed domain is hinted. */
  private domainHint: string | null = null;
  private http: HttpClient | null = null;
  private browser: SignInBrowser | null = null;
  private signedIn: SignedIn | null = null;
  private signInAbort: AbortController | null = null;
  private busy = false;
  private closed = false;

  /** The run's limits, read when each is needed: a host may change them between steps. */
  private get limits(): RunLimits {
    return { ...DEFAULT_RUN_LIMITS, ...this.env.limits };
  }

  private constructor(
    private readonly env: RunEnvironment,
    private readonly journal: Journal<RunEntry>,
    record: RunRecord,
  ) {
    this.record_ = record;
    this.now = env.now ?? (() => new Date());
    this.sleep = env.sleep ?? realSleep;
  }

  /** Starts a new run: its journal begins with what the technician entered. */
  static async start(env: RunEnvironment, input: RunInput): Promise<OnboardingRun> {
    const runId = randomUUID();
    const journal = await env.runs.open(runId);
    const at = (env.now ?? (() => new Date()))().toISOString();
    const first: RunEntry = {
      type: 'run-started',
      at,
      runId,
      journalVersion: RUN_JOURNAL_VERSION,
      toolVersion: env.toolVersion,
      practice: env.connection.target.kind === 'practice',
      input,
    };
    await journal.append(first);
    const record = foldRun([first]);
    if (record === null)
      throw new Error('A journal that starts with run-started always folds into a record.');
    env.onRecord?.(record);
    return new OnboardingRun(env, journal, record);
  }

  /**
   * Takes up a stored run again: one that was interrupted, to finish it, or a finished one, to verify the tenant
   * again. The technician signs in again (tokens are never stored); the plan is computed afresh from what the
   * tenant holds, so nothing written before is written twice.
   */
  static async resume(env: RunEnvironment, runId: string): Promise<OnboardingRun> {
    const stored = await env.runs.read(runId);
    if (stored === null) throw new RunStateError(`There is no run ${runId}.`);
    if (stored.record.practice !== (env.connection.target.kind === 'practice')) {
      throw new RunStateError(
        stored.record.practice
          ? 'This run was made against the practice tenant; switch to practice mode to resume it.'
          : 'This run was made against a real tenant; leave practice mode to resume it.',
      );
    }
    const journal = await env.runs.open(runId);
    return new OnboardingRun(env, journal, stored.record);
  }

  /** The run's record as of its last journal entry. */
  get record(): RunRecord {
    return this.record_;
  }

  /** Whether the run can still take steps (not finished, cancelled or closed). */
  get isOpen(): boolean {
    return !this.closed;
  }

  /** Whether an administrator is signed in to this run now. */
  get isSignedIn(): boolean {
    return this.signedIn !== null;
  }

  /** Step 1: finds the client's tenant ID and cloud through OpenID discovery, without signing in. */
  discover(): Promise<RunRecord> {
    return this.step('discover', async () => {
      this.progress('discover', 'Looking up the client’s tenant…');
      const result = await discoverTenant(
        this.httpClient().fetch,
        this.record_.input.identifier,
        this.env.connection.target,
      );
      if (!result.found) throw new StepStopped(result.guidance);
      this.cloud = result.cloud;
      this.domainHint = result.domainHint;
      await this.append({ type: 'discovered', at: this.stamp(), discovery: result.discovery });
    });
  }

  /**
   * Steps 2 and 3: signs the client's administrator in, in the run's own browser session, then reads who signed
   * in and checks the guards (tenant and role). Nothing is written to the tenant here.
   */
  signIn(options: { readonly prompt: 'select_account' | 'login' }): Promise<RunRecord> {
    return this.step('sign-in', async () => {
      const discovery = this.record_.discovery;
      if (discovery === null || this.cloud === null)
        throw new RunStateError('Discover the client’s tenant first.');
      const clientId = signInClientIdFor(this.env.connection.signInClientIds, this.cloud.id);
      // Nothing is opened without a registration in the tenant's cloud: Microsoft would answer AADSTS700016.
      if (clientId === null) throw new StepStopped(missingSignInAppGuidance(this.cloud));
      this.dropSignIn();
      const cloud = this.cloud;
      const http = this.httpClient();
      const authorityHost = new URL(cloud.authorityOrigin).host;
      const pca = new PublicClientApplication({
        auth: {
          clientId,
          // The client's own tenant, never `common`: Microsoft refuses accounts of other tenants there.
          authority: `${cloud.authorityOrigin}/${discovery.tenantId}`,
          knownAuthorities: this.record_.practice ? [authorityHost] : [],
        },
        system: { networkClient: msalNetworkClient(http) },
      });
      const scopes = signInScopes(cloud.graphResourceId);
      await this.append({ type: 'sign-in-started', at: this.stamp(), prompt: options.prompt });
      this.progress('sign-in', 'Waiting for the administrator to sign in…');
      this.signInAbort = new AbortController();
      let result: AuthenticationResult;
      try {
        result = await signInInteractively({
          pca,
          scopes,
          prompt: options.prompt,
          domainHint: this.domainHint ?? undefined,
          browser: this.signInBrowser(),
          fetch: http.fetch,
          timeoutMs: this.limits.signInTimeoutMs,
          signal: this.signInAbort.signal,
        });
      } catch (error) {
        if (error instanceof SignInFailed) throw new StepStopped(error.guidance);
        throw error;
      } finally {
        this.signInAbort = null;
      }
      const claims = (result.idTokenClaims ?? {}) as { oid?: string; tid?: string; name?: string };
      const objectId = claims.oid ?? result.uniqueId;
      const tenantId = claims.tid ?? result.tenantId;
      const graph = createGraphSession({
        graphOrigin: cloud.graphOrigin,
        fetch: http.fetch,
        getAccessToken: () => this.accessToken(),
        onRequest: this.env.onGraphRequest,
        requestTimeoutMs: this.limits.requestTimeoutMs,
      });
      this.signedIn = {
        pca,
        result,
        scopes,
        graph,
        sendBatch: this.withTokenRefresh(graph.sendBatch),
      };
      await this.append({
        type: 'signed-in',
        at: this.stamp(),
        account: {
          userPrincipalName: result.account?.username ?? '',
          displayName: result.account?.name ?? claims.name ?? null,
          objectId,
          tenantId,
        },
      });
      await this.readIdentityAndGuard(objectId, tenantId);
    });
  }

  /** Stops a sign-in that is waiting for the administrator. */
  cancelSignIn(): void {
    this.signInAbort?.abort();
  }

  /** Step 4: reads what the tenant holds and computes exactly what applying would change. Writes nothing. */
  plan(): Promise<RunRecord> {
    return this.step('plan', async () => {
      const session = this.requireGuardsPassed();
      this.progress('plan', 'Reading what the tenant holds…');
      const snapshot = await this.readConsistentSnapshot(session);
      const target = this.record_.input.profile.targetApp;
      const guard = targetAppGuard(
        target.displayName,
        target.appId,
        snapshot.client === null
          ? { kind: 'absent' }
          : { kind: 'present', enabled: snapshot.client.accountEnabled },
      );
      await this.append({ type: 'guard', at: this.stamp(), result: guard });
      const plan = computePlan(target.displayName, requestedOf(this.record_.input), snapshot);
      const account = this.record_.account;
      if (this.record_.input.strategy === 'direct-grant' && account !== null) {
        // A Privileged Role Administrator may grant but not create enterprise applications: a plan that needs one
        // blocks at Confirm identity instead of meeting Graph's 403 half-way through the grant.
        const role = planRoleGuard(account, this.record_.roles, plan.createServicePrincipals);
        if (!role.passed) {
          await this.append({ type: 'guard', at: this.stamp(), result: role });
          return;
        }
      }
      await this.append({ type: 'planned', at: this.stamp(), plan });
    });
  }

  /**
   * Step 5: applies the plan the technician confirmed, by the strategy chosen on the Client step. Only the
   * confirmed plan is applied; a plan older than the last sign-in must be computed again.
   */
  apply(): Promise<RunRecord> {
    return this.step(this.record_.input.strategy === 'direct-grant' ? 'grant' : 'admin-consent', async () => {
      const session = this.requireGuardsPassed();
      const plan = this.record_.plan;
      if (plan === null) throw new RunStateError('Review the plan before applying it.');
      if (this.record_.guards.some((g) => !g.passed))
        throw new RunStateError('A guard failed: nothing may be written.');
      await this.append({ type: 'plan-confirmed', at: this.stamp() });
      if (this.record_.input.strategy === 'direct-grant') await this.applyDirect(session, plan);
      else await this.applyAdminConsent();
    });
  }

  /**
   * Step 6: verifies every listed permission against what the tenant holds, read back from Graph. While writes of
   * this run are not all visible yet, it reads again with a growing pause until they are or the replication
   * deadline passes (https://learn.microsoft.com/graph/known-issues, replication delay).
   */
  verify(): Promise<RunRecord> {
    return this.step('verify', async () => {
      const session = this.requireSignedIn();
      const requested = requestedOf(this.record_.input);
      const expected = this.expectedGranted();
      const deadline = this.now().getTime() + this.limits.replicationDeadlineMs;
      let pause = this.limits.firstPollIntervalMs;
      let attempt = 0;
      for (;;) {
        attempt += 1;
        this.progress('verify', `Reading the tenant’s permissions (check ${attempt})…`, attempt, null);
        const snapshot = await this.snapshot(session);
        const verification = verifyPermissions(requested, snapshot);
        const granted = new Set(
          verification.rows
            .filter((r) => r.status === 'granted' || r.status === 'app-disabled')
            .map((r) => keyOf(r.resourceAppId, r.type, r.name)),
        );
        const waitingFor = [...expected].filter((k) => !granted.has(k)).length;
        const timeLeft = deadline - this.now().getTime();
        if (verification.complete || waitingFor === 0 || timeLeft <= 0) {
          await this.append({
            type: 'verified',
            at: this.stamp(),
            attempt,
            rows: verification.rows,
            extras: verification.extras,
            counts: verification.counts,
            complete: verification.complete,
          });
          if (waitingFor > 0) {
            throw new StepStopped(
              runGuidance(
                'replication-pending',
                `${waitingFor} permission${waitingFor === 1 ? '' : 's'} granted by this run ${waitingFor === 1 ? 'is' : 'are'} not visible yet after ${Math.round(this.limits.replicationDeadlineMs / 1000)} s.`,
              ),
            );
          }
          return;
        }
        const wait = Math.min(pause, timeLeft);
        this.progress(
          'verify',
          `Waiting for Microsoft to replicate ${waitingFor} change${waitingFor === 1 ? '' : 's'}; checking again in ${Math.ceil(wait / 1000)} s…`,
          attempt,
          null,
        );
        await this.sleep(wait);
        pause = Math.min(pause * 2, this.limits.maxPollIntervalMs);
      }
    });
  }

  /**
   * Step 8: ends the run with its outcome, signs out and wipes the run's browser session and tokens.
   */
  async finish(): Promise<RunRecord> {
    return this.end(finishOutcome(this.record_));
  }

  /** Abandons the run: stops any sign-in, records the cancellation and wipes the session. */
  async cancel(): Promise<RunRecord> {
    this.cancelSignIn();
    return this.end('cancelled');
  }

  /**
   * Lets go of the run without ending it (the app is closing): the session and tokens are wiped, the journal
   * closed, and the run shows as interrupted in history, ready to resume.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.cancelSignIn();
    await this.wipe();
    await this.journal.close();
  }

  // ---- steps ----

  private async end(
    outcome: 'verified' | 'incomplete' | 'blocked' | 'failed' | 'cancelled',
  ): Promise<RunRecord> {
    if (this.closed) return this.record_;
    await this.wipe();
    await this.append({ type: 'run-ended', at: this.stamp(), outcome, sessionCleared: true });
    this.closed = true;
    await this.journal.close();
    return this.record_;
  }

  private async step(step: Step, body: () => Promise<void>): Promise<RunRecord> {
    if (this.closed) throw new RunStateError('This run has ended.');
    if (this.busy) throw new RunStateError('The run is already doing something; wait for it to finish.');
    this.busy = true;
    try {
      await body();
    } catch (error) {
      if (error instanceof RunStateError) throw error;
      const guidance = error instanceof StepStopped ? error.guidance : this.guidanceFor(error);
      await this.append({ type: 'problem', at: this.stamp(), step, guidance });
    } finally {
      this.busy = false;
    }
    return this.record_;
  }

  private guidanceFor(error: unknown): Guidance {
    if (error instanceof GraphBatchError) {
      return guidanceFromGraphError({ status: error.statusCode, body: error.body, headers: error.headers });
    }
    if (error instanceof SnapshotReadError) {
      return guidanceFromGraphError({
        status: error.response.status,
        body: error.response.body,
        headers: error.response.headers ?? {},
      });
    }
    // An answer came, in a shape this version does not read: not a lost connection.
    if (error instanceof UnexpectedAnswerError)
      return guidanceFromUnexpectedAnswer({ detail: error.message, requestId: error.requestId });
    // Within a step, only Graph answers are parsed without naming their request (the identity read's).
    if (error instanceof ZodError) return guidanceFromUnexpectedAnswer({ detail: error.message });
    return guidanceFromNetworkFailure(error);
  }

  private async readIdentityAndGuard(objectId: string, tenantId: string): Promise<void> {
    const session = this.requireSignedIn();
    this.progress('identity', 'Reading who signed in and their roles…');
    const facts = await readIdentity(session.sendBatch, objectId, tenantId, this.sleep);
    await this.append({
      type: 'identity-read',
      at: this.stamp(),
      organization: facts.organization,
      roles: facts.roles,
    });
    const discovery = this.record_.discovery;
    if (discovery === null) throw new RunStateError('Discover the client’s tenant first.');
    const account = this.record_.account;
    if (account === null) throw new RunStateError('Sign in first.');
    const clientName = this.record_.input.clientText;
    const guards: GuardResult[] = [tenantGuard(discovery.tenantId, clientName, account, facts.organization)];
    if (guards[0]?.passed === true) guards.push(roleGuard(account, facts.roles));
    for (const result of guards) await this.append({ type: 'guard', at: this.stamp(), result });
  }

  private async applyDirect(session: SignedIn, plan: Plan): Promise<void> {
    const requested = requestedOf(this.record_.input);
    const target = this.record_.input.profile.targetApp;
    let { snapshot, plan: current } = await this.planAgainAsShown(session, plan);
    if (JSON.stringify(current) !== JSON.stringify(plan)) {
      // The tenant changed since the plan was shown: show the new plan instead of applying something unseen.
      await this.append({ type: 'planned', at: this.stamp(), plan: current });
      // A new plan may need an enterprise application this sign-in may not create (see plan()).
      const account = this.record_.account;
      const role =
        account === null ? null : planRoleGuard(account, this.record_.roles, current.createServicePrincipals);
      if (role !== null && !role.passed) await this.append({ type: 'guard', at: this.stamp(), result: role });
      throw new StepStopped(
        runGuidance(
          'replication-pending',
          'The tenant changed since the plan was shown. Review the new plan.',
        ),
      );
    }

    // Phase 1: service principals. The target app's first: if Microsoft refuses it, nothing else is sent.
    const creations = servicePrincipalWrites(current);
    if (creations.length > 0) {
      const targetWrite = creations.find(
        (w) => w.intent.kind === 'create-service-principal' && w.intent.appId === target.appId,
      );
      const results = await this.sendWrites(creations, 'Creating enterprise applications', (item, ids) =>
        targetWrite !== undefined && item !== targetWrite ? [ids.get(targetWrite) ?? ''] : undefined,
      );
      const targetResult = targetWrite === undefined ? undefined : results.get(targetWrite);
      if (targetResult !== undefined && targetResult.outcome === 'failed') {
        if (targetResult.httpStatus === 400 || targetResult.httpStatus === 404) {
          await this.append({
            type: 'guard',
            at: this.stamp(),
            result: targetAppGuard(target.displayName, target.appId, {
              kind: 'unknown-app',
              detail:
                targetResult.guidance?.rawMessage ??
                'Microsoft Graph refused to create its service principal.',
            }),
          });
          throw new StepStopped(runGuidance('target-app-unknown', targetResult.guidance?.rawMessage ?? ''));
        }
        throw new StepStopped(
          targetResult.guidance ?? runGuidance('replication-pending', 'Creating failed.'),
        );
      }
      const failed = [...results.values()].find((r) => r.outcome === 'failed');
      if (failed !== undefined)
        throw new StepStopped(failed.guidance ?? runGuidance('replication-pending', ''));

      // A service principal created just now has no grants: its own answer gives its ID and published permissions.
      const created =
        targetResult?.outcome === 'applied'
          ? ServicePrincipalSnapshotSchema.safeParse(targetResult.body)
          : null;
      const onlyNewTarget =
        creations.length === 1 && targetWrite !== undefined && created !== null && created.success === true;
      if (onlyNewTarget && created?.success === true) {
        snapshot = { ...snapshot, client: created.data, grants: [], assignments: [] };
      } else {
        snapshot = await this.waitForServicePrincipals(
          session,
          creations.map((w) => (w.intent.kind === 'create-service-principal' ? w.intent.appId : '')),
        );
      }
      current = computePlan(target.displayName, requested, snapshot);
    }

    // Phase 2: delegated grants and app role assignments, in as few $batch requests as Graph allows.
    const client = snapshot.client;
    if (client === null)
      throw new StepStopped(
        runGuidance('replication-pending', 'The app’s enterprise application is not visible yet.'),
      );
    const resourceIdByAppId: Record<string, string> = {};
    for (const [appId, sp] of Object.entries(snapshot.resources))
      if (sp !== null) resourceIdByAppId[appId] = sp.id;
    let writes = grantWrites(current, { clientId: client.id, resourceIdByAppId });
    const deadline = this.now().getTime() + this.limits.replicationDeadlineMs;
    let pause = this.limits.firstPollIntervalMs;
    for (;;) {
      const results = await this.sendWrites(writes, 'Granting permissions');
      // Graph's 409 to a new tenant-wide grant says that one exists, not that it holds every scope asked for.
      const existing = [...results.entries()].flatMap(([write, result]) =>
        write.intent.kind === 'create-grant' && result.outcome === 'already-present'
          ? [write.intent.change]
          : [],
      );
      if (existing.length > 0) {
        await this.completeExistingGrants(
          session,
          existing,
          { clientId: client.id, resourceIdByAppId },
          deadline,
        );
      }
      const failures = [...results.entries()].filter(([, r]) => r.outcome === 'failed');
      if (failures.length === 0) return;
      // Objects created moments ago may not have replicated to where the grant is written: Graph then answers
      // 404 or 400 naming the missing object. Those are sent again after a pause; anything else stops the step.
      const replicating =
        creations.length > 0 && failures.every(([, r]) => r.httpStatus === 404 || r.httpStatus === 400);
      const timeLeft = deadline - this.now().getTime();
      if (!replicating)
        throw new StepStopped(failures[0]?.[1].guidance ?? runGuidance('replication-pending', ''));
      if (timeLeft <= 0) {
        throw new StepStopped(
          runGuidance(
            'replication-pending',
            `The new enterprise application is not visible yet where permissions are granted; Microsoft Graph said: ${failures[0]?.[1].guidance?.rawMessage ?? 'not found'}`,
          ),
        );
      }
      await this.sleep(Math.min(pause, timeLeft));
      pause = Math.min(pause * 2, this.limits.maxPollIntervalMs);
      writes = failures.map(([write]) => write);
    }
  }

  /**
   * Gives tenant-wide grants that Graph said exist (409 to creating them) the scopes they lack: reads them, again
   * while replication still hides them (until the deadline), and extends each with what it is missing, keeping
   * every scope it holds. A grant that holds everything already is left alone.
   */
  private async completeExistingGrants(
    session: SignedIn,
    changes: readonly DelegatedGrantChange[],
    ids: PrincipalIds,
    deadline: number,
  ): Promise<void> {
    let pause = this.limits.firstPollIntervalMs;
    for (;;) {
      const grants = await readTenantWideGrants(
        session.sendBatch,
        session.graph.fetchPage,
        ids.clientId,
        this.sleep,
      );
      const { writes, unseen } = existingGrantWrites(changes, grants, ids);
      if (unseen.length === 0) {
        if (writes.length === 0) return;
        const results = await this.sendWrites(writes, 'Adding the missing permissions to existing grants');
        const failed = [...results.values()].find((r) => r.outcome === 'failed');
        if (failed !== undefined) {
          throw new StepStopped(failed.guidance ?? runGuidance('replication-pending', ''));
        }
        return;
      }
      const timeLeft = deadline - this.now().getTime();
      if (timeLeft <= 0) {
        throw new StepStopped(
          runGuidance(
            'replication-pending',
            `Microsoft Graph says a tenant-wide grant for ${unseen[0]?.resourceName ?? 'a resource'} exists, but it is not visible yet.`,
          ),
        );
      }
      await this.sleep(Math.min(pause, timeLeft));
      pause = Math.min(pause * 2, this.limits.maxPollIntervalMs);
    }
  }

  /**
   * Sends writes through `$batch`, journaling each before it is sent and as soon as its answer is final, so a
   * crash at any moment leaves a journal that says which writes may have reached the tenant.
   */
  private async sendWrites(
    writes: readonly PlannedWrite[],
    label: string,
    dependsOn?: (
      write: PlannedWrite,
      ids: ReadonlyMap<PlannedWrite, string>,
    ) => readonly string[] | undefined,
  ): Promise<Map<PlannedWrite, SentWrite>> {
    const session = this.requireSignedIn();
    const ids = new Map<PlannedWrite, string>();
    let next = this.record_.writes.length;
    for (const write of writes) {
      next += 1;
      ids.set(write, `w${next}`);
    }
    const byId = new Map([...ids.entries()].map(([write, id]) => [id, write]));
    const items: BatchItem[] = writes.map((write) => {
      const depends = dependsOn?.(write, ids);
      return {
        ...write.item,
        id: ids.get(write) ?? '',
        ...(depends === undefined ? {} : { dependsOn: depends }),
      };
    });
    const started = new Set<string>();
    const results = new Map<PlannedWrite, SentWrite>();
    let settledCount = 0;
    this.progress('grant', `${label}…`, 0, writes.length);
    const intentOf = (id: string): WriteIntent => {
      const write = byId.get(id);
      if (write === undefined) throw new Error(`Unknown write ${id}`);
      return write.intent;
    };
    await runBatched(session.sendBatch, items, {
      sleep: this.sleep,
      beforeSend: async (batch) => {
        for (const item of batch) {
          if (started.has(item.id)) continue;
          started.add(item.id);
          await this.append({
            type: 'write-started',
            at: this.stamp(),
            writeId: item.id,
            intent: intentOf(item.id),
            request: {
              method: writeMethod(item.method),
              url: item.url,
              body: (item.body ?? null) as Record<string, unknown> | null,
            },
          });
        }
      },
      onSettled: async (id, settled: SettledItem) => {
        const intent = intentOf(id);
        const result = writeResult(intent, settled);
        // A write never sent (what it depended on failed first) leaves no entry: the journal lists only what was
        // sent; one Graph did not run because its dependency failed ends as failed with Graph's 424.
        if (started.has(id))
          await this.append({ type: 'write-finished', at: this.stamp(), writeId: id, ...result });
        const write = byId.get(id);
        if (write !== undefined) results.set(write, { ...result, body: settled.response.body });
        settledCount += 1;
        this.progress('grant', `${label}…`, settledCount, writes.length);
      },
    });
    return results;
  }

  private async applyAdminConsent(): Promise<void> {
    const discovery = this.record_.discovery;
    const cloud = this.cloud;
    if (discovery === null || cloud === null) throw new RunStateError('Discover the client’s tenant first.');
    const target = this.record_.input.profile.targetApp;
    const redirectUri = target.adminConsentRedirectUri;
    if (redirectUri === undefined) {
      throw new RunStateError(
        'The profile names no admin-consent redirect URI for the app; use the direct grant.',
      );
    }
    const state = randomUUID();
    const url = adminConsentUrl({
      authorityOrigin: cloud.authorityOrigin,
      tenantId: discovery.tenantId,
      clientId: target.appId,
      redirectUri,
      state,
      scope: `${cloud.graphResourceId}/.default`,
    });
    await this.append({ type: 'admin-consent-opened', at: this.stamp(), url });
    this.progress('admin-consent', 'Waiting for the administrator to accept on Microsoft’s consent page…');
    const browser = this.signInBrowser();
    this.signInAbort = new AbortController();
    const abort = this.signInAbort.signal;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let unsubscribe = (): void => undefined;
    const outcome = await Promise.race([
      new Promise<Exclude<SignInBrowserEvent, { kind: 'navigation-blocked' }>>((resolve) => {
        unsubscribe = browser.onEvent((event) => {
          if (event.kind !== 'navigation-blocked') resolve(event);
        });
        browser
          .openBrowser(url, { redirectUri, onRedirect: 'stop' })
          .catch((error: unknown) =>
            resolve({ kind: 'load-failed', url, errorCode: -1, description: String(error) }),
          );
      }),
      new Promise<{ kind: 'timed-out' }>((resolve) => {
        timer = setTimeout(() => resolve({ kind: 'timed-out' }), this.limits.signInTimeoutMs);
      }),
      new Promise<{ kind: 'cancelled' }>((resolve) =>
        abort.addEventListener('abort', () => resolve({ kind: 'cancelled' }), { once: true }),
      ),
    ]).finally(() => {
      unsubscribe();
      clearTimeout(timer);
      this.signInAbort = null;
      browser.hide();
    });
    switch (outcome.kind) {
      case 'redirected': {
        const redirect = parseAdminConsentRedirect(outcome.url, state);
        if (!redirect.stateMatches) {
          throw new StepStopped(
            runGuidance('consent-not-granted', 'The consent page answered for another request.'),
          );
        }
        await this.append({
          type: 'admin-consent-returned',
          at: this.stamp(),
          adminConsent: redirect.adminConsent,
          error: redirect.error,
          errorDescription: redirect.errorDescription,
        });
        if (redirect.error !== null) {
          throw new StepStopped(
            guidanceFromRedirect(new URL(outcome.url).search) ??
              runGuidance('consent-not-granted', redirect.errorDescription ?? redirect.error),
          );
        }
        if (!redirect.adminConsent) {
          throw new StepStopped(
            runGuidance('consent-not-granted', 'The consent page returned without admin_consent=True.'),
          );
        }
        return;
      }
      case 'closed-by-user':
      case 'ended':
        throw new StepStopped(
          runGuidance('sign-in-window-closed', 'The consent window was closed before it finished.'),
        );
      case 'load-failed':
        throw new StepStopped(
          runGuidance('sign-in-page-failed', `${outcome.description} (${outcome.errorCode})`),
        );
      case 'cancelled':
        throw new StepStopped(runGuidance('sign-in-cancelled', 'The technician cancelled the consent page.'));
      case 'timed-out':
        throw new StepStopped(
          runGuidance('sign-in-timed-out', 'The consent page was not completed in time.'),
        );
    }
  }

  // ---- reads ----

  private snapshot(session: SignedIn): Promise<TenantSnapshot> {
    const input = this.record_.input;
    return readTenantSnapshot(
      session.sendBatch,
      session.graph.fetchPage,
      input.profile.targetApp.appId,
      input.profile.permissions.map((r) => r.resourceAppId),
      {
        sleep: this.sleep,
        now: () => this.now().getTime(),
        deadlineMs: this.limits.replicationDeadlineMs,
        firstPollIntervalMs: this.limits.firstPollIntervalMs,
        maxPollIntervalMs: this.limits.maxPollIntervalMs,
      },
    );
  }

  /**
   * Reads the tenant again before writing and plans afresh. A read served by a replica behind the one that served
   * the plan can miss what the plan saw, so while the new plan differs the tenant is read again, until the
   * replication deadline; only then is the difference taken as a change in the tenant.
   * https://devblogs.microsoft.com/identity/designing-for-eventual-consistency-for-microsoft-entra/
   */
  private async planAgainAsShown(
    session: SignedIn,
    shown: Plan,
  ): Promise<{ snapshot: TenantSnapshot; plan: Plan }> {
    const requested = requestedOf(this.record_.input);
    const target = this.record_.input.profile.targetApp;
    return readUntil(
      async () => {
        const snapshot = await this.snapshot(session);
        return { snapshot, plan: computePlan(target.displayName, requested, snapshot) };
      },
      ({ plan }) => JSON.stringify(plan) === JSON.stringify(shown),
      this.readAgain('grant', 'Reading the tenant again: the last read did not show all the plan saw…'),
    );
  }

  /** Reads until the service principals just created are visible (replication), or the deadline passes. */
  private async waitForServicePrincipals(
    session: SignedIn,
    appIds: readonly string[],
  ): Promise<TenantSnapshot> {
    return readUntil(
      () => this.snapshot(session),
      (snapshot) =>
        appIds.every((appId) =>
          appId === snapshot.targetAppId
            ? snapshot.client !== null
            : (snapshot.resources[appId] ?? null) !== null,
        ),
      this.readAgain('grant', 'Waiting for Microsoft to replicate the new enterprise applications…'),
    );
  }

  /**
   * Reads the snapshot for a plan. When the journal says earlier writes were applied (a resumed run), reads again
   * until they are visible, so the plan does not repeat them; writes whose answer never came are covered by
   * Graph's "already exists" answers.
   */
  private async readConsistentSnapshot(session: SignedIn): Promise<TenantSnapshot> {
    const applied = this.record_.writes.filter((w) => w.outcome === 'applied');
    return readUntil(
      () => this.snapshot(session),
      (snapshot) => applied.every((w) => isVisible(w.intent, snapshot)),
      this.readAgain('plan', 'Waiting for Microsoft to replicate the changes made earlier in this run…'),
    );
  }

  /** How this run reads again while Microsoft replicates: its limits, saying `message` during each pause. */
  private readAgain(phase: RunProgress['phase'], message: string): ReadAgainPolicy {
    const limits = this.limits;
    return {
      deadlineMs: limits.replicationDeadlineMs,
      firstPollIntervalMs: limits.firstPollIntervalMs,
      maxPollIntervalMs: limits.maxPollIntervalMs,
      now: () => this.now().getTime(),
      sleep: this.sleep,
      onWait: () => this.progress(phase, message),
    };
  }

  /** The permissions this run's confirmed writes (or the administrator's consent) should make visible. */
  private expectedGranted(): ReadonlySet<string> {
    const record = this.record_;
    const expected = new Set<string>();
    if (record.input.strategy === 'admin-consent-page') {
      if (
        record.adminConsent?.adminConsent === true &&
        record.adminConsent.error === null &&
        record.plan !== null
      ) {
        for (const change of record.plan.delegatedGrants)
          for (const scope of change.addScopes) expected.add(keyOf(change.resourceAppId, 'delegated', scope));
        for (const change of record.plan.appRoleAssignments)
          expected.add(keyOf(change.resourceAppId, 'application', change.value));
      }
      return expected;
    }
    for (const write of record.writes) {
      if (write.outcome !== 'applied' && write.outcome !== 'already-present') continue;
      const intent = write.intent;
      if (intent.kind === 'create-grant' || intent.kind === 'extend-grant') {
        for (const scope of intent.change.addScopes)
          expected.add(keyOf(intent.change.resourceAppId, 'delegated', scope));
      } else if (intent.kind === 'assign-app-role') {
        expected.add(keyOf(intent.change.resourceAppId, 'application', intent.change.value));
      }
    }
    return expected;
  }

  // ---- session ----

  private requireSignedIn(): SignedIn {
    if (this.signedIn === null) throw new RunStateError('Sign in first.');
    return this.signedIn;
  }

  private requireGuardsPassed(): SignedIn {
    const session = this.requireSignedIn();
    if (!identityGuardsPassed(this.record_)) {
      throw new RunStateError('The identity guards have not passed: nothing may be planned or written.');
    }
    return session;
  }

  private async accessToken(): Promise<string> {
    const session = this.requireSignedIn();
    const expiresOn = session.result.expiresOn?.getTime() ?? 0;
    // Refresh five minutes early, as msal-node itself does, so a long verification never sends an expired token.
    if (expiresOn - this.now().getTime() > 5 * 60_000) return session.result.accessToken;
    await this.refreshToken(false);
    return this.requireSignedIn().result.accessToken;
  }

  private async refreshToken(force: boolean): Promise<void> {
    const session = this.requireSignedIn();
    const account = session.result.account;
    if (account === null)
      throw new StepStopped(runGuidance('sign-in-timed-out', 'The sign-in has no account to refresh.'));
    session.result = await session.pca.acquireTokenSilent({
      account,
      scopes: [...session.scopes],
      forceRefresh: force,
    });
  }

  /** Retries a `$batch` once with a fresh token when Graph answers 401 (the token expired or was revoked). */
  private withTokenRefresh(send: SendBatch): SendBatch {
    return async (items) => {
      try {
        return await send(items);
      } catch (error) {
        if (!(error instanceof GraphBatchError) || error.statusCode !== 401) throw error;
        await this.refreshToken(true);
        return send(items);
      }
    };
  }

  private signInBrowser(): SignInBrowser {
    this.browser ??= this.env.browsers.forRun(this.record_.runId);
    return this.browser;
  }

  private httpClient(): HttpClient {
    this.http ??= createHttpClient({
      requestTimeoutMs: this.limits.requestTimeoutMs,
      ...(this.env.connection.trustedCertificate === undefined
        ? {}
        : { trustedCertificate: this.env.connection.trustedCertificate }),
    });
    return this.http;
  }

  private dropSignIn(): void {
    if (this.signedIn === null) return;
    const cache = this.signedIn.pca.getTokenCache();
    void cache.getAllAccounts().then((accounts) => Promise.all(accounts.map((a) => cache.removeAccount(a))));
    this.signedIn = null;
  }

  private async wipe(): Promise<void> {
    this.dropSignIn();
    const browser = this.browser;
    this.browser = null;
    await browser?.close();
    const http = this.http;
    this.http = null;
    await http?.close();
  }

  // ---- journal ----

  private stamp(): string {
    return this.now().toISOString();
  }

  private async append(entry: RunEntry): Promise<void> {
    await this.journal.append(entry);
    this.record_ = applyEntry(this.record_, entry);
    this.env.onRecord?.(this.record_);
  }

  private progress(
    phase: RunProgress['phase'],
    message: string,
    done: number | null = null,
    total: number | null = null,
  ): void {
    this.env.onProgress?.({ runId: this.record_.runId, phase, message, done, total });
  }
}

/** How one write ended, with Graph's answer (a created service principal's body gives its ID and permissions). */
type SentWrite = WriteResult & { readonly body: unknown };

const writeMethod = (method: BatchItem['method']): 'POST' | 'PATCH' | 'DELETE' => {
  if (method === 'GET') throw new Error('A read is not a write.');
  return method;
};

/** Whether an applied write shows in a snapshot. */
const isVisible = (intent: WriteIntent, snapshot: TenantSnapshot): boolean => {
  switch (intent.kind) {
    case 'create-service-principal':
      return intent.appId === snapshot.targetAppId
        ? snapshot.client !== null
        : (snapshot.resources[intent.appId] ?? null) !== null;
    case 'create-grant':
    case 'extend-grant': {
      const resource = snapshot.resources[intent.change.resourceAppId];
      const client = snapshot.client;
      if (resource === null || resource === undefined || client === null) return false;
      const grant = snapshot.grants.find(
        (g) => g.clientId === client.id && g.resourceId === resource.id && g.consentType === 'AllPrincipals',
      );
      const scopes = splitScopes(grant?.scope ?? '');
      return intent.change.addScopes.every((s) => holdsScope(scopes, s));
    }
    case 'assign-app-role': {
      const resource = snapshot.resources[intent.change.resourceAppId];
      const client = snapshot.client;
      if (resource === null || resource === undefined || client === null) return false;
      return snapshot.assignments.some(
        (a) =>
          a.principalId === client.id &&
          a.resourceId === resource.id &&
          a.appRoleId === intent.change.appRoleId,
      );
    }
  }
};
