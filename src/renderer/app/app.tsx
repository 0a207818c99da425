import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  mergeClasses,
  Text,
  Title2,
  tokens,
} from '@fluentui/react-components';
import { ClipboardTaskListLtr20Regular, History20Regular, Settings20Regular } from '@fluentui/react-icons';
import { type ReactElement, useCallback, useEffect, useState } from 'react';
import type { AppInfo, BridgeApi } from '../../shared/bridge/contract';
import { ChecklistPage } from '../checklist/checklist-page';
import { RunHistory } from '../history/run-history';
import { PracticeBadge } from '../practice/practice-badge';
import { createRunSession, type RunMode } from '../run/run-session';
import { SettingsPage } from '../settings/settings-page';
import { PageBoundary, type PageId } from './page-boundary';

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
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  pages: { marginLeft: 'auto', display: 'flex', gap: tokens.spacingHorizontalXS },
  notices: { display: 'flex', flexDirection: 'column' },
  page: { borderBottom: `${tokens.strokeWidthThicker} solid transparent`, borderRadius: 0 },
  currentPage: {
    borderBottomColor: tokens.colorCompoundBrandStroke,
    fontWeight: tokens.fontWeightSemibold,
  },
  main: { flexGrow: 1, padding: tokens.spacingHorizontalXL },
});

const PAGES: readonly { readonly id: PageId; readonly label: string; readonly icon: ReactElement }[] = [
  { id: 'checklist', label: 'Checklist', icon: <ClipboardTaskListLtr20Regular /> },
  { id: 'history', label: 'Run history', icon: <History20Regular /> },
  { id: 'settings', label: 'Settings', icon: <Settings20Regular /> },
];

/** The app window: header with the pages, the practice-mode banner, and the page shown. */
export const App = ({
  bridge,
  onConnectionLost,
}: {
  readonly bridge: BridgeApi;
  /** Registers a listener for the bridge closing (the preview's socket); absent where it cannot close. */
  readonly onConnectionLost?: (listener: () => void) => void;
}): ReactElement => {
  const styles = useStyles();
  const [info, setInfo] = useState<AppInfo | undefined>();
  const [infoFailed, setInfoFailed] = useState<string | null>(null);
  const [page, setPage] = useState<PageId>('checklist');
  const [session] = useState(() => createRunSession(bridge));
  const [lost, setLost] = useState(false);

  const loadInfo = useCallback(() => {
    void bridge.app.info({}).then(
      (loaded) => {
        setInfo(loaded);
        setInfoFailed(null);
      },
      (error: unknown) => setInfoFailed(error instanceof Error ? error.message : String(error)),
    );
  }, [bridge]);
  useEffect(loadInfo, [loadInfo]);
  useEffect(() => session.connect(), [session]);
  useEffect(() => onConnectionLost?.(() => setLost(true)), [onConnectionLost]);

  const resume = async (runId: string, mode: RunMode): Promise<string | null> => {
    const refused = await session.resume(runId, mode);
    if (refused === null) setPage('checklist');
    return refused;
  };

  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <Title2 as="h1">Pia Onboarding</Title2>
        {info?.mode === 'practice' && <PracticeBadge />}
        {info && <Text size={200}>Version {info.version}</Text>}
        <nav className={styles.pages} aria-label="Pages">
          {PAGES.map(({ id, label, icon }) => (
            <Button
              key={id}
              appearance="subtle"
              icon={icon}
              className={mergeClasses(styles.page, id === page && styles.currentPage)}
              aria-current={id === page ? 'page' : undefined}
              onClick={() => setPage(id)}
            >
              {label}
            </Button>
          ))}
        </nav>
      </header>
      {(lost || infoFailed !== null || info?.mode === 'practice') && (
        // The app-wide notices are a landmark of their own, so that a screen reader's landmark list reaches them
        // and nothing on the page sits outside a landmark.
        <section className={styles.notices} aria-label="Notices">
          {lost && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Connection to the app lost</MessageBarTitle>
                Reload the page to reconnect. A run that was open can be resumed from the run history.
              </MessageBarBody>
            </MessageBar>
          )}
          {infoFailed !== null && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>The app did not say whether practice mode is on</MessageBarTitle>
                {`Until it does, do not assume either: the Sign in step of a run lists the practice tenant’s accounts only when the run goes to the practice tenant. ${infoFailed}`}
              </MessageBarBody>
              <MessageBarActions>
                <Button onClick={loadInfo}>Ask again</Button>
              </MessageBarActions>
            </MessageBar>
          )}
          {info?.mode === 'practice' && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Practice mode</MessageBarTitle>
                Nothing here touches a real client: only the built-in practice tenant can be onboarded. Its
                accounts and password are shown on the Sign in step. Configure your sign-in app in Settings to
                onboard real clients.
              </MessageBarBody>
            </MessageBar>
          )}
        </section>
      )}
      <main className={styles.main}>
        <PageBoundary page={page} bridge={bridge} onOpen={setPage}>
          {page === 'checklist' && <ChecklistPage bridge={bridge} session={session} />}
          {page === 'history' && <RunHistory bridge={bridge} onResume={resume} />}
          {page === 'settings' && <SettingsPage bridge={bridge} onChanged={loadInfo} />}
        </PageBoundary>
      </main>
    </div>
  );
};
