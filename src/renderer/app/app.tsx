import {
  Badge,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Text,
  Title2,
  tokens,
} from '@fluentui/react-components';
import { type ReactElement, useEffect, useState } from 'react';
import type { AppInfo, BridgeApi } from '../../shared/bridge/contract';
import { STEP_IDS, STEP_TITLES, type StepId, type StepState } from '../../shared/checklist/steps';
import type { ClientIdentifierCheck } from '../../shared/tenant/client-identifier';
import { ChecklistNav } from '../checklist/checklist-nav';
import { ClientStep } from '../checklist/client-step';

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  body: {
    display: 'flex',
    flexGrow: 1,
    gap: tokens.spacingHorizontalXL,
    padding: tokens.spacingHorizontalXL,
  },
  aside: { width: '15rem', flexShrink: 0 },
  main: {
    flexGrow: 1,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
  },
});

const initialStates = (): Record<StepId, StepState> =>
  Object.fromEntries(STEP_IDS.map((id) => [id, 'not-started'])) as Record<StepId, StepState>;

/** The app window: header, practice-mode banner, the checklist and the current step. */
export const App = ({ bridge }: { readonly bridge: BridgeApi }): ReactElement => {
  const styles = useStyles();
  const [info, setInfo] = useState<AppInfo | undefined>();
  const [current] = useState<StepId>('client');
  const [states, setStates] = useState(initialStates);

  useEffect(() => {
    void bridge.app.info({}).then(setInfo);
  }, [bridge]);

  const onChecked = (check: ClientIdentifierCheck): void =>
    setStates((previous) => ({ ...previous, client: check.valid ? 'done' : 'needs-attention' }));

  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <Title2 as="h1">Pia Onboarding</Title2>
        {info?.mode === 'practice' && (
          <Badge appearance="filled" color="warning">
            Practice tenant
          </Badge>
        )}
        {info && <Text size={200}>Version {info.version}</Text>}
      </header>
      {info?.mode === 'practice' && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Practice mode</MessageBarTitle>
            Nothing here touches a real client. No sign-in app is configured, so only the built-in practice
            tenant can be onboarded.
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.body}>
        <aside className={styles.aside}>
          <ChecklistNav current={current} states={states} />
        </aside>
        <main className={styles.main} aria-labelledby="step-title">
          <Title2 as="h2" id="step-title">
            {STEP_TITLES[current]}
          </Title2>
          <ClientStep bridge={bridge} onChecked={onChecked} />
        </main>
      </div>
    </div>
  );
};
