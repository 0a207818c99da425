import type { z } from 'zod';
import type {
  BridgeApi,
  PreflightCheckSchema,
  RunView,
  StartRunRequestSchema,
} from '../../shared/bridge/contract';
import { BridgeError } from '../../shared/bridge/errors';
import { applyRunChange, confirmView, type RunReceipt, settleView } from '../../shared/bridge/run-view';
import { STEP_IDS, type StepId } from '../../shared/checklist/steps';
import type { Guidance } from '../../shared/guidance/guidance';
import type { OwnAccessOptions } from '../../shared/onboarding/own-access';
import type { RunProgress } from '../../shared/onboarding/run-progress';
import { CHECKLIST_STEP_OF_PROBLEM } from '../../shared/onboarding/run-status';

/** One preflight check as the main process reports it. */
export type PreflightCheck = z.infer<typeof PreflightCheckSchema>;

/** What the technician submits on the Client step. */
export type StartRunRequest = z.input<typeof StartRunRequestSchema>;

/** Whether the run onboards the tenant, or only verifies it again (a finished run taken up from history). */
export type RunMode = 'onboard' | 'reverify';

/** The request this window is waiting for, if any. */
export type Pending =
  | 'start'
  | 'preflight'
  | 'sign-in'
  | 'plan'
  | 'apply'
  | 'verify'
  | 'finish'
  | 'cancel'
  | 'resume';

/** The checklist's state in this window: the run as the main process last described it, and where the technician is. */
export interface RunSessionState {
  readonly view: RunView | null;
  /** The step on screen. */
  readonly step: StepId;
  /** The furthest step this session has unlocked; the technician may go back to any step up to it. */
  readonly reached: StepId;
  /** Bumped every time the step on screen changes, so the page can move focus to its heading once. */
  readonly stepSeq: number;
  readonly mode: RunMode;
  readonly pending: Pending | null;
  readonly checks: readonly PreflightCheck[] | null;
  readonly progress: RunProgress | null;
  /** The guidance each step's last attempt recorded in the run's journal. */
  readonly problems: Partial<Readonly<Record<StepId, Guidance>>>;
  /** Requests the main process refused or that failed on the way (not problems of the tenant). */
  readonly refusals: Partial<Readonly<Record<StepId, string>>>;
  /** The plan on record was computed in this session, after the latest sign-in and before any write. */
  readonly planFresh: boolean;
  /** What Finish does about the tool's own access, as chosen for this run; null: the Settings' default. */
  readonly ownAccess: OwnAccessOptions | null;
}

/** A run session: the checklist's state and every action the technician can take on it. */
export interface RunSession {
  getState(): RunSessionState;
  subscribe(listener: () => void): () => void;
  /** Listens to the main process's run events; returns the function that stops listening. */
  connect(): () => void;
  start(request: StartRunRequest): Promise<void>;
  preflight(): Promise<void>;
  signIn(prompt: 'select_account' | 'login'): Promise<void>;
  cancelSignIn(): Promise<void>;
  /** From Sign in to Confirm identity when an administrator is already signed in to the run. */
  continueSignedIn(): void;
  /** After Confirm identity: on to the plan (onboarding) or straight to verification (re-verify). */
  continueAfterIdentity(): Promise<void>;
  plan(): Promise<void>;
  apply(): Promise<void>;
  verify(): Promise<void>;
  /** Goes back to Review plan with a fresh plan of what is still missing. */
  repair(): Promise<void>;
  finish(): Promise<void>;
  /** Chooses, for this run, what Finish does about the tool's own access. */
  chooseOwnAccess(options: OwnAccessOptions): void;
  /** Leaves the run (cancelled, or finished again if it had ended), signs out, and starts over on the Client step. */
  cancelRun(): Promise<void>;
  /** Takes up a stored run: from Preflight, then sign in again. Resolves with why it could not, or null. */
  resume(runId: string, mode: RunMode): Promise<string | null>;
  /** Shows a step the session has reached. */
  goTo(step: StepId): void;
  /** Leaves a finished run and shows an empty Client step. */
  reset(): void;
  /** The focus bookkeeping of the checklist page: the step change it last moved focus for. */
  focusedSeq: number;
}

const INITIAL: RunSessionState = {
  view: null,
  step: 'client',
  reached: 'client',
  stepSeq: 0,
  mode: 'onboard',
  pending: null,
  checks: null,
  progress: null,
  problems: {},
  refusals: {},
  planFresh: false,
  ownAccess: null,
};

const indexOf = (step: StepId): number => STEP_IDS.indexOf(step);

/** The later of two steps. */
export const laterStep = (a: StepId, b: StepId): StepId => (indexOf(a) >= indexOf(b) ? a : b);

/** Whether the technician may show a step now: one already reached, and nothing in flight. */
export const canShowStep = (state: RunSessionState, step: StepId): boolean =>
  state.pending === null &&
  (step === 'client' || (state.view !== null && indexOf(step) <= indexOf(state.reached)));

/** Whether both identity guards (tenant and role) passed for the current sign-in. */
export const identityPassed = (view: RunView): boolean => view.signedIn && view.identityPassed;

