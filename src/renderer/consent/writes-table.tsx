import {
  Badge,
  Caption1,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { memo, type ReactElement } from 'react';
import { describeWrite } from '../../shared/onboarding/describe-write';
import type { WriteRecord } from '../../shared/onboarding/run-record';
import { TableHead } from '../app/table-head';

const useStyles = makeStyles({
  // Request IDs break at their hyphens only.
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  note: { display: 'block', color: tokens.colorNeutralForeground2 },
  outcome: { minWidth: '7rem' },
  table: { tableLayout: 'auto' },
});

const OutcomeBadge = ({
  write,
  running,
}: {
  readonly write: WriteRecord;
  readonly running: boolean;
}): ReactElement => {
  const styles = useStyles();
  switch (write.outcome) {
    case 'applied':
      return (
        <Badge appearance="tint" color="success">
          Applied
        </Badge>
      );
    case 'already-present':
      return (
        <Badge appearance="tint" color="informative">
          Already present
        </Badge>
      );
    case 'already-gone':
      return (
        <Badge appearance="tint" color="informative">
          Already gone
        </Badge>
      );
    case 'failed':
      return (
        <Badge appearance="tint" color="danger">
          Failed
        </Badge>
      );
    case null:
      return running ? (
        <>
          <Badge appearance="tint" color="brand">
            Sent
          </Badge>
          <Caption1 className={styles.note}>Waiting for Microsoft’s answer.</Caption1>
        </>
      ) : (
        <>
          <Badge appearance="tint" color="warning">
            No answer
          </Badge>
          <Caption1 className={styles.note}>May or may not have reached the tenant.</Caption1>
        </>
      );
  }
};

/**
 * One write's row. The run's record changes several times a second while it grants; folding a change replaces only
 * the writes it answered (run-view.ts), so a row renders again only when its own write changed.
 */
const WriteRow = memo(
  ({
    write,
    number,
    running,
  }: {
    readonly write: WriteRecord;
    readonly number: number;
    readonly running: boolean;
  }) => {
    const styles = useStyles();
    return (
      <TableRow data-write={write.writeId} data-outcome={write.outcome ?? 'none'}>
        <TableCell>{number}</TableCell>
        <TableCell>{describeWrite(write.intent).change}</TableCell>
        <TableCell className={styles.outcome}>
          <OutcomeBadge write={write} running={running} />
        </TableCell>
        <TableCell>{write.httpStatus ?? '—'}</TableCell>
        <TableCell className={styles.code}>{write.requestId ?? '—'}</TableCell>
      </TableRow>
    );
  },
  (before, after) =>
    before.number === after.number && before.running === after.running && before.write === after.write,
);

/** The writes of a run, each with its outcome, HTTP status and Graph's request ID (for Microsoft support). */
export const WritesTable = ({
  writes,
  running,
}: {
  readonly writes: readonly WriteRecord[];
  /** Writes without an answer are still in flight (rather than lost with a dropped connection). */
  readonly running: boolean;
}): ReactElement => {
  const styles = useStyles();
  return (
    <div>
      <Table size="small" className={styles.table} aria-label="Writes to the tenant">
        <TableHead columns={['#', 'Change', 'Outcome', 'HTTP', 'Request ID']} />
        <TableBody>
          {writes.map((write, index) => (
            <WriteRow key={write.writeId} write={write} number={index + 1} running={running} />
          ))}
        </TableBody>
      </Table>
    </div>
  );
};
