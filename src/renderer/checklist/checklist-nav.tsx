import { makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import {
  ArrowCircleRight20Filled,
  CheckmarkCircle20Filled,
  Circle20Regular,
  DismissCircle20Filled,
  Warning20Filled,
} from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import { STEP_IDS, type StepId, type StepState, stepTitle } from '../../shared/checklist/steps';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  step: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    width: '100%',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    color: tokens.colorNeutralForeground2,
    font: 'inherit',
    textAlign: 'start',
  },
  button: {
    cursor: 'pointer',
    color: tokens.colorNeutralForeground1,
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '-2px',
    },
  },
  current: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  done: { color: tokens.colorPaletteGreenForeground1 },
  attention: { color: tokens.colorPaletteMarigoldForeground1 },
  blocked: { color: tokens.colorPaletteRedForeground1 },
});

/** How the checklist reads each step state aloud and in its tooltip. */
export const STATE_LABELS: Readonly<Record<StepState, string>> = {
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

/**
 * The checklist of onboarding steps, each with its state. Steps the technician may go back to are buttons; the
 * others are plain text, so a guard cannot be skipped by clicking past it.
 */
export const ChecklistNav = ({
  current,
  states,
  offboarding,
  canShow,
  onShow,
}: {
  readonly current: StepId;
  /** The run takes access away: its grant step is "Remove access". */
  readonly offboarding: boolean;
  readonly states: Readonly<Record<StepId, StepState>>;
  readonly canShow: (step: StepId) => boolean;
  readonly onShow: (step: StepId) => void;
}): ReactElement => {
  const styles = useStyles();
  return (
    <nav aria-label={offboarding ? 'Offboarding steps' : 'Onboarding steps'}>
      <ol className={styles.list}>
        {STEP_IDS.map((id, index) => {
          const content = (
            <>
              <StateIcon state={states[id]} />
              <Text>
                {index + 1}. {stepTitle(id, offboarding)}
                <span className="visually-hidden">, {STATE_LABELS[states[id]]}</span>
              </Text>
            </>
          );
          const className = mergeClasses(styles.step, id === current && styles.current);
          return (
            <li key={id} data-step={id} data-state={states[id]}>
              {id !== current && canShow(id) ? (
                <button
                  type="button"
                  className={mergeClasses(className, styles.button)}
                  onClick={() => onShow(id)}
                >
                  {content}
                </button>
              ) : (
                <span className={className} aria-current={id === current ? 'step' : undefined}>
                  {content}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
};
