import {
  Badge,
  Field,
  makeStyles,
  mergeClasses,
  Radio,
  RadioGroup,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { memo, type ReactElement, useId, useState } from 'react';
import type { VerificationRecord } from '../../shared/onboarding/run-record';
import type { PermissionStatus } from '../../shared/onboarding/verification';
import { PERMISSION_TYPE_LABELS, STATUS_LABELS, STATUS_ORDER } from '../../shared/report/report-labels';
import { localDateTime } from '../app/local-time';
import { TableHead } from '../app/table-head';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  counts: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
  },
  table: { tableLayout: 'auto' },
  evidence: { display: 'block', color: tokens.colorNeutralForeground2 },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
  muted: { color: tokens.colorNeutralForeground2 },
});

const STATUS_COLORS: Readonly<
  Record<PermissionStatus, 'success' | 'danger' | 'warning' | 'informative' | 'important'>
> = {
  granted: 'success',
  missing: 'danger',
  'not-offered': 'informative',
  'user-consent-only': 'warning',
  'app-disabled': 'warning',
};

/** A permission status as a coloured badge with its label. */
export const StatusBadge = ({ status }: { readonly status: PermissionStatus }): ReactElement => (
  <Badge appearance="tint" color={STATUS_COLORS[status]}>
    {STATUS_LABELS[status]}
  </Badge>
);

type Filter = 'all' | PermissionStatus;

/**
 * One verified permission's row; it renders again only when its own row changed: the record folded from the run's
 * changes keeps the rows it did not replace (run-view.ts).
 */
const VerificationRowView = memo(
  ({ row }: { readonly row: VerificationRecord['rows'][number] }) => {
    const styles = useStyles();
    return (
      <TableRow data-permission={row.name} data-status={row.status}>
        <TableCell>{row.resourceName}</TableCell>
        <TableCell>{PERMISSION_TYPE_LABELS[row.type]}</TableCell>
        <TableCell className={styles.code}>{row.name}</TableCell>
        <TableCell>
          <StatusBadge status={row.status} />
        </TableCell>
        <TableCell>
          {row.evidence.note}
          {row.evidence.objectId !== null && (
            <span className={mergeClasses(styles.code, styles.evidence)}>
              {row.evidence.kind} {row.evidence.objectId}
            </span>
          )}
        </TableCell>
      </TableRow>
    );
  },
  (before, after) => before.row === after.row,
);

/**
 * The per-permission verification table: resource, type, name, status and the evidence read back from the
 * tenant, with counts by status and a filter by status.
 */
export const VerificationTable = ({
  verification,
}: {
  readonly verification: VerificationRecord;
}): ReactElement => {
  const styles = useStyles();
  const [filter, setFilter] = useState<Filter>('all');
  const extrasId = useId();
  const rows = filter === 'all' ? verification.rows : verification.rows.filter((r) => r.status === filter);
  const countOf = (status: PermissionStatus): number => verification.counts[status] ?? 0;
  return (
    <div className={styles.root}>
      <ul className={styles.counts} aria-label="Permissions by status">
        {STATUS_ORDER.map((status) => (
          <li key={status} data-status={status} data-count={countOf(status)}>
            <Badge
              appearance={countOf(status) > 0 ? 'filled' : 'outline'}
              color={STATUS_COLORS[status]}
              size="large"
            >
              {STATUS_LABELS[status]}: {countOf(status)}
            </Badge>
          </li>
        ))}
      </ul>
      <Field label="Show">
        <RadioGroup
          layout="horizontal"
          value={filter}
          onChange={(_, data) => setFilter(data.value as Filter)}
        >
          <Radio value="all" label={`All (${verification.rows.length})`} />
          {STATUS_ORDER.filter((s) => countOf(s) > 0).map((status) => (
            <Radio key={status} value={status} label={`${STATUS_LABELS[status]} (${countOf(status)})`} />
          ))}
        </RadioGroup>
      </Field>
      <div>
        <Table size="small" className={styles.table} aria-label="Permissions verified in the tenant">
          <TableHead columns={['Resource', 'Type', 'Permission', 'Status', 'Evidence']} />
          <TableBody>
            {rows.map((row) => (
              <VerificationRowView key={`${row.resourceAppId}-${row.type}-${row.name}`} row={row} />
            ))}
          </TableBody>
        </Table>
      </div>
      {verification.extras.length > 0 && (
        <section aria-labelledby={extrasId}>
          <Subtitle2 as="h3" id={extrasId}>
            Also held, not in the profile ({verification.extras.length})
          </Subtitle2>
          <ul>
            {verification.extras.map((extra) => (
              <li key={`${extra.resourceAppId}-${extra.type}-${extra.name}`}>
                <span className={styles.code}>{extra.name}</span> (
                {PERMISSION_TYPE_LABELS[extra.type].toLowerCase()}, {extra.resourceName})
              </li>
            ))}
          </ul>
        </section>
      )}
      <Text size={200} className={styles.muted}>
        Read back from the tenant at {localDateTime(verification.at)} (check {verification.attempt}).
      </Text>
    </div>
  );
};
