import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactElement, ReactNode } from 'react';

const useStyles = makeStyles({
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
});

/** The row of buttons at the end of a step, the one that moves on first. */
export const StepActions = ({ children }: { readonly children: ReactNode }): ReactElement => {
  const styles = useStyles();
  return <div className={styles.actions}>{children}</div>;
};
