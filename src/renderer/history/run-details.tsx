import {
  Badge,
  Button,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Spinner,
  Text,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { ArrowLeft20Regular } from '@fluentui/react-icons';
import { type ReactElement, useEffect, useRef, useState } from 'react';
import type { BridgeApi, RunSummary, RunView } from '../../shared/bridge/contract';
import { notGrantableCount } from '../../shared/onboarding/run-status';
import { profileName } from '../../shared/profile/permission-profile';
import { ENTERPRISE_APP_ACTION_LABELS, STRATEGY_LABELS } from '../../shared/report/report-labels';
import { localDateTime } from '../app/local-time';
import { TitledSection } from '../app/titled-section';
import { useBridgeLoad } from '../bridge/use-bridge-load';
import { FactList } from '../checklist/fact-list';
import { GuardBar } from '../checklist/guard-bar';
import { WritesTable } from '../consent/writes-table';
import { GuidanceCard } from '../guidance/guidance-card';
import { RemovalTable } from '../offboarding/removal-check-view';
import { ReportExport } from '../report/report-export';
import { notGrantableNote, OUTCOME_COLORS, OUTCOME_LABELS, runStateKey } from '../run/outcome-labels';
import { type RunMode, refusalMessage } from '../run/run-session';
import { VerificationTable } from '../verification/verification-table';
import { canResume, canReverify } from './run-actions';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  top: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  heading: {
    ...typographyStyles.title2,
    margin: 0,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

const when = (iso: string | null): string => (iso === null ? '—' : localDateTime(iso));

/** One past run, read-only: what was entered, who signed in, the writes, the verification and the report. */
export const RunDetails = ({
  bridge,
  runId,
  summary,
  onBack,
  onResume,
}: {
  readonly bridge: BridgeApi;
  readonly runId: string;
  readonly summary: RunSummary | null;
  readonly onBack: () => void;
  readonly onResume: (runId: string, mode: RunMode) => Promise<void>;
}): ReactElement => {
  const styles = useStyles();
  const [view, setView] = useState<RunView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useBridgeLoad(
    () => bridge.runs.get({ runId }),
    setView,
    (failure) => setError(refusalMessage(failure)),
    [bridge, runId],
  );
  useEffect(() => heading.current?.focus(), []);

  const record = view?.record;
  const name = record?.organization?.displayName ?? record?.input.clientText ?? summary?.client ?? 'Run';
  return (
    <div className={styles.root}>
      <div className={styles.top}>
        <Button icon={<ArrowLeft20Regular />} onClick={onBack}>
          Back to the run history
        </Button>
      </div>
      <div className={styles.top}>
        <h2 ref={heading} tabIndex={-1} className={styles.heading}>
          {name}
        </h2>
        {view !== null && (
          <Badge appearance="tint" color={OUTCOME_COLORS[view.outcome]}>
            {OUTCOME_LABELS[view.outcome]}
          </Badge>
        )}
        {view?.record.verification != null && notGrantableCount(view.record.verification) > 0 && (
          <Text>{notGrantableNote(notGrantableCount(view.record.verification))}</Text>
        )}
      </div>
      {error !== null && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {view === null || record === undefined ? (
        error === null && <Spinner size="small" label="Reading the run…" />
      ) : (
        <>
          <FactList
            facts={[
              ['Client as entered', record.input.clientText],
              ['Organization', record.organization?.displayName ?? 'not read'],
              ['Tenant ID', record.discovery?.tenantId ?? 'not found'],
              ['Technician', record.input.technician],
              ['Ticket', record.input.ticket ?? 'none'],
              ['Signed in as', record.account?.userPrincipalName ?? 'nobody'],
              ['Permission profile', profileName(record.input.profile)],
              record.input.offboard === undefined
                ? ['How consent is granted', STRATEGY_LABELS[record.input.strategy]]
                : [
                    'Offboarding: the app’s enterprise application',
                    ENTERPRISE_APP_ACTION_LABELS[record.input.offboard.enterpriseApp],
                  ],
              ['Started', when(record.startedAt)],
              ['Ended', when(record.endedAt)],
              ['Practice run', record.practice ? 'yes: the practice tenant, not a client’s' : 'no'],
            ]}
          />
          <div className={styles.actions}>
            {summary !== null && canResume(summary) && (
              <Button appearance="primary" onClick={() => void onResume(runId, 'onboard')}>
                Resume this run
              </Button>
            )}
            {summary !== null && canReverify(summary) && (
              <Button onClick={() => void onResume(runId, 'reverify')}>Verify again</Button>
            )}
          </div>
          <TitledSection className={styles.section} title="Report">
            <ReportExport bridge={bridge} runId={runId} runState={runStateKey(view)} />
          </TitledSection>
          {record.guards.some((g) => !g.passed) && (
            <section className={styles.section}>
              {record.guards
                .filter((g) => !g.passed)
                .map((g) => (
                  <GuardBar key={g.guard} guard={g} />
                ))}
            </section>
          )}
          {record.verification !== null && (
            <TitledSection className={styles.section} title="Verification">
              <VerificationTable verification={record.verification} />
            </TitledSection>
          )}
          {record.removalCheck !== null && (
            <TitledSection className={styles.section} title="What the app holds now">
              <RemovalTable check={record.removalCheck} />
            </TitledSection>
          )}
          {record.writes.length > 0 && (
            <TitledSection className={styles.section} title={<>Writes ({record.writes.length})</>}>
              <WritesTable writes={record.writes} running={false} />
            </TitledSection>
          )}
          {record.problems.length > 0 && (
            <TitledSection
              className={styles.section}
              title={<>Problems on the way ({record.problems.length})</>}
            >
              {record.problems.map((problem) => (
                <GuidanceCard key={`${problem.at}-${problem.step}`} guidance={problem.guidance} />
              ))}
            </TitledSection>
          )}
        </>
      )}
    </div>
  );
};
