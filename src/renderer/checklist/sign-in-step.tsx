import { Button, Text } from '@fluentui/react-components';
import type { ReactElement } from 'react';
import { AnnouncedText } from '../announce/announced-text';
import { PracticeAccounts } from '../practice/practice-accounts';
import { sessionPromise, signInPlace } from './sign-in-promises';
import { StepActions } from './step-actions';
import { StepProblems } from './step-problems';
import type { BridgeStepProps } from './step-props';
import { WaitingPanel } from './waiting-panel';

/**
 * Step 3: the client's administrator signs in, in a window of its own with its own session (or the system
 * browser). While Microsoft's pages are open the step waits, and Cancel stops the wait.
 */
export const SignInStep = ({ bridge, session, state }: BridgeStepProps): ReactElement | null => {
  const view = state.view;
  if (view === null) return null;
  const input = view.record.input;
  const where = signInPlace(input.browser);
  const waiting = state.pending === 'sign-in';
  const account = view.signedIn ? view.record.account : null;
  return (
    <>
      <Text>
        The client’s Global Administrator or Privileged Role Administrator signs in to{' '}
        <strong>{input.clientText}</strong> in {where}. {sessionPromise(input.browser)}
      </Text>
      <div>
        {waiting && (
          <WaitingPanel label={state.progress?.message ?? 'Waiting for the administrator to sign in…'}>
            Complete Microsoft’s pages in {where}. If the administrator is not ready, cancel and sign in
            later.
          </WaitingPanel>
        )}
        {!waiting && account !== null && account !== undefined && (
          <AnnouncedText weight="semibold">{`Signed in as ${account.userPrincipalName}.`}</AnnouncedText>
        )}
      </div>
      <StepProblems state={state} step="sign-in" busy={waiting} />
      <StepActions>
        {waiting ? (
          <Button onClick={() => void session.cancelSignIn()}>Cancel sign-in</Button>
        ) : account !== null && account !== undefined ? (
          <>
            <Button appearance="primary" onClick={() => session.continueSignedIn()}>
              Continue to confirm identity
            </Button>
            <Button onClick={() => void session.signIn('select_account')}>
              Sign in with another account
            </Button>
          </>
        ) : (
          <Button
            appearance="primary"
            disabled={state.pending !== null}
            onClick={() => void session.signIn('select_account')}
          >
            {state.problems['sign-in'] !== undefined ? 'Sign in again' : 'Sign in'}
          </Button>
        )}
      </StepActions>
      {view.record.practice && <PracticeAccounts bridge={bridge} client={input.clientText} />}
    </>
  );
};
