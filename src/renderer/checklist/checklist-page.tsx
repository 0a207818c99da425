import { Badge, makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { type ReactElement, useEffect, useRef, useState } from 'react';
import type { BridgeApi } from '../../shared/bridge/contract';
import { STEP_IDS, type StepId, type StepState, stepTitle } from '../../shared/checklist/steps';
import { useProgressAnnouncements } from '../announce/announced-text';
import { pageSurface } from '../app/page-surface';
import { RemovalVerifyStep } from '../offboarding/removal-check-view';
import { RemovalPlanStep } from '../offboarding/removal-plan-view';
import { canShowStep, type RunSession } from '../run/run-session';
import { useRunSession } from '../run/use-run-session';
import { ChecklistNav, STATE_LABELS } from './checklist-nav';
import { ClientStep } from './client-step';
import { GrantConfirmation } from './grant-confirmation';
import { GrantStep } from './grant-step';
import { IdentityStep } from './identity-step';
import { PlanStep } from './plan-step';
import { PreflightStep } from './preflight-step';
import { ReportStep } from './report-step';
import { SignInStep } from './sign-in-step';
import { VerifyStep } from './verify-step';

const useStyles = makeStyles({
  body: { display: 'flex', gap: tokens.spacingHorizontalXL, alignItems: 'flex-start' },
  aside: { width: '15rem', flexShrink: 0 },
  main: { ...pageSurface, flexGrow: 1, minWidth: 0, gap: tokens.spacingVerticalL },
  heading: {
    ...typographyStyles.title2,
    margin: 0,
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    // Focus lands here only by script (tabIndex -1), to start reading at the new step; a heading is not a
    // control, so it shows no focus ring.
    outline: 'none',
  },
});

const STATE_COLORS: Readonly<Record<StepState, 'informative' | 'brand' | 'success' | 'warning' | 'danger'>> =
  {
    'not-started': 'informative',
    'in-progress': 'brand',
    done: 'success',
    'needs-attention': 'warning',
    blocked: 'danger',
  };

const NOT_STARTED = Object.fromEntries(STEP_IDS.map((id) => [id, 'not-started'])) as Record<
  StepId,
  StepState
>;

/**
 * The checklist: the steps with their states beside the current step. Focus moves to the step's heading whenever
 * the step on screen changes, so keyboard and screen-reader users start reading at the new step: that is how a step
 * change is announced (a live announcement as well would be heard twice). A long step's progress is announced at
 * most every few seconds; failures announce themselves (MessageBar).
 */
export const ChecklistPage = ({
  bridge,
  session,
}: {
  readonly bridge: BridgeApi;
  readonly session: RunSession;
}): ReactElement => {
  const styles = useStyles();
  const state = useRunSession(session);
  const heading = useRef<HTMLHeadingElement>(null);
  const [clientValid, setClientValid] = useState<boolean | null>(null);
  const [confirming, setConfirming] = useState(false);
  useProgressAnnouncements(state.progress);

  useEffect(() => {
    if (state.stepSeq !== session.focusedSeq) {
      session.focusedSeq = state.stepSeq;
      heading.current?.focus();
    }
  }, [state.stepSeq, session]);

  const states: Readonly<Record<StepId, StepState>> =
    state.view?.steps ??
    ({
      ...NOT_STARTED,
      client: clientValid === null ? 'not-started' : clientValid ? 'in-progress' : 'needs-attention',
    } satisfies Record<StepId, StepState>);
  const current = state.step;
  const offboarding = state.view?.record.input.offboard !== undefined;
  const stepState = states[current];

  const props = { bridge, session, state };
  const body = ((): ReactElement | null => {
    switch (current) {
      case 'client':
        return <ClientStep {...props} onClientChecked={setClientValid} />;
      case 'preflight':
        return <PreflightStep {...props} />;
      case 'sign-in':
        return <SignInStep {...props} />;
      case 'identity':
        return <IdentityStep {...props} />;
      case 'plan':
        return offboarding ? (
          <RemovalPlanStep {...props} onRequestRemoval={() => setConfirming(true)} />
        ) : (
          <PlanStep {...props} onRequestGrant={() => setConfirming(true)} />
        );
      case 'grant':
        return <GrantStep {...props} />;
      case 'verify':
        return offboarding ? <RemovalVerifyStep {...props} /> : <VerifyStep {...props} />;
      case 'report':
        return <ReportStep {...props} />;
    }
  })();

  return (
    <div className={styles.body}>
      <aside className={styles.aside}>
        <ChecklistNav
          current={current}
          offboarding={offboarding}
          states={states}
          canShow={(step) => canShowStep(state, step)}
          onShow={(step) => session.goTo(step)}
        />
      </aside>
      <section className={styles.main} aria-labelledby="step-title" data-current-step={current}>
        <h2 id="step-title" ref={heading} tabIndex={-1} className={styles.heading}>
          <span>
            {STEP_IDS.indexOf(current) + 1}. {stepTitle(current, offboarding)}
          </span>
          {state.view !== null && (
            <Badge appearance="tint" color={STATE_COLORS[stepState]}>
              {STATE_LABELS[stepState]}
            </Badge>
          )}
        </h2>
        {body}
      </section>
      <GrantConfirmation
        view={state.view}
        open={confirming}
        onDismiss={() => setConfirming(false)}
        onConfirm={() => void session.apply()}
        onClosed={() => heading.current?.focus()}
      />
    </div>
  );
};