/** The sentence to show for a request that did not go through. */
export const refusalMessage = (error: unknown): string => {
  if (error instanceof BridgeError) {
    switch (error.code) {
      case 'refused':
        return error.message;
      case 'disconnected':
        return 'The connection to the app was lost. Reload the page to reconnect; the run can be resumed from the run history.';
      case 'internal':
        return 'The app failed to do this. The details are in its log; try again, or resume the run from the run history.';
      default:
        return `${error.message} (${error.code})`;
    }
  }
  return error instanceof Error ? error.message : String(error);
};

/**
 * Creates the run session of the checklist: it calls the bridge for each step, follows the run's events, and
 * decides which step the technician sees next. Steps that must follow each other without a decision (verification
 * right after granting) are chained here, not in the components, so they run once whatever React renders.
 */
export const createRunSession = (bridge: BridgeApi): RunSession => {
  let state = INITIAL;
  const listeners = new Set<() => void>();
  // The window draws the state once per task, after the task is done: a step's answer and the request of the step
  // chained to it (verification after granting) go out before anything is drawn, and a run of changes is drawn once.
  let drawing = false;
  const set = (patch: Partial<RunSessionState>, draw = true): void => {
    state = { ...state, ...patch };
    if (drawing || !draw) return;
    drawing = true;
    setTimeout(() => {
      drawing = false;
      for (const listener of listeners) listener();
    }, 0);
  };
  const show = (
    step: StepId,
    reached: StepId = laterStep(state.reached, step),
  ): Partial<RunSessionState> => ({
    step,
    reached,
    stepSeq: state.step === step ? state.stepSeq : state.stepSeq + 1,
  });

  /** The run's whole view from the main process, settled against the view held (`settleView`). */
  const wholeView = async (runId: string): Promise<RunView> =>
    settleView(state.view, await bridge.runs.get({ runId }));

  /**
   * Runs one step's request; records the problems it journaled, or the refusal, against the step. The answer is a
   * receipt: the view folded from the step's changes, which came before it, is confirmed by it, or asked for whole
   * when it does not match (a change was lost).
   */
  const act = async <T extends { readonly receipt: RunReceipt }>(
    step: StepId,
    pending: Pending,
    call: (runId: string) => Promise<T>,
  ): Promise<(T & { readonly view: RunView }) | null> => {
    const view = state.view;
    if (view === null || state.pending !== null) return null;
    const before = view.record.problems.length;
    const { [step]: _problem, ...problems } = state.problems;
    const { [step]: _refusal, ...refusals } = state.refusals;
    set({ pending, problems, refusals, progress: null });
    try {
      const result = await call(view.record.runId);
      const confirmed = confirmView(state.view, result.receipt) ?? (await wholeView(result.receipt.runId));
      const fresh = confirmed.record.problems.slice(before);
      const recorded: Partial<Record<StepId, Guidance>> = { ...state.problems };
      for (const problem of fresh) recorded[CHECKLIST_STEP_OF_PROBLEM[problem.step]] = problem.guidance;
      set({ view: confirmed, problems: recorded, pending: null, progress: null });
      return { ...result, view: confirmed };
    } catch (error) {
      set({ pending: null, progress: null, refusals: { ...state.refusals, [step]: refusalMessage(error) } });
      return null;
    }
  };
  /**
   * Brings the view back after a change showed that events were lost (a gap in the journal): the whole view, from
   * the main process. One request at a time; an answer for a run no longer on screen is dropped.
   */
  let resyncing = false;
  const resync = async (runId: string): Promise<void> => {
    if (resyncing) return;
    resyncing = true;
    try {
      const view = await wholeView(runId);
      if (state.view?.record.runId === runId) set({ view });
    } catch {
      // The step's answer brings the window back as well: it asks for the whole view when its receipt does not match.
    } finally {
      resyncing = false;
    }
  };

  /** {@link act} for a request that answers with the run's receipt alone. */
  const actOnReceipt = (
    step: StepId,
    pending: Pending,
    call: (runId: string) => Promise<RunReceipt>,
  ): Promise<{ view: RunView } | null> =>
    act(step, pending, async (runId) => ({ receipt: await call(runId) }));

  const session: RunSession = {
    focusedSeq: 0,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connect() {
      const offChanged = bridge.onboarding.onChanged((change) => {
        if (state.view === null) return;
        const applied = applyRunChange(state.view, change);
        // The change that ends the step this window waits for comes right before the step's answer: it is folded
        // now and drawn with the answer, once.
        if (applied.kind === 'applied') set({ view: applied.view }, state.pending === null || change.busy);
        else if (applied.kind === 'gap') void resync(change.runId);
      });
      const offProgress = bridge.onboarding.onProgress((progress) => {
        if (state.view !== null && progress.runId === state.view.record.runId && state.pending !== null)
          set({ progress });
      });
      return () => {
        offChanged();
        offProgress();
      };
    },
    async start(request) {
      if (state.pending !== null) return;
      set({ pending: 'start', refusals: {} });
      try {
        const view = await bridge.onboarding.start(request);
        set({
          ...INITIAL,
          view,
          ...show('preflight', 'preflight'),
        });
      } catch (error) {
        set({ pending: null, refusals: { client: refusalMessage(error) } });
        return;
      }
      await session.preflight();
    },
    async preflight() {
      set({ checks: null });
      const result = await act('preflight', 'preflight', (runId) => bridge.onboarding.preflight({ runId }));
      if (result === null) return;
      set({
        checks: result.checks,
        ...(result.checks.every((c) => c.ok) ? { reached: laterStep(state.reached, 'sign-in') } : {}),
      });
    },
    async signIn(prompt) {
      // A new sign-in replaces the last one's identity and guards: the steps after it must be earned again.
      set({ ...show('sign-in', 'sign-in'), planFresh: false });
      const result = await actOnReceipt('sign-in', 'sign-in', (runId) =>
        bridge.onboarding.signIn({ runId, prompt }),
      );
      if (result === null || !result.view.signedIn) return;
      const next: StepId = state.mode === 'reverify' ? 'verify' : 'plan';
      set(show('identity', identityPassed(result.view) ? laterStep(state.reached, next) : 'identity'));
    },
    async cancelSignIn() {
      const view = state.view;
      if (view === null) return;
      try {
        await bridge.onboarding.cancelSignIn({ runId: view.record.runId });
      } catch (error) {
        set({ refusals: { ...state.refusals, [state.step]: refusalMessage(error) } });
      }
    },
    continueSignedIn() {
      const view = state.view;
      if (view === null || !view.signedIn || state.pending !== null) return;
      const next: StepId = state.mode === 'reverify' ? 'verify' : 'plan';
      set(
        show(
          'identity',
          identityPassed(view) ? laterStep(state.reached, next) : laterStep(state.reached, 'identity'),
        ),
      );
    },
    async continueAfterIdentity() {
      if (state.view === null || !identityPassed(state.view)) return;
      if (state.mode === 'reverify') await session.verify();
      else {
        set(show('plan'));
        await session.plan();
      }
    },
    async plan() {
      set(show('plan'));
      const result = await actOnReceipt('plan', 'plan', (runId) => bridge.onboarding.plan({ runId }));
      if (result === null) return;
      // The plan may show that this sign-in cannot make it (a Privileged Role Administrator and a missing
      // enterprise application): the role guard then blocks, and Confirm identity says what to do.
      if (!identityPassed(result.view)) set(show('identity', 'identity'));
      else if (result.view.record.plan !== null || result.view.record.removalPlan !== null)
        set({ planFresh: true });
    },
    async apply() {
      if (!state.planFresh) return;
      set({ ...show('grant'), planFresh: false });
      const result = await actOnReceipt('grant', 'apply', (runId) => bridge.onboarding.apply({ runId }));
      // Judged by this attempt alone: a declined consent page still answers admin_consent=True, and a resumed run
      // keeps the unanswered writes of the attempt the dropped connection interrupted.
      if (result === null || result.view.grantAttempt !== 'succeeded') return;
      await session.verify();
    },
    async verify() {
      set(show('verify'));
      const result = await actOnReceipt('verify', 'verify', (runId) => bridge.onboarding.verify({ runId }));
      if (
        result !== null &&
        (result.view.record.verification !== null || result.view.record.removalCheck !== null)
      )
        set({ reached: laterStep(state.reached, 'report') });
    },
    async repair() {
      await session.plan();
    },
    async finish() {
      const ownAccess = state.ownAccess ?? undefined;
      await actOnReceipt('report', 'finish', (runId) => bridge.onboarding.finish({ runId, ownAccess }));
    },
    chooseOwnAccess(options) {
      set({ ownAccess: options });
    },
    async cancelRun() {
      const view = state.view;
      if (view === null) return;
      if (view.live) {
        // Cancelling must reach a run that waits for a sign-in: cancel that wait first, then end the run. A
        // finished run taken up again keeps its outcome: it is finished again (signed out) rather than cancelled.
        await session.cancelSignIn();
        set({ pending: 'cancel' });
        try {
          const runId = view.record.runId;
          await (view.record.ended
            ? bridge.onboarding.finish({ runId })
            : bridge.onboarding.cancel({ runId }));
        } catch (error) {
          set({ pending: null, refusals: { ...state.refusals, client: refusalMessage(error) } });
          return;
        }
      }
      set({ ...INITIAL, stepSeq: state.stepSeq + 1 });
    },
    async resume(runId, mode) {
      if (state.pending !== null) return 'The checklist is busy with another step; wait for it to finish.';
      set({ pending: 'resume' });
      try {
        const view = await bridge.runs.resume({ runId });
        set({ ...INITIAL, view, mode, ...show('preflight', 'preflight') });
      } catch (error) {
        set({ pending: null });
        return refusalMessage(error);
      }
      void session.preflight();
      return null;
    },
    goTo(step) {
      if (canShowStep(state, step)) set(show(step, state.reached));
    },
    reset() {
      set({ ...INITIAL, stepSeq: state.stepSeq + 1 });
    },
  };
  return session;
};
