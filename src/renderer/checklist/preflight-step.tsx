import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { CheckmarkCircle20Filled, DismissCircle20Filled } from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import { AnnouncedText } from '../announce/announced-text';
import { StepActions } from './step-actions';
import { StepProblems } from './step-problems';
import type { StepProps } from './step-props';

const useStyles = makeStyles({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  check: { display: 'grid', gridTemplateColumns: '1.5rem 1fr', columnGap: tokens.spacingHorizontalS },
  ok: { color: tokens.colorPaletteGreenForeground1, marginTop: '2px' },
  bad: { color: tokens.colorPaletteRedForeground1, marginTop: '2px' },
  detail: { color: tokens.colorNeutralForeground2 },
  todo: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalXL },
});

/**
 * Step 2: the client's tenant is looked up (OpenID discovery) and the endpoints, this computer's clock and the
 * profile are checked, each with a green or red mark and what to do about red.
 */
export const PreflightStep = ({ session, state }: StepProps): ReactElement => {
  const styles = useStyles();
  const checks = state.checks;
  const running = state.pending === 'preflight';
  const allOk = checks?.every((c) => c.ok) === true;
  return (
    <>
      <Text>
        Before the administrator signs in, the tool finds the client’s tenant and checks that Microsoft can be
        reached from here.
      </Text>
      <div>
        {running && <Spinner size="small" labelPosition="after" label="Checking…" />}
        {checks !== null && !running && (
          <AnnouncedText weight="semibold">
            {allOk ? 'Every check passed.' : 'Some checks failed: see what to do below.'}
          </AnnouncedText>
        )}
      </div>
      {checks !== null && (
        <ul className={styles.list} aria-label="Preflight checks">
          {checks.map((check) => (
            <li key={check.id} className={styles.check} data-check={check.id} data-ok={check.ok}>
              {check.ok ? (
                <CheckmarkCircle20Filled className={styles.ok} aria-hidden />
              ) : (
                <DismissCircle20Filled className={styles.bad} aria-hidden />
              )}
              <div>
                <Text weight="semibold">
                  {check.label}
                  <span className="visually-hidden">{check.ok ? ': passed' : ': failed'}</span>
                </Text>
                <br />
                <Text className={styles.detail}>{check.detail}</Text>
                {!check.ok && check.whatToDo.length > 0 && (
                  <ol className={styles.todo} aria-label={`What to do: ${check.label}`}>
                    {check.whatToDo.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ol>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <StepProblems state={state} step="preflight" />
      <StepActions>
        <Button appearance="primary" disabled={!allOk || running} onClick={() => session.goTo('sign-in')}>
          Continue to sign in
        </Button>
        <Button disabled={running || state.pending !== null} onClick={() => void session.preflight()}>
          Run the checks again
        </Button>
      </StepActions>
    </>
  );
};
