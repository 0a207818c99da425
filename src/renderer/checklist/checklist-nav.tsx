import { makeStyles, Text, tokens } from '@fluentui/react-components';
import {
  ArrowCircleRight20Filled,
  CheckmarkCircle20Filled,
  Circle20Regular,
  DismissCircle20Filled,
  Warning20Filled,
} from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import { STEP_IDS, STEP_TITLES, type StepId, type StepState } from '../../shared/checklist/steps';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  step: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground2,
  },
  current: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  done: { color: tokens.colorPaletteGreenForeground1 },
  attention: { color: tokens.colorPaletteYellowForeground1 },
  blocked: { color: tokens.colorPaletteRedForeground1 },
});

const STATE_LABELS: Readonly<Record<StepState, string>> = {
  'not-started': 'not started',
  'in-progress': 'in progress',
  done: 'done',
  'needs-attention': 'needs attention',
  blocked: 'blocked',
};

const StateIcon = ({ state }: { readonly state: StepState }): ReactElement => {
  const styles = useStyles();
  switch (state) {
    case 'done':
      return <CheckmarkCircle20Filled className={styles.done} aria-hidden />;
    case 'in-progress':
      return <ArrowCircleRight20Filled aria-hidden />;
    case 'needs-attention':
      return <Warning20Filled className={styles.attention} aria-hidden />;
    case 'blocked':
      return <DismissCircle20Filled className={styles.blocked} aria-hidden />;
    case 'not-started':
      return <Circle20Regular aria-hidden />;
  }
};

/** The checklist of onboarding steps, each with its state; the current one marked for assistive technology. */
export const ChecklistNav = ({
  current,
  states,
}: {
  readonly current: StepId;
  readonly states: Readonly<Record<StepId, StepState>>;
}): ReactElement => {
  const styles = useStyles();
  return (
    <nav aria-label="Onboarding steps">
      <ol className={styles.list}>
        {STEP_IDS.map((id, index) => (
          <li
            key={id}
            className={id === current ? `${styles.step} ${styles.current}` : styles.step}
            aria-current={id === current ? 'step' : undefined}
            data-step={id}
            data-state={states[id]}
          >
            <StateIcon state={states[id]} />
            <Text>
              {index + 1}. {STEP_TITLES[id]}
              <span className="visually-hidden">, {STATE_LABELS[states[id]]}</span>
            </Text>
          </li>
        ))}
      </ol>
    </nav>
  );
};
