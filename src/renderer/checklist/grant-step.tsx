import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  ProgressBar,
} from '@fluentui/react-components';
import type { ReactElement } from 'react';
import { latestAttemptWrites } from '../../shared/onboarding/run-status';
import { localTime } from '../app/local-time';
import { WritesTable } from '../consent/writes-table';
import { StepActions } from './step-actions';
import { StepProblems } from './step-problems';
import type { StepProps } from './step-props';
import { WaitingPanel } from './waiting-panel';

const useStyles = makeStyles({
  // The bar moves in steps, one per progress event, rather than gliding: its width transition redrew the page
  // below it (the growing table of writes) at every frame for as long as the grant lasted.
  bar: { transitionProperty: 'none' },
});

/**
 * Step 6: the confirmed plan is applied, by direct grant (journaled `$batch` writes, progress per batch and per
 * item) or on Microsoft's admin-consent page (the step waits for the administrator, and can be cancelled).
 */
export const GrantStep = ({ session, state }: StepProps): ReactElement | null => {
  const styles = useStyles();
  const view = state.view;
  if (view === null) return null;
  const record = view.record;
  const running = state.pending === 'apply';
  const consentPage = record.input.strategy === 'admin-consent-page';
  const progress = state.progress;
  const consent = record.adminConsent;
  const attempt = view.grantAttempt;
  const done = attempt === 'succeeded';
  const attemptWrites = latestAttemptWrites(record);
  const offboarding = record.input.offboard !== undefined;
  const count = (outcome: string): number => attemptWrites.filter((w) => w.outcome === outcome).length;

  return (
    <>
      <div>
        {running && consentPage && (
          <WaitingPanel
            label={progress?.message ?? 'Waiting for the administrator on Microsoft’s consent page…'}
          >
            Microsoft’s admin-consent page is open in the sign-in window. The administrator reviews the
            permissions, ticks “Consent on behalf of your organization” if it is shown, and selects Accept.
          </WaitingPanel>
        )}
        {running && !consentPage && (
          <Field
            label={progress?.message ?? (offboarding ? 'Removing access…' : 'Granting…')}
            hint={
              progress?.done !== null && progress?.total !== null && progress !== null
                ? `${progress.done} of ${progress.total} writes answered. Writes in flight are not stopped half-way: they take seconds.`
                : 'Writes in flight are not stopped half-way: they take seconds.'
            }
          >
            <ProgressBar
              value={progress?.done ?? undefined}
              max={
                progress?.total !== null && progress?.total !== undefined && progress.total > 0
                  ? progress.total
                  : undefined
              }
              thickness="large"
              bar={{ className: styles.bar }}
            />
          </Field>
        )}
        {!running && done && (
          <MessageBar intent="success">
            <MessageBarBody>
              <MessageBarTitle>{offboarding ? 'Access removed' : 'Consent granted'}</MessageBarTitle>
              {offboarding
                ? `${count('applied')} removals applied, ${count('already-gone')} already gone. Verify reads the tenant back.`
                : consentPage && consent?.returnedAt
                  ? `The administrator accepted on Microsoft’s page at ${localTime(consent.returnedAt)}.`
                  : `${count('applied')} writes applied, ${count('already-present')} already present.`}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
      <StepProblems state={state} step="grant" busy={running} />
      <StepActions>
        {running && consentPage && <Button onClick={() => void session.cancelSignIn()}>Cancel</Button>}
        {!running && done && (
          <Button appearance="primary" onClick={() => void session.verify()}>
            Continue to verify
          </Button>
        )}
        {!running && !done && (
          <Button
            appearance="primary"
            disabled={state.pending !== null}
            onClick={() => void session.repair()}
          >
            Review the plan again
          </Button>
        )}
      </StepActions>
      {record.writes.length > 0 && <WritesTable writes={record.writes} running={running} />}
    </>
  );
};
