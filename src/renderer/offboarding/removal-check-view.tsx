import {
  Badge,
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  ProgressBar,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { ReactElement } from 'react';
import { countRemovalRows, type RemovalStatus } from '../../shared/offboarding/removal-check';
import type { RemovalCheckRecord } from '../../shared/onboarding/run-record';
import { PERMISSION_TYPE_LABELS } from '../../shared/report/report-labels';
import { ENTERPRISE_APP_STATUS_LABELS, REMOVAL_STATUS_LABELS } from '../../shared/report/report-removal';
import { TableHead } from '../app/table-head';
import { StepActions } from '../checklist/step-actions';
import { StepProblems } from '../checklist/step-problems';
import type { StepProps } from '../checklist/step-props';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  table: { tableLayout: 'auto' },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
});

const STATUS_COLORS: Readonly<Record<RemovalStatus, 'success' | 'danger' | 'informative'>> = {
  removed: 'success',
  'still-present': 'danger',
  'not-present': 'informative',
};

/** Every permission the app held or the profile lists, and what the read-back found. */
export const RemovalTable = ({ check }: { readonly check: RemovalCheckRecord }): ReactElement => {
  const styles = useStyles();
  return (
    <Table size="small" className={styles.table} aria-label="What the app holds now">
      <TableHead columns={['Resource', 'Type', 'Permission', 'Status', 'Profile']} />
      <TableBody>
        {check.rows.map((row) => (
          <TableRow
            key={`${row.resourceAppId ?? row.resourceName}|${row.type}|${row.name}`}
            data-permission={row.name}
            data-status={row.status}
          >
            <TableCell>{row.resourceName}</TableCell>
            <TableCell>{PERMISSION_TYPE_LABELS[row.type]}</TableCell>
            <TableCell className={styles.code}>{row.name}</TableCell>
            <TableCell>
              <Badge appearance="tint" color={STATUS_COLORS[row.status]}>
                {REMOVAL_STATUS_LABELS[row.status]}
              </Badge>
            </TableCell>
            <TableCell>{row.listed ? 'Listed' : 'Not in the profile'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/**
 * Step 7 of an offboarding: the tenant read back after the removals, one row per permission (removed, still
 * present, not present) and the enterprise application as chosen. Removals can take a minute or more to show in
 * Microsoft's reads, so the step reads again until they do.
 */
export const RemovalVerifyStep = ({ session, state }: StepProps): ReactElement | null => {
  const styles = useStyles();
  const view = state.view;
  if (view === null) return null;
  const check = view.record.removalCheck;
  const running = state.pending === 'verify';
  const target = view.record.input.profile.targetApp.displayName;
  const counts = check === null ? null : countRemovalRows(check.rows);
  return (
    <div className={styles.root}>
      <div>
        {running && (
          <Field
            label={state.progress?.message ?? 'Reading what the app holds…'}
            hint="Removals can take a minute or more to show in Microsoft’s reads; the check repeats until they do."
          >
            <ProgressBar thickness="large" />
          </Field>
        )}
        {!running && check !== null && counts !== null && (
          <MessageBar intent={check.complete ? 'success' : 'warning'} layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>
                {check.complete ? `Nothing of ${target}’s access is left` : `${target} still holds access`}
              </MessageBarTitle>
              {`${counts.removed} removed, ${counts['still-present']} still present, ${counts['not-present']} not present. Enterprise application: ${ENTERPRISE_APP_STATUS_LABELS[check.enterpriseApp].toLowerCase()}.`}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
      <StepProblems state={state} step="verify" busy={running} />
      <StepActions>
        {!running && check !== null && (
          <Button
            appearance={check.complete ? 'primary' : 'secondary'}
            onClick={() => session.goTo('report')}
          >
            Continue to report
          </Button>
        )}
        {!running && check !== null && !check.complete && view.signedIn && (
          <Button appearance="primary" onClick={() => void session.repair()}>
            Review the plan again
          </Button>
        )}
        {!running && (
          <Button disabled={state.pending !== null || !view.signedIn} onClick={() => void session.verify()}>
            Verify again
          </Button>
        )}
      </StepActions>
      {check !== null ? <RemovalTable check={check} /> : !running && <Text>Not verified yet.</Text>}
    </div>
  );
};
