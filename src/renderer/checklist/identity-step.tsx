import { Badge, Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactElement } from 'react';
import { identityPassed } from '../run/run-session';
import { FactList } from './fact-list';
import { GuardBar } from './guard-bar';
import { StepActions } from './step-actions';
import { StepProblems } from './step-problems';
import type { StepProps } from './step-props';

const useStyles = makeStyles({
  inline: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  plain: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '4px' },
});

/**
 * Step 4: who signed in, to which organization, with which roles. A wrong tenant or a missing (or only
 * PIM-eligible) role blocks here, before anything is read for the plan or written.
 */
export const IdentityStep = ({ session, state }: StepProps): ReactElement | null => {
  const styles = useStyles();
  const view = state.view;
  if (view === null) return null;
  const record = view.record;
  const organization = record.organization;
  const passed = identityPassed(view);
  const blocked = record.guards.some((g) => g.guard !== 'target-app' && !g.passed);
  const next = state.mode === 'reverify' ? 'Continue to verify' : 'Continue to review plan';
  return (
    <>
      {blocked && (
        <Text weight="semibold">
          This sign-in cannot be used for the client: nothing was written. Follow what to do below, then sign
          in again.
        </Text>
      )}
      <FactList
        facts={[
          ['Organization', organization?.displayName ?? 'not read'],
          ['Tenant ID', organization?.id ?? record.account?.tenantId ?? 'not read'],
          [
            'Verified domains',
            organization === null ? (
              'not read'
            ) : (
              <ul key="domains" className={styles.plain}>
                {organization.verifiedDomains.map((d) => (
                  <li key={d.name} className={styles.inline}>
                    {d.name}
                    {d.isDefault && <Badge appearance="outline">default</Badge>}
                    {d.isInitial && <Badge appearance="outline">initial</Badge>}
                  </li>
                ))}
              </ul>
            ),
          ],
          [
            'Signed in as',
            record.account === null
              ? 'nobody'
              : `${record.account.displayName ?? ''}${record.account.displayName === null ? '' : ' · '}${record.account.userPrincipalName}`,
          ],
          [
            'Roles',
            record.roles.length === 0 ? (
              'no administrator role'
            ) : (
              <ul key="roles" className={styles.plain}>
                {record.roles.map((role) => (
                  <li key={`${role.roleTemplateId}-${role.state}`} className={styles.inline}>
                    {role.displayName}
                    <Badge appearance="tint" color={role.state === 'active' ? 'success' : 'warning'}>
                      {role.state === 'active' ? 'active' : 'eligible (PIM), not active'}
                    </Badge>
                  </li>
                ))}
              </ul>
            ),
          ],
        ]}
      />
      {record.guards
        .filter((guard) => guard.guard !== 'target-app')
        .map((guard) => (
          <GuardBar key={guard.guard} guard={guard} />
        ))}
      <StepProblems state={state} step="identity" />
      <StepActions>
        {passed && (
          <Button appearance="primary" onClick={() => void session.continueAfterIdentity()}>
            {next}
          </Button>
        )}
        <Button
          appearance={passed ? 'secondary' : 'primary'}
          disabled={state.pending !== null}
          onClick={() => void session.signIn('login')}
        >
          Sign in again
        </Button>
      </StepActions>
    </>
  );
};
