import {
  Caption1,
  makeStyles,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { type ReactElement, useId, useState } from 'react';
import type { z } from 'zod';
import type { BridgeApi, PracticeAccountHintSchema } from '../../shared/bridge/contract';
import { TableHead } from '../app/table-head';
import { useBridgeLoad } from '../bridge/use-bridge-load';

const useStyles = makeStyles({
  box: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    border: `1px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  code: { fontFamily: tokens.fontFamilyMonospace },
});

type PracticeAccount = z.infer<typeof PracticeAccountHintSchema>;

/**
 * The practice tenant's accounts and their password, as hints for a newcomer walking the procedure. Shown only in
 * practice mode; the main process answers with no accounts outside it.
 */
export const PracticeAccounts = ({
  bridge,
  client,
}: {
  readonly bridge: BridgeApi;
  /** The client the run is for: its accounts are listed first. */
  readonly client: string;
}): ReactElement | null => {
  const styles = useStyles();
  const [accounts, setAccounts] = useState<readonly PracticeAccount[]>([]);
  const headingId = useId();
  useBridgeLoad(
    () => bridge.practice.accounts({}),
    setAccounts,
    () => undefined,
    [bridge],
  );
  if (accounts.length === 0) return null;

  const domain = client.toLowerCase();
  const ours = (a: PracticeAccount): boolean => a.upn.toLowerCase().endsWith(`@${domain}`);
  const sorted = [...accounts.filter(ours), ...accounts.filter((a) => !ours(a))];
  const passwords = [...new Set(accounts.map((a) => a.password))];
  return (
    <section className={styles.box} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId}>
        Practice accounts
      </Subtitle2>
      <Text>
        {passwords.length === 1 ? (
          <>
            Every practice account’s password is <span className={styles.code}>{passwords[0]}</span>. Try the
            others too: each rehearses a situation you will meet on-site.
          </>
        ) : (
          'Each practice account has its own password, listed below.'
        )}
      </Text>
      <Table size="small" aria-labelledby={headingId}>
        <TableHead
          columns={['Account', 'Tenant', 'What it rehearses', ...(passwords.length > 1 ? ['Password'] : [])]}
        />
        <TableBody>
          {sorted.map((account) => (
            <TableRow key={account.upn}>
              <TableCell className={styles.code}>{account.upn}</TableCell>
              <TableCell>{account.tenant}</TableCell>
              <TableCell>{account.description}</TableCell>
              {passwords.length > 1 && <TableCell className={styles.code}>{account.password}</TableCell>}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Caption1>These accounts exist only in the practice tenant on this computer.</Caption1>
    </section>
  );
};
