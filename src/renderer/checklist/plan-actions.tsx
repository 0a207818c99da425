import { Button } from '@fluentui/react-components';
import type { ReactElement } from 'react';
import { StepActions } from './step-actions';
import { StepProblems } from './step-problems';
import type { StepProps } from './step-props';

/**
 * The end of Review plan, for a grant and for a removal alike: the plan's problems, then its one write action (which
 * opens the confirmation), "Continue to verify" when the plan writes nothing, and reading the tenant again.
 */
export const PlanActions = ({
  session,
  state,
  ready,
  writes,
  action,
  onRequest,
}: StepProps & {
  /** A fresh plan is on screen and nothing is being read. */
  readonly ready: boolean;
  /** How many writes the plan makes. */
  readonly writes: number;
  /** The write action's label: "Grant consent…", "Remove access…". */
  readonly action: string;
  /** Opens the confirmation; nothing is written before the technician confirms there. */
  readonly onRequest: () => void;
}): ReactElement => (
  <>
    <StepProblems state={state} step="plan" />
    <StepActions>
      {ready && writes > 0 && (
        <Button appearance="primary" onClick={onRequest}>
          {action}
        </Button>
      )}
      {ready && writes === 0 && (
        <Button appearance="primary" onClick={() => void session.verify()}>
          Continue to verify
        </Button>
      )}
      <Button disabled={state.pending !== null} onClick={() => void session.plan()}>
        Read the tenant again
      </Button>
    </StepActions>
  </>
);
