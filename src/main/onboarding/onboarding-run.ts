import { randomUUID } from 'node:crypto';
import { BridgeError, refused } from '../../shared/bridge/errors';
import type { Cloud } from '../../shared/cloud/cloud';
import { signInClientIdFor } from '../../shared/cloud/sign-in-app';
import { missingSignInAppGuidance } from '../../shared/guidance/run-guidance';
import type { OwnAccessOptions, OwnAccessSkipped, OwnFootprint } from '../../shared/onboarding/own-access';
import {
  type ProblemStep,
  RUN_JOURNAL_VERSION,
  type RunEntry,
  type RunInput,
} from '../../shared/onboarding/run-entry';
import type { RunProgress } from '../../shared/onboarding/run-progress';
import { applyEntry, foldRun, type RunRecord } from '../../shared/onboarding/run-record';
import { finishOutcome, identityGuardsPassed } from '../../shared/onboarding/run-status';
import type { TenantSnapshot } from '../../shared/onboarding/tenant-snapshot';
import { createHttpClient, type HttpClient } from '../net/http-client';
import { readTargetHoldings } from '../offboarding/read-holdings';
import { applyRemoval, planRemovalStep, type RemovalDeps, verifyRemoval } from '../offboarding/removal-steps';
import type { SignInBrowser } from '../sign-in/browser-opener';
import type { Journal } from '../storage/journal';
import { consentOnMicrosoftPage } from './admin-consent';
import { confirmIdentity } from './confirm-identity';
import { applyDirectGrant, type DirectGrantDeps } from './direct-grant';
import { discoverTenant } from './discover-tenant';
import { sendJournaledWrites } from './journaled-writer';
import { planChanges } from './plan-changes';
import { readTenantSnapshot } from './read-snapshot';
import { readTenantWideGrants } from './read-tenant-wide-grants';
import { readOwnFootprint, removeOwnAccess } from './remove-own-access';
import { DEFAULT_RUN_LIMITS, type RunEnvironment, type RunLimits, type StepContext } from './run-environment';
import { guidanceForFailure, StepStopped } from './run-errors';
import { type SignInSession, signInAdministrator } from './sign-in-session';
import { verifyGrants } from './verify-grants';

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One onboarding run, step by step as the checklist shows it: 1 Client (`start`), 2 Preflight (`discover`),
 * 3 Sign in and 4 Confirm identity (`signIn`), 5 Review plan (`plan`), 6 Grant consent (`apply`), 7 Verify
 * (`verify`), 8 Report (`finish`), each recorded in the run's journal.
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
  private session: SignInSession | null = null;
  private signInAbort: AbortController | null = null;
  private busy = false;
  private closed = false;
  private journalLength_: number;

  /** The run's limits, read when each is needed: a host may change them between steps. */
  private get limits(): RunLimits {
    return { ...DEFAULT_RUN_LIMITS, ...this.env.limits };
  }

  private constructor(
    private readonly env: RunEnvironment,
    private readonly journal: Journal<RunEntry>,
    record: RunRecord,
    journalLength: number,
  ) {
    this.record_ = record;
    this.journalLength_ = journalLength;
    this.now = env.now ?? (() => new Date());
    this.sleep = env.sleep ?? realSleep;
  }

  /** Step 1, Client: starts a new run; its journal begins with what the technician entered. */
  static async start(env: RunEnvironment, input: RunInput): Promise<OnboardingRun> {
    const runId = randomUUID();
    const journal = await env.runs.open(runId);
    const first: RunEntry = {
      type: 'run-started',
      at: (env.now ?? (() => new Date()))().toISOString(),
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
    env.onRecord?.(record, first, 1);
    return new OnboardingRun(env, journal, record, 1);
  }

  /**
   * Takes up a stored run again: one that was interrupted, to finish it, or a finished one, to verify the tenant
   * again. The technician signs in again (tokens are never stored); the plan is computed afresh from what the
   * tenant holds, so nothing written before is written twice.
   */
  static async resume(env: RunEnvironment, runId: string): Promise<OnboardingRun> {
    const stored = await env.runs.read(runId);
    if (stored === null) throw refused(`There is no run ${runId}.`);
    if (stored.record.practice !== (env.connection.target.kind === 'practice')) {
      throw refused(
        stored.record.practice
          ? 'This run was made against the practice tenant; switch to practice mode to resume it.'
          : 'This run was made against a real tenant; leave practice mode to resume it.',
      );
    }
    const journal = await env.runs.open(runId);
    return new OnboardingRun(env, journal, stored.record, stored.entries.length);
  }

  /** The run's record as of its last journal entry. */
  get record(): RunRecord {
    return this.record_;
  }

  /** How many journal entries the record folds. */
  get journalLength(): number {
    return this.journalLength_;
  }

  /** Whether the run can still take steps (not finished, cancelled or closed). */
  get isOpen(): boolean {
    return !this.closed;
  }

  /** Whether a step is under way (a sign-in, writes, verification): the run takes one step at a time. */
  get isBusy(): boolean {
    return this.busy;
  }

  /** Whether an administrator is signed in to this run now. */
  get isSignedIn(): boolean {
    return this.session !== null;
  }

  /** Step 2, Preflight: finds the client's tenant ID and cloud through OpenID discovery, without signing in. */
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
   * Steps 3 and 4, Sign in and Confirm identity: signs the client's administrator in, in the run's own browser
   * session, then reads who signed in and checks the guards (tenant and role). Nothing is written to the tenant.
   */
  signIn(options: { readonly prompt: 'select_account' | 'login' }): Promise<RunRecord> {
    return this.step('sign-in', async () => {
      const discovery = this.record_.discovery;
      const cloud = this.cloud;
      if (discovery === null || cloud === null) throw refused('Discover the client’s tenant first.');
      const clientId = this.signInAppId();
      // Nothing is opened without a registration in the tenant's cloud: Microsoft would answer AADSTS700016.
      if (clientId === null) throw new StepStopped(missingSignInAppGuidance(cloud));
      this.dropSignIn();
      await this.append({ type: 'sign-in-started', at: this.stamp(), prompt: options.prompt });
      this.progress('sign-in', 'Waiting for the administrator to sign in…');
      this.signInAbort = new AbortController();
      try {
        this.session = await signInAdministrator({
          cloud,
          tenantId: discovery.tenantId,
          clientId,
          practice: this.record_.practice,
          prompt: options.prompt,
          domainHint: this.domainHint,
          http: this.httpClient(),
          browser: this.signInBrowser(),
          timeoutMs: this.limits.signInTimeoutMs,
          requestTimeoutMs: this.limits.requestTimeoutMs,
          signal: this.signInAbort.signal,
          now: this.now,
          onGraphRequest: this.env.onGraphRequest,
        });
      } finally {
        this.signInAbort = null;
      }
      await this.append({ type: 'signed-in', at: this.stamp(), account: this.session.account });
      await confirmIdentity(this.context, this.session, this.sleep);
    });
  }

  /** Stops a sign-in (or the admin-consent page) that is waiting for the administrator. */
  cancelSignIn(): void {
    this.signInAbort?.abort();
  }

  /** Step 5, Review plan: reads what the tenant holds and computes exactly what applying would change. */
  plan(): Promise<RunRecord> {
    return this.step('plan', async () => {
      const session = this.requireGuardsPassed();
      if (this.record_.input.offboard !== undefined) {
        await planRemovalStep(this.removal(session));
        return;
      }
      await planChanges(
        this.context,
        () => this.readTenant(session),
        () => this.readToolFootprint(session),
      );
    });
  }

  /**
   * Step 6, Grant consent: applies the plan the technician confirmed, by the strategy chosen on the Client step.
   * Only the confirmed plan is applied; a plan older than the last sign-in must be computed again.
   */
  apply(): Promise<RunRecord> {
    return this.step(this.record_.input.strategy === 'direct-grant' ? 'grant' : 'admin-consent', async () => {
      const session = this.requireGuardsPassed();
      if (this.record_.guards.some((g) => !g.passed))
        throw refused('A guard failed: nothing may be written.');
      if (this.record_.input.offboard !== undefined) {
        const removalPlan = this.record_.removalPlan;
        if (removalPlan === null) throw refused('Review the plan before applying it.');
        await this.append({ type: 'plan-confirmed', at: this.stamp() });
        await applyRemoval(this.removal(session), removalPlan);
        return;
      }
      const plan = this.record_.plan;
      if (plan === null) throw refused('Review the plan before applying it.');
      await this.append({ type: 'plan-confirmed', at: this.stamp() });
      if (this.record_.input.strategy === 'direct-grant') {
        await applyDirectGrant(this.directGrant(session), plan);
        return;
      }
      this.signInAbort = new AbortController();
      await consentOnMicrosoftPage(this.context, {
        cloud: this.cloud,
        browser: this.signInBrowser(),
        signal: this.signInAbort.signal,
      }).finally(() => {
        this.signInAbort = null;
      });
    });
  }

  /**
   * Step 7, Verify: verifies every listed permission against what the tenant holds, read back from Graph. While
   * writes of this run are not all visible yet, it reads again with a growing pause until they are or the
   * replication deadline passes (https://learn.microsoft.com/graph/known-issues, replication delay).
   */
  verify(): Promise<RunRecord> {
    return this.step('verify', async () => {
      const session = this.requireSignedIn();
      if (this.record_.input.offboard !== undefined) {
        const removalPlan = this.record_.removalPlan;
        if (removalPlan === null) throw refused('Review the plan before verifying it.');
        await verifyRemoval(this.removal(session), removalPlan);
        return;
      }
      await verifyGrants(this.context, () => this.readTenant(session));
    });
  }

  /**
   * Step 8, Report: ends the run with its outcome, signs out and wipes the run's browser session and tokens. Before
   * that, as the run's last writes, it removes the tool's own access to the tenant as `ownAccess` says (the app's
   * default comes from Settings; without options nothing is removed, but what the tool holds is still read and
   * recorded). The outcome is the one the run had before: removing the tool's access never changes it.
   */
  async finish(
    ownAccess: OwnAccessOptions = { removeGrants: false, deleteEnterpriseApp: false },
  ): Promise<RunRecord> {
    if (this.closed) return this.record_;
    if (this.busy) throw refused('The run is already doing something; wait for it to finish.');
    const outcome = finishOutcome(this.record_);
    this.busy = true;
    try {
      await this.settleOwnAccess(ownAccess);
    } catch (error) {
      if (error instanceof BridgeError) throw error;
      await this.append({
        type: 'own-access-stopped',
        at: this.stamp(),
        guidance: guidanceForFailure(error),
      });
    } finally {
      this.busy = false;
    }
    return this.end(outcome);
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

  /** Reads the tool's own footprint and removes what `options` says, when this sign-in may write to the tenant. */
  private async settleOwnAccess(options: OwnAccessOptions): Promise<void> {
    // A run nobody signed in to left no footprint of its own.
    if (this.record_.account === null) return;
    const skipped = (reason: OwnAccessSkipped): Promise<void> =>
      this.append({
        type: 'own-access-read',
        at: this.stamp(),
        decision: { options, skipped: reason, footprint: null, remove: [], keep: [] },
      });
    const session = this.session;
    if (session === null) return skipped('not-signed-in');
    if (!identityGuardsPassed(this.record_)) return skipped('guards-failed');
    const signInAppId = this.signInAppId();
    if (signInAppId === null) return skipped('not-signed-in');
    await removeOwnAccess(
      this.context,
      {
        sendBatch: session.sendBatch,
        fetchPage: session.fetchPage,
        sleep: this.sleep,
        signInAppId,
        account: session.account,
      },
      options,
    );
  }

  private async end(outcome: Extract<RunEntry, { type: 'run-ended' }>['outcome']): Promise<RunRecord> {
    if (this.closed) return this.record_;
    await this.wipe();
    await this.append({ type: 'run-ended', at: this.stamp(), outcome, sessionCleared: true });
    this.closed = true;
    await this.journal.close();
    return this.record_;
  }

  private async step(step: ProblemStep, body: () => Promise<void>): Promise<RunRecord> {
    if (this.closed) throw refused('This run has ended.');
    if (this.busy) throw refused('The run is already doing something; wait for it to finish.');
    this.busy = true;
    try {
      await body();
    } catch (error) {
      if (error instanceof BridgeError) throw error;
      const guidance = error instanceof StepStopped ? error.guidance : guidanceForFailure(error);
      await this.append({ type: 'problem', at: this.stamp(), step, guidance });
    } finally {
      this.busy = false;
    }
    return this.record_;
  }

  /** What the direct grant reaches this run and the tenant through. */
  private directGrant(session: SignInSession): DirectGrantDeps {
    const { sendBatch, fetchPage } = session;
    return {
      ...this.context,
      readTenant: () => this.readTenant(session),
      readTenantWideGrants: (clientId) => readTenantWideGrants(sendBatch, fetchPage, clientId, this.sleep),
      write: (writes, label, dependsOn) =>
        sendJournaledWrites(this.context, sendBatch, this.sleep, writes, label, dependsOn),
    };
  }

  /** What the offboarding steps reach this run and the tenant through. */
  private removal(session: SignInSession): RemovalDeps {
    const { sendBatch, fetchPage } = session;
    return {
      ...this.context,
      readHoldings: () =>
        readTargetHoldings(
          sendBatch,
          fetchPage,
          this.record_.input.profile.targetApp.appId,
          this.context.replication(),
        ),
      write: (writes, label) => sendJournaledWrites(this.context, sendBatch, this.sleep, writes, label),
    };
  }

  // ---- reads ----

  /**
   * What the tool itself holds in the tenant; null when it cannot be told (no sign-in app for the cloud) or read:
   * the plan does not depend on it, so a failed read only leaves the plan without that section.
   */
  private async readToolFootprint(session: SignInSession): Promise<OwnFootprint | null> {
    const signInAppId = this.signInAppId();
    if (signInAppId === null) return null;
    return readOwnFootprint(this.context, {
      sendBatch: session.sendBatch,
      fetchPage: session.fetchPage,
      signInAppId,
    }).catch(() => null);
  }

  private readTenant(session: SignInSession): Promise<TenantSnapshot> {
    const profile = this.record_.input.profile;
    return readTenantSnapshot(
      session.sendBatch,
      session.fetchPage,
      profile.targetApp.appId,
      profile.permissions.map((r) => r.resourceAppId),
      this.context.replication(),
    );
  }

  /** What the steps reach this run through. */
  private readonly context: StepContext = {
    record: () => this.record_,
    append: (entry) => this.append(entry),
    stamp: () => this.stamp(),
    progress: (phase, message, done, total) => this.progress(phase, message, done, total),
    limits: () => this.limits,
    replication: (say) => ({
      deadlineMs: this.limits.replicationDeadlineMs,
      firstPollIntervalMs: this.limits.firstPollIntervalMs,
      maxPollIntervalMs: this.limits.maxPollIntervalMs,
      now: () => this.now().getTime(),
      sleep: this.sleep,
      onWait: () => {
        if (say !== undefined) this.progress(say.phase, say.message);
      },
    }),
  };

  // ---- session ----

  private requireSignedIn(): SignInSession {
    if (this.session === null) throw refused('Sign in first.');
    return this.session;
  }

  private requireGuardsPassed(): SignInSession {
    const session = this.requireSignedIn();
    if (!identityGuardsPassed(this.record_))
      throw refused('The identity guards have not passed: nothing may be planned or written.');
    return session;
  }

  /** The sign-in app's client ID in the tenant's cloud; null before discovery, or where none is configured. */
  private signInAppId(): string | null {
    const cloud = this.cloud;
    return cloud === null ? null : signInClientIdFor(this.env.connection.signInClientIds, cloud.id);
  }

  private signInBrowser(): SignInBrowser {
    this.browser ??= this.env.browsers.forRun(this.record_.runId);
    return this.browser;
  }

  private httpClient(): HttpClient {
    const { trustedCertificate } = this.env.connection;
    this.http ??= createHttpClient({ requestTimeoutMs: this.limits.requestTimeoutMs, trustedCertificate });
    return this.http;
  }

  private dropSignIn(): void {
    this.session?.drop();
    this.session = null;
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
    this.journalLength_ += 1;
    this.env.onRecord?.(this.record_, entry, this.journalLength_);
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
