import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Text,
} from '@fluentui/react-components';
import type { ReactElement } from 'react';
import { enableEnterpriseAppSteps } from '../../shared/guidance/enable-enterprise-app';
import type { VerificationRecord } from '../../shared/onboarding/run-record';
import { PERMISSION_TYPE_LABELS } from '../../shared/report/report-labels';
import { VerificationTable } from '../verification/verification-table';
import { StepActions } from './step-actions';
import { StepProblems } from './step-problems';
import type { StepProps } from './step-props';

const verdictTitle = (complete: boolean, missing: number): string =>
  complete
    ? 'Every permission is granted'
    : missing === 0
      ? 'Every permission that can be granted is granted'
      : 'Not every permission is granted';

const verdictText = (verification: VerificationRecord, missing: number): string => {
  const total = verification.rows.length;
  const granted = verification.counts.granted ?? 0;
  if (verification.complete) return `All ${total} permissions of the profile are granted in the tenant.`;
  const notGrantable = verification.rows.filter((r) => r.status === 'not-offered');
  // Neutral: nothing done in this tenant changes them; the profile's owner can request them as published.
  const unoffered =
    notGrantable.length === 0
      ? ''
      : ` The profile also lists ${notGrantable.length === 1 ? 'an entry' : `${notGrantable.length} entries`} nobody can grant: ${notGrantable
          .map((r) => `${r.name} (${PERMISSION_TYPE_LABELS[r.type].toLowerCase()}): ${r.evidence.note}`)
          .join(' ')}${missing === 0 ? ' The run is complete for everything that can be granted.' : ''}`;
  const repairable = repairableCount(verification);
  const repair =
    repairable === 0
      ? ''
      : ` ${repairable} still missing: Repair reads the tenant again and grants what is missing.`;
  return `${granted} of ${total} permissions are granted.${repair}${unoffered}`;
};

/** Permissions a write of this tool can still give: missing, or consented by single users only. */
const repairableCount = (verification: VerificationRecord): number =>
  (verification.counts.missing ?? 0) + (verification.counts['user-consent-only'] ?? 0);

/**
 * Step 7: every permission of the profile read back from the tenant. Microsoft Entra ID can take a minute or
 * more to show new grants to reads (replication delay), so the step polls with a progress indicator until what
 * was granted shows, and offers Repair for what a write can still give. A disabled enterprise application is not
 * repaired by writing: the step says where the client's administrator enables it, and offers Verify again.
 * https://learn.microsoft.com/graph/best-practices-concept#handling-expected-errors
 */
export const VerifyStep = ({ session, state }: StepProps): ReactElement | null => {
  const view = state.view;
  if (view === null) return null;
  const verification = view.record.verification;
  const running = state.pending === 'verify';
  const target = view.record.input.profile.targetApp.displayName;
  const disabled = verification?.counts['app-disabled'] ?? 0;
  const missing =
    verification === null
      ? 0
      : verification.rows.filter((r) => r.status !== 'granted' && r.status !== 'not-offered').length;
  return (
    <>
      <div>
        {running && (
          <Field
            label={state.progress?.message ?? 'Reading the tenant’s permissions…'}
            hint="New grants can take a minute or more to show in Microsoft’s reads; the check repeats until they do."
          >
            <ProgressBar thickness="large" />
          </Field>
        )}
        {!running && verification !== null && (
          <MessageBar intent={missing === 0 ? 'success' : 'warning'} layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{verdictTitle(verification.complete, missing)}</MessageBarTitle>
              {verdictText(verification, missing)}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
      {!running && disabled > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{`${target} is disabled in this tenant`}</MessageBarTitle>
            {`Its enterprise application is disabled, so Microsoft issues no token for the ${disabled} permission${disabled === 1 ? '' : 's'} granted to it, and no write of this tool can change that. `}
            <ol aria-label={`How to enable ${target}`}>
              {enableEnterpriseAppSteps(target).map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ol>
          </MessageBarBody>
        </MessageBar>
      )}
      <StepProblems state={state} step="verify" busy={running} />
      <StepActions>
        {!running && verification !== null && (
          <Button appearance={missing === 0 ? 'primary' : 'secondary'} onClick={() => session.goTo('report')}>
            Continue to report
          </Button>
        )}
        {!running && verification !== null && repairableCount(verification) > 0 && view.signedIn && (
          <Button appearance="primary" onClick={() => void session.repair()}>
            Repair
          </Button>
        )}
        {!running && (
          <Button disabled={state.pending !== null || !view.signedIn} onClick={() => void session.verify()}>
            Verify again
          </Button>
        )}
      </StepActions>
      {verification !== null ? (
        <VerificationTable verification={verification} />
      ) : (
        !running && <Text>Not verified yet.</Text>
      )}
    </>
  );
};
