import {
  Button,
  Field,
  Input,
  makeStyles,
  Radio,
  RadioGroup,
  Select,
  Text,
  tokens,
} from '@fluentui/react-components';
import { type FormEvent, type ReactElement, useState } from 'react';
import type { z } from 'zod';
import type { ProfileEntrySchema } from '../../shared/bridge/contract';
import type { EnterpriseAppAction } from '../../shared/offboarding/removal-plan';
import type { GrantStrategy } from '../../shared/onboarding/run-entry';
import { countPermissions, profileName } from '../../shared/profile/permission-profile';
import {
  ENTERPRISE_APP_ACTION_LABELS,
  RUN_KIND_LABELS,
  type RunKind,
  STRATEGY_LABELS,
} from '../../shared/report/report-labels';
import { useBridgeLoad } from '../bridge/use-bridge-load';
import { RefusalBar } from '../guidance/guidance-card';
import { refusalMessage } from '../run/run-session';
import { MovedAsideBar } from '../settings/moved-aside-bar';
import { FactList } from './fact-list';
import type { BridgeStepProps, StepProps } from './step-props';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '40rem' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

type ProfileEntry = z.infer<typeof ProfileEntrySchema>;

type ClientStepProps = BridgeStepProps & {
  /** Says whether what the technician typed as the client is valid, for the checklist's step state. */
  readonly onClientChecked: (valid: boolean) => void;
};

/** How a profile reads in the picker: its name, target app and how many permissions of each type. */
export const describeProfile = (entry: ProfileEntry): string => {
  const counts = countPermissions(entry.profile);
  return `${profileName(entry.profile)}${entry.builtIn ? ' (built-in)' : ''}: ${counts.delegated} delegated and ${counts.application} application permissions for ${entry.profile.targetApp.displayName}`;
};

/**
 * Step 1: who the client is (domain or tenant ID, checked by the main process), who the technician is
 * (remembered), the ticket, the permission profile and how consent is granted. Starting the run looks nothing up
 * yet; Preflight does.
 */
export const ClientStep = ({ bridge, session, state, onClientChecked }: ClientStepProps): ReactElement => {
  const view = state.view;
  if (view !== null) return <RunInputSummary session={session} state={state} />;
  return <ClientForm bridge={bridge} session={session} state={state} onClientChecked={onClientChecked} />;
};

