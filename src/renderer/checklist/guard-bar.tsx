import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactElement } from 'react';
import type { GuardResult } from '../../shared/onboarding/run-entry';

const useStyles = makeStyles({
  todo: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalXL },
});

const GUARD_TITLES: Readonly<Record<GuardResult['guard'], string>> = {
  tenant: 'Tenant',
  role: 'Administrator role',
  'target-app': 'Target app',
};

/** One guard's verdict: a passed line, or the block with what to do. */
export const GuardBar = ({ guard }: { readonly guard: GuardResult }): ReactElement => {
  const styles = useStyles();
  return (
    <MessageBar intent={guard.passed ? 'success' : 'error'} layout="multiline" data-guard={guard.guard}>
      <MessageBarBody>
        <MessageBarTitle>
          {GUARD_TITLES[guard.guard]}: {guard.passed ? 'confirmed' : 'blocked'}
        </MessageBarTitle>
        {guard.message}
        {guard.whatToDo.length > 0 && (
          <ol className={styles.todo} aria-label={`What to do: ${GUARD_TITLES[guard.guard]}`}>
            {guard.whatToDo.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ol>
        )}
      </MessageBarBody>
    </MessageBar>
  );
};
