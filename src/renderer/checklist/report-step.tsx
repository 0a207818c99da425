import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import { SignOut20Regular } from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import { countRemovalRows } from '../../shared/offboarding/removal-check';
import { notGrantableCount } from '../../shared/onboarding/run-status';
import { STRATEGY_LABELS } from '../../shared/report/report-labels';
import { ENTERPRISE_APP_STATUS_LABELS } from '../../shared/report/report-removal';
import { TitledSection } from '../app/titled-section';
import { RefusalBar } from '../guidance/guidance-card';
import { ReportExport } from '../report/report-export';
import { notGrantableNote, OUTCOME_LABELS, runStateKey } from '../run/outcome-labels';
import { identityPassed } from '../run/run-session';
import { FactList } from './fact-list';
import { finishLeaves } from './sign-in-promises';
import { StepActions } from './step-actions';
import type { BridgeStepProps } from './step-props';
import { OwnAccessChoice, OwnAccessResult, useOwnAccessChoice } from './tool-access';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/**
 * Step 8: the report in every format, "Copy summary", then Finish, which ends the run, signs the administrator
 * out and wipes the sign-in session.
 */
export const ReportStep = ({ bridge, session, state }: BridgeStepProps): ReactElement | null => {
  const styles = useStyles();
  const ownAccess = useOwnAccessChoice(bridge, state);
  const view = state.view;
  if (view === null) return null;
  const record = view.record;
  const verification = record.verification;
  const removalCheck = record.removalCheck;
  // A finished run taken up again (re-verify) is live until it is finished again: Finish signs that sign-in out.
  const ended = record.ended && !view.live;
  const finishing = state.pending === 'finish';
  const notGrantable = verification === null ? 0 : notGrantableCount(verification);
  return (
    <>
      <FactList
        facts={[
          ['Client', record.organization?.displayName ?? record.input.clientText],
          ['Tenant ID', record.discovery?.tenantId ?? 'not found'],
          ['Signed in as', record.account?.userPrincipalName ?? 'nobody'],
          ...(removalCheck !== null || record.input.offboard !== undefined
            ? ([
                [
                  'Permissions removed',
                  removalCheck === null
                    ? 'not verified'
                    : `${countRemovalRows(removalCheck.rows).removed}, ${countRemovalRows(removalCheck.rows)['still-present']} still present`,
                ],
                [
                  'Enterprise application',
                  removalCheck === null
                    ? 'not verified'
                    : ENTERPRISE_APP_STATUS_LABELS[removalCheck.enterpriseApp],
                ],
              ] as const)
            : ([
                ['How consent was granted', STRATEGY_LABELS[record.input.strategy]],
                [
                  'Permissions granted',
                  verification === null
                    ? 'not verified'
                    : `${verification.counts.granted ?? 0} of ${verification.rows.length}`,
                ],
              ] as const)),
          [
            'Outcome',
            `${ended ? OUTCOME_LABELS[view.outcome] : 'not finished yet'}${
              notGrantable > 0 ? ` (${notGrantableNote(notGrantable).toLowerCase()})` : ''
            }`,
          ],
        ]}
      />
      <TitledSection className={styles.section} title="Export the report">
        <Text>
          The report lists every permission with its evidence (or, for an offboarding, what was removed),
          every write and who signed in. It works offline, and every format carries the same SHA-256 digest of
          the report: computing it again shows whether a copy was changed since it was made
          (docs/report-schema.md has the recipe). A digest detects change, not tampering: whoever changes a
          report can compute a new digest for it.
        </Text>
        <ReportExport bridge={bridge} runId={record.runId} runState={runStateKey(view)} />
      </TitledSection>
      {state.refusals.report !== undefined && <RefusalBar message={state.refusals.report} />}
      {ended ? (
        <>
          <MessageBar intent={view.outcome === 'verified' ? 'success' : 'warning'} layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Run finished: {OUTCOME_LABELS[view.outcome]}</MessageBarTitle>
              {notGrantable > 0 && `${notGrantableNote(notGrantable)}. `}
              The administrator was signed out and the sign-in session wiped. The report now records the end
              of the run: export it (again, if you exported before Finish) so the saved report is the final
              one. The run stays in the history, where its report can be exported again and the tenant
              verified again later.
            </MessageBarBody>
          </MessageBar>
          {record.ownAccess !== null && <OwnAccessResult ownAccess={record.ownAccess} />}
          <StepActions>
            <Button appearance="primary" onClick={() => session.reset()}>
              Start a new run
            </Button>
          </StepActions>
        </>
      ) : (
        <>
          <Text>
            Finish when the report is saved: the tool first removes its own access to the tenant as chosen
            below (its last writes, shown in the report), then the administrator is signed out and the tool’s
            tokens and its sign-in window’s session are wiped from this computer
            {finishLeaves(view.record.input.browser)}.
          </Text>
          {identityPassed(view) && ownAccess !== null && (
            <OwnAccessChoice
              value={ownAccess}
              onChange={(next) => session.chooseOwnAccess(next)}
              disabled={state.pending !== null}
            />
          )}
          <StepActions>
            <Button
              appearance="primary"
              icon={<SignOut20Regular />}
              disabled={state.pending !== null || (identityPassed(view) && ownAccess === null)}
              onClick={() => void session.finish()}
            >
              {finishing ? 'Finishing…' : 'Finish and sign out'}
            </Button>
          </StepActions>
        </>
      )}
    </>
  );
};
