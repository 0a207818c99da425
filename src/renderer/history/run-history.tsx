import {
  Badge,
  Button,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Text,
  Title2,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwise20Regular } from '@fluentui/react-icons';
import { type ReactElement, useCallback, useEffect, useRef, useState } from 'react';
import type { BridgeApi, RunSummary } from '../../shared/bridge/contract';
import { STRATEGY_LABELS } from '../../shared/report/report-labels';
import { localDateTime } from '../app/local-time';
import { pageSurface } from '../app/page-surface';
import { TableHead } from '../app/table-head';
import { PracticeBadge } from '../practice/practice-badge';
import { notGrantableNote, OUTCOME_COLORS, OUTCOME_LABELS } from '../run/outcome-labels';
import { type RunMode, refusalMessage } from '../run/run-session';
import { canResume, canReverify } from './run-actions';
import { RunDetails } from './run-details';

const useStyles = makeStyles({
  root: { ...pageSurface, gap: tokens.spacingVerticalL },
  top: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/**
 * Run history: every run on this computer, newest first, with its client, date and result. Open one to read it
 * and export its report again; resume an interrupted one; verify a finished one's tenant again.
 */
export const RunHistory = ({
  bridge,
  onResume,
}: {
  readonly bridge: BridgeApi;
  /** Takes the run up in the checklist; resolves with why it could not, or null. */
  readonly onResume: (runId: string, mode: RunMode) => Promise<string | null>;
}): ReactElement => {
  const styles = useStyles();
  const [runs, setRuns] = useState<readonly RunSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  // Back from a run's details, focus returns to the Open button the technician left from.
  const [returnFocusTo, setReturnFocusTo] = useState<string | null>(null);
  const openButtons = useRef(new Map<string, HTMLElement>());

  const load = useCallback(async () => {
    setError(null);
    try {
      setRuns(await bridge.runs.list({}));
    } catch (failure) {
      setError(refusalMessage(failure));
    }
  }, [bridge]);
  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (open !== null || returnFocusTo === null || runs === null) return;
    openButtons.current.get(returnFocusTo)?.focus();
    setReturnFocusTo(null);
  }, [open, returnFocusTo, runs]);

  const resume = async (runId: string, mode: RunMode): Promise<void> => {
    const refused = await onResume(runId, mode);
    if (refused !== null) setError(refused);
  };

  if (open !== null) {
    return (
      <div className={styles.root}>
        <RunDetails
          bridge={bridge}
          runId={open}
          summary={runs?.find((r) => r.runId === open) ?? null}
          onBack={() => {
            setReturnFocusTo(open);
            setOpen(null);
            void load();
          }}
          onResume={resume}
        />
        {error !== null && (
          <MessageBar intent="error">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
      </div>
    );
  }

  return (
    <div className={styles.root}>
      <div className={styles.top}>
        <Title2 as="h2">Run history</Title2>
        <Button icon={<ArrowClockwise20Regular />} onClick={() => void load()}>
          Refresh
        </Button>
      </div>
      {error !== null && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {runs === null ? (
        <Spinner size="small" label="Reading the run history…" />
      ) : runs.length === 0 ? (
        <Text>No runs yet. Runs appear here as soon as they start.</Text>
      ) : (
        <div>
          <Table aria-label="Runs on this computer">
            <TableHead columns={['Client', 'Started', 'Result', 'Permissions', 'How', 'Actions']} />
            <TableBody>
              {runs.map((run) => {
                const name = run.organization ?? run.client;
                return (
                  <TableRow key={run.runId} data-run={run.runId} data-outcome={run.outcome}>
                    <TableCell>
                      {name}
                      {run.organization !== null && run.organization !== run.client && ` (${run.client})`}
                      {run.practice && (
                        <>
                          {' '}
                          <PracticeBadge />
                        </>
                      )}
                    </TableCell>
                    <TableCell>{localDateTime(run.startedAt)}</TableCell>
                    <TableCell>
                      <Badge appearance="tint" color={OUTCOME_COLORS[run.outcome]}>
                        {OUTCOME_LABELS[run.outcome]}
                      </Badge>
                      {(run.notGrantable ?? 0) > 0 && (
                        <Text block size={200}>
                          {notGrantableNote(run.notGrantable ?? 0)}
                        </Text>
                      )}
                    </TableCell>
                    <TableCell>
                      {run.total === null
                        ? '—'
                        : run.offboard === null
                          ? `${run.granted ?? 0} of ${run.total} granted`
                          : `${run.removed ?? 0} removed, ${run.left ?? 0} left`}
                    </TableCell>
                    <TableCell>
                      {run.offboard === null
                        ? STRATEGY_LABELS[run.strategy]
                        : `Offboarding: ${run.offboard.enterpriseApp} the enterprise application`}
                    </TableCell>
                    <TableCell>
                      <div className={styles.actions}>
                        <Button
                          size="small"
                          aria-label={`Open the run for ${name}`}
                          ref={(button) => {
                            if (button === null) openButtons.current.delete(run.runId);
                            else openButtons.current.set(run.runId, button);
                          }}
                          onClick={() => setOpen(run.runId)}
                        >
                          Open
                        </Button>
                        {canResume(run) && (
                          <Button
                            size="small"
                            appearance="primary"
                            aria-label={`Resume the run for ${name}`}
                            onClick={() => void resume(run.runId, 'onboard')}
                          >
                            Resume
                          </Button>
                        )}
                        {canReverify(run) && (
                          <Button
                            size="small"
                            aria-label={`Verify again: ${name}`}
                            onClick={() => void resume(run.runId, 'reverify')}
                          >
                            Verify again
                          </Button>
                        )}
                      </div>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
    </div>
  );
};