const ClientForm = ({ bridge, session, state, onClientChecked }: ClientStepProps): ReactElement => {
  const styles = useStyles();
  const [clientText, setClientText] = useState('');
  const [clientError, setClientError] = useState<string | null>(null);
  const [clientNote, setClientNote] = useState<string | null>(null);
  const [technician, setTechnician] = useState('');
  const [technicianError, setTechnicianError] = useState<string | null>(null);
  const [ticket, setTicket] = useState('');
  const [profiles, setProfiles] = useState<readonly ProfileEntry[]>([]);
  const [movedAside, setMovedAside] = useState<readonly string[]>([]);
  const [profileId, setProfileId] = useState('');
  const [chosenStrategy, setChosenStrategy] = useState<GrantStrategy>('direct-grant');
  const [kind, setKind] = useState<RunKind>('onboard');
  const [enterpriseApp, setEnterpriseApp] = useState<EnterpriseAppAction>('disable');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);

  useBridgeLoad(
    () => Promise.all([bridge.settings.get({}), bridge.profiles.list({})]),
    ([settings, listing]) => {
      setTechnician((typed) => (typed === '' ? (settings.technicianName ?? '') : typed));
      setProfiles(listing.profiles);
      setMovedAside(listing.movedAside);
      const preferred =
        listing.profiles.find((p) => p.id === settings.defaultProfileId) ?? listing.profiles[0];
      setProfileId((chosen) => (chosen === '' ? (preferred?.id ?? '') : chosen));
    },
    (error) => setLoadError(refusalMessage(error)),
    [bridge],
  );

  const profile = profiles.find((p) => p.id === profileId);
  const consentPageOffered = profile?.profile.targetApp.adminConsentRedirectUri !== undefined;
  // A profile without an admin-consent redirect URI offers the direct grant only, whatever was chosen before.
  const strategy: GrantStrategy = consentPageOffered ? chosenStrategy : 'direct-grant';

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setChecking(true);
    try {
      const check = await bridge.client.check({ text: clientText });
      onClientChecked(check.valid);
      setClientError(check.valid ? null : check.message);
      setClientNote(check.valid ? (check.note ?? null) : null);
      const name = technician.trim();
      setTechnicianError(name === '' ? 'Enter your name: it goes into the report.' : null);
      if (!check.valid || name === '' || profile === undefined) return;
      await session.start({
        clientText,
        technician: name,
        ticket: ticket.trim() === '' ? null : ticket.trim(),
        profileId: profile.id,
        // An offboarding grants nothing: it writes through Microsoft Graph only.
        ...(kind === 'offboard' ? { strategy: 'direct-grant', offboard: { enterpriseApp } } : { strategy }),
      });
    } catch (error) {
      setLoadError(refusalMessage(error));
    } finally {
      setChecking(false);
    }
  };

  const busy = checking || state.pending !== null;
  return (
    <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate>
      <Field
        label="Client domain or tenant ID"
        hint="For example contoso.com, contoso.onmicrosoft.com or the tenant’s ID."
        required
        validationState={clientError !== null ? 'error' : clientNote !== null ? 'warning' : 'none'}
        validationMessage={clientError ?? clientNote ?? undefined}
      >
        <Input
          value={clientText}
          onChange={(_, data) => setClientText(data.value)}
          autoComplete="off"
          spellCheck={false}
        />
      </Field>
      <Field
        label="Your name"
        hint="Remembered on this computer; it goes into the report."
        required
        validationState={technicianError !== null ? 'error' : 'none'}
        validationMessage={technicianError ?? undefined}
      >
        <Input value={technician} onChange={(_, data) => setTechnician(data.value)} autoComplete="name" />
      </Field>
      <Field label="Ticket number" hint="Optional: your ticket or work order, shown in the report.">
        <Input value={ticket} onChange={(_, data) => setTicket(data.value)} autoComplete="off" />
      </Field>
      <Field label="Permission profile" hint="Which app gets which permissions. Manage profiles in Settings.">
        <Select value={profileId} onChange={(_, data) => setProfileId(data.value)}>
          {profiles.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {describeProfile(entry)}
            </option>
          ))}
        </Select>
      </Field>
      <MovedAsideBar movedAside={movedAside} title="Some saved profiles could not be read" />
      <Field
        label="What this run does"
        hint="Offboarding removes everything the profile’s app holds in the tenant, listed in the profile or not, and proves it is gone."
      >
        <RadioGroup value={kind} onChange={(_, data) => setKind(data.value as RunKind)}>
          <Radio value="onboard" label={RUN_KIND_LABELS.onboard} />
          <Radio value="offboard" label={RUN_KIND_LABELS.offboard} />
        </RadioGroup>
      </Field>
      {kind === 'offboard' ? (
        <Field
          label="The app’s enterprise application"
          hint="Once its permissions are removed. Disabling keeps it in the tenant, where an administrator can enable it again; deleting moves it to Microsoft Entra’s deleted items, restorable for 30 days."
        >
          <RadioGroup
            value={enterpriseApp}
            onChange={(_, data) => setEnterpriseApp(data.value as EnterpriseAppAction)}
          >
            <Radio value="disable" label={ENTERPRISE_APP_ACTION_LABELS.disable} />
            <Radio value="delete" label={ENTERPRISE_APP_ACTION_LABELS.delete} />
          </RadioGroup>
        </Field>
      ) : (
        <Field
          label="How consent is granted"
          hint={
            consentPageOffered
              ? 'The direct grant writes each permission through Microsoft Graph and journals every write. Microsoft’s admin-consent page lets the administrator accept everything on Microsoft’s own page.'
              : 'This profile names no admin-consent redirect URI, so only the direct grant is offered.'
          }
        >
          <RadioGroup value={strategy} onChange={(_, data) => setChosenStrategy(data.value as GrantStrategy)}>
            <Radio value="direct-grant" label={STRATEGY_LABELS['direct-grant']} />
            <Radio
              value="admin-consent-page"
              label={STRATEGY_LABELS['admin-consent-page']}
              disabled={!consentPageOffered}
            />
          </RadioGroup>
        </Field>
      )}
      {loadError !== null && <RefusalBar message={loadError} />}
      {state.refusals.client !== undefined && <RefusalBar message={state.refusals.client} />}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy || profile === undefined}>
          {busy ? 'Starting…' : kind === 'offboard' ? 'Start offboarding' : 'Start onboarding'}
        </Button>
      </div>
    </form>
  );
};

/** The Client step once a run exists: what was entered, and how to leave this run. */
const RunInputSummary = ({ session, state }: StepProps): ReactElement | null => {
  const styles = useStyles();
  const view = state.view;
  if (view === null) return null;
  const input = view.record.input;
  const open = view.live;
  const reverifying = view.record.ended;
  return (
    <div className={styles.form}>
      <FactList
        facts={[
          ['Client', input.clientText],
          ['Technician', input.technician],
          ['Ticket', input.ticket ?? 'none'],
          ['Permission profile', `${profileName(input.profile)} (${input.profile.targetApp.appId})`],
          input.offboard === undefined
            ? ['How consent is granted', STRATEGY_LABELS[input.strategy]]
            : [
                'The app’s enterprise application',
                ENTERPRISE_APP_ACTION_LABELS[input.offboard.enterpriseApp],
              ],
          [
            'Mode',
            state.mode === 'reverify'
              ? 'Verifying a finished run again'
              : input.offboard === undefined
                ? 'Onboarding'
                : 'Offboarding',
          ],
        ]}
      />
      <Text>
        {!open
          ? 'This run has ended. Start a new run for the next client.'
          : reverifying
            ? 'To stop verifying, finish: the administrator is signed out, the sign-in session wiped, and the run keeps the outcome of its latest verification.'
            : 'To onboard another client, or to correct what was entered, cancel this run and start over. The administrator is signed out and the sign-in session wiped; the run stays in the history.'}
      </Text>
      {state.refusals.client !== undefined && <RefusalBar message={state.refusals.client} />}
      <div className={styles.actions}>
        {open ? (
          <Button onClick={() => void session.cancelRun()} disabled={state.pending === 'cancel'}>
            {reverifying ? 'Finish and start over' : 'Cancel this run and start over'}
          </Button>
        ) : (
          <Button appearance="primary" onClick={() => session.reset()}>
            Start a new run
          </Button>
        )}
      </div>
    </div>
  );
};
