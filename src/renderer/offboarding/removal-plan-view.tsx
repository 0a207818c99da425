import {
  Badge,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Spinner,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { ReactElement } from 'react';
import {
  type HeldAccess,
  heldAccessId,
  isUnlisted,
  type RemovalPlan,
  removalWrites,
} from '../../shared/offboarding/removal-plan';
import { ENTERPRISE_APP_ACTION_LABELS } from '../../shared/report/report-labels';
import { TableHead } from '../app/table-head';
import { GuardBar } from '../checklist/guard-bar';
import { PlanActions } from '../checklist/plan-actions';
import type { StepProps } from '../checklist/step-props';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalM,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  table: { tableLayout: 'auto' },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
  muted: { color: tokens.colorNeutralForeground2 },
  nowrap: { whiteSpace: 'nowrap' },
});

/** What removing a plan takes away, in a sentence: "1 delegated grant, 22 application permissions, …". */
export const removalSummary = (plan: RemovalPlan): string => {
  const grants = plan.remove.filter((r) => r.kind === 'delegated-grant').length;
  const roles = plan.remove.length - grants;
  const app = plan.enterpriseApp?.displayName ?? plan.targetAppId;
  const parts = [
    grants > 0 ? `${grants} delegated grant${grants === 1 ? '' : 's'} to remove` : null,
    roles > 0 ? `${roles} application permission${roles === 1 ? '' : 's'} to remove` : null,
    plan.enterpriseAppChange === null
      ? null
      : `the enterprise application of ${app} to ${plan.enterpriseAppChange === 'delete' ? 'delete' : 'disable'}`,
  ].filter((p): p is string => p !== null);
  return parts.length === 0 ? 'nothing to remove' : parts.join(', ');
};

const permissionsOf = (item: HeldAccess): string =>
  item.kind === 'delegated-grant' ? item.scopes.join(' ') : (item.permission ?? item.appRoleId);

const whoOf = (item: HeldAccess): string =>
  item.kind === 'app-role-assignment'
    ? 'The app itself'
    : item.consentType === 'AllPrincipals'
      ? 'All users'
      : `One user (${item.principalId ?? 'unknown'})`;

/** One removal's row: what it is, on which resource, for whom, and whether the profile lists it. */
const RemovalRow = ({ item }: { readonly item: HeldAccess }): ReactElement => {
  const styles = useStyles();
  const unlisted = item.kind === 'delegated-grant' ? item.unlisted.length > 0 && !isUnlisted(item) : false;
  return (
    <TableRow data-removal={heldAccessId(item)} data-unlisted={isUnlisted(item)}>
      <TableCell>{item.kind === 'delegated-grant' ? 'Delegated grant' : 'Application permission'}</TableCell>
      <TableCell className={styles.code}>{permissionsOf(item)}</TableCell>
      <TableCell>{item.resource.displayName ?? item.resource.appId ?? item.resource.id}</TableCell>
      <TableCell className={styles.nowrap}>{whoOf(item)}</TableCell>
      <TableCell className={styles.nowrap}>
        {isUnlisted(item) ? (
          <Badge appearance="tint" color="warning">
            Not in the profile
          </Badge>
        ) : unlisted && item.kind === 'delegated-grant' ? (
          <Text>{`Listed, but for ${item.unlisted.join(' ')}`}</Text>
        ) : (
          <Text>Listed</Text>
        )}
      </TableCell>
    </TableRow>
  );
};

/**
 * Step 5 of an offboarding: everything the target app holds in the tenant, read from Microsoft Graph, whether the
 * profile lists it or not, and what becomes of its enterprise application. Nothing is removed until the technician
 * confirms "Remove access".
 */
export const RemovalPlanStep = ({
  session,
  state,
  onRequestRemoval,
}: StepProps & {
  /** Opens the confirmation; nothing is removed before the technician confirms there. */
  readonly onRequestRemoval: () => void;
}): ReactElement | null => {
  const styles = useStyles();
  const view = state.view;
  if (view === null) return null;
  const record = view.record;
  const plan = record.removalPlan;
  const reading = state.pending === 'plan';
  const organization = record.organization?.displayName ?? record.input.clientText;
  const writes = plan === null ? 0 : removalWrites(plan);
  const targetGuard = record.guards.find((g) => g.guard === 'target-app');
  const ready = plan !== null && state.planFresh && !reading;
  const unlisted = plan === null ? 0 : plan.remove.filter(isUnlisted).length;

  return (
    <>
      <div>
        {reading && (
          <Spinner
            size="small"
            labelPosition="after"
            label={state.progress?.message ?? 'Reading what the app holds in the tenant…'}
          />
        )}
      </div>
      {plan !== null && !reading && (
        <>
          <MessageBar intent={writes === 0 ? 'success' : 'info'} layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>
                {writes === 0 ? 'Nothing to remove' : `What removing access changes in ${organization}`}
              </MessageBarTitle>
              {writes === 0
                ? 'The app holds nothing in the tenant that this run would remove.'
                : `${removalSummary(plan)}. Nothing has been removed yet.`}
              {unlisted > 0 &&
                ` ${unlisted} of them ${unlisted === 1 ? 'is' : 'are'} not in the profile: offboarding removes all of the app’s access.`}
            </MessageBarBody>
          </MessageBar>
          {!state.planFresh && (
            <Text className={styles.muted}>
              {record.planConfirmedAt !== null
                ? 'This plan has been applied. Read the tenant again for what is still there.'
                : 'This plan was read before the latest sign-in. Read the tenant again before removing.'}
            </Text>
          )}
          {targetGuard !== undefined && <GuardBar guard={targetGuard} />}
          {plan.enterpriseApp !== null && (
            <section className={styles.section} aria-label="The app’s enterprise application">
              <Subtitle2 as="h3">The app’s enterprise application</Subtitle2>
              <Text>
                {plan.enterpriseApp.displayName ?? plan.enterpriseApp.appId}{' '}
                <span className={styles.code}>{plan.enterpriseApp.id}</span>
                {plan.enterpriseApp.accountEnabled ? ' (enabled)' : ' (disabled)'}
              </Text>
              <Text>
                {plan.enterpriseAppChange === null
                  ? 'It is disabled already and stays so.'
                  : `${ENTERPRISE_APP_ACTION_LABELS[plan.enterpriseAppChange]}${
                      plan.enterpriseAppChange === 'delete'
                        ? ', once every permission below is removed.'
                        : ', first, so nobody can sign in to it while its permissions are removed.'
                    }`}
              </Text>
            </section>
          )}
          {plan.remove.length > 0 && (
            <section className={styles.section} aria-label="Permissions to remove">
              <Subtitle2 as="h3">Permissions to remove ({plan.remove.length})</Subtitle2>
              <Table size="small" className={styles.table} aria-label="Permissions to remove">
                <TableHead columns={['Kind', 'Permissions', 'Resource', 'For', 'Profile']} />
                <TableBody>
                  {plan.remove.map((item) => (
                    <RemovalRow key={heldAccessId(item)} item={item} />
                  ))}
                </TableBody>
              </Table>
            </section>
          )}
        </>
      )}
      <PlanActions
        session={session}
        state={state}
        ready={ready}
        writes={writes}
        action="Remove access…"
        onRequest={onRequestRemoval}
      />
    </>
  );
};
