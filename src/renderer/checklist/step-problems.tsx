import type { ReactElement } from 'react';
import type { StepId } from '../../shared/checklist/steps';
import { GuidanceCard, RefusalBar } from '../guidance/guidance-card';
import type { RunSessionState } from '../run/run-session';

/**
 * What went wrong at a step: the guidance for the problem the run journaled there, then the bar for a request
 * the main process refused.
 */
export const StepProblems = ({
  state,
  step,
  busy = false,
}: {
  readonly state: RunSessionState;
  readonly step: StepId;
  /** The step's request is in flight: its earlier problem is hidden until it answers. */
  readonly busy?: boolean;
}): ReactElement => {
  const problem = state.problems[step];
  const refusal = state.refusals[step];
  return (
    <>
      {problem !== undefined && !busy && <GuidanceCard guidance={problem} />}
      {refusal !== undefined && <RefusalBar message={refusal} />}
    </>
  );
};
