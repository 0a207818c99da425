import type { BridgeApi } from '../../shared/bridge/contract';
import type { RunSession, RunSessionState } from '../run/run-session';

/** What the checklist gives every step: the run session to act on and its state to render. */
export interface StepProps {
  readonly session: RunSession;
  readonly state: RunSessionState;
}

/** What the checklist gives a step that also calls the bridge itself. */
export interface BridgeStepProps extends StepProps {
  readonly bridge: BridgeApi;
}
