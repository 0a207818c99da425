import { makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import type { ReactElement, ReactNode } from 'react';

const useStyles = makeStyles({
  waiting: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
});

/** A step waiting on the administrator in Microsoft's pages: a spinner with what it waits for, and what to do. */
export const WaitingPanel = ({
  label,
  children,
}: {
  /** What the step waits for (the latest progress message, when there is one). */
  readonly label: string;
  /** What the technician can do meanwhile. */
  readonly children: ReactNode;
}): ReactElement => {
  const styles = useStyles();
  return (
    <div className={styles.waiting}>
      <Spinner size="small" labelPosition="after" label={label} />
      <Text>{children}</Text>
    </div>
  );
};
