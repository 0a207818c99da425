import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Radio,
  RadioGroup,
  Switch,
  Text,
  Title2,
  tokens,
} from '@fluentui/react-components';
import { type ReactElement, useState } from 'react';
import type { BridgeApi } from '../../shared/bridge/contract';
import { MICROSOFT_CLOUDS } from '../../shared/cloud/cloud';
import {
  SIGN_IN_APP_CLOUD_NAMES,
  SIGN_IN_APP_CLOUDS,
  type SignInAppCloud,
} from '../../shared/cloud/sign-in-app';
import { isGuid } from '../../shared/guid';
import {
  effectivePracticeMode,
  hasSignInApp,
  ownAccessDefaults,
  type Settings,
} from '../../shared/settings/settings';
import { pageSurface } from '../app/page-surface';
import { TitledSection } from '../app/titled-section';
import { useBridgeLoad } from '../bridge/use-bridge-load';
import { refusalMessage } from '../run/run-session';
import { ProfilesSection } from './profiles-section';

const useStyles = makeStyles({
  root: { ...pageSurface, gap: tokens.spacingVerticalXL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '48rem' },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'end', flexWrap: 'wrap' },
  grow: { flexGrow: 1, minWidth: '20rem' },
  code: { fontFamily: tokens.fontFamilyMonospace },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

const NO_CLIENT_IDS: Readonly<Record<SignInAppCloud, string>> = {
  global: '',
  'us-government': '',
  china: '',
};

const CLIENT_ID_HINTS: Readonly<Record<SignInAppCloud, string>> = {
  global:
    'The application (client) ID from the registration’s overview page (portal.azure.com). Leave every field empty for practice mode only.',
  'us-government':
    'From a registration in your MSP’s US Government tenant (portal.azure.us). Empty: GCC High and DoD clients stop at preflight.',
  china:
    'From a registration in your MSP’s tenant operated by 21Vianet (portal.azure.cn). Empty: China clients stop at preflight.',
};

/** The client IDs as the fields show them: empty where none is configured. */
const typedOf = (settings: Settings): Readonly<Record<SignInAppCloud, string>> => ({
  global: settings.signInClientIds.global ?? '',
  'us-government': settings.signInClientIds['us-government'] ?? '',
  china: settings.signInClientIds.china ?? '',
});

/**
 * Settings: the MSP's sign-in app (without which only the practice tenant can be onboarded), practice mode, the
 * sign-in browser, the clouds, and the permission profiles.
 */
export const SettingsPage = ({
  bridge,
  onChanged,
}: {
  readonly bridge: BridgeApi;
  /** Settings that change the app's mode were saved: the header and banner read it again. */
  readonly onChanged: () => void;
}): ReactElement => {
  const styles = useStyles();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [clientIds, setClientIds] = useState<Readonly<Record<SignInAppCloud, string>>>(NO_CLIENT_IDS);
  const [clientIdErrors, setClientIdErrors] = useState<Readonly<Partial<Record<SignInAppCloud, string>>>>({});
  const [message, setMessage] = useState<{ readonly ok: boolean; readonly text: string } | null>(null);

  useBridgeLoad(
    () => bridge.settings.get({}),
    (loaded) => {
      setSettings(loaded);
      setClientIds(typedOf(loaded));
    },
    (error) => setMessage({ ok: false, text: refusalMessage(error) }),
    [bridge],
  );

  const update = async (
    patch: Parameters<BridgeApi['settings']['update']>[0],
    saved: string,
  ): Promise<void> => {
    try {
      const next = await bridge.settings.update(patch);
      setSettings(next);
      setMessage({ ok: true, text: saved });
      onChanged();
    } catch (error) {
      setMessage({ ok: false, text: refusalMessage(error) });
    }
  };

  const saveClientIds = async (): Promise<void> => {
    const errors: Partial<Record<SignInAppCloud, string>> = {};
    const patch: Partial<Record<SignInAppCloud, string | null>> = {};
    for (const cloud of SIGN_IN_APP_CLOUDS) {
      const typed = clientIds[cloud].trim();
      if (typed !== '' && !isGuid(typed)) {
        errors[cloud] =
          'Enter the application (client) ID as a GUID, such as 00000000-0000-0000-0000-000000000000.';
      }
      patch[cloud] = typed === '' ? null : typed.toLowerCase();
    }
    setClientIdErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const none = SIGN_IN_APP_CLOUDS.every((cloud) => patch[cloud] === null);
    await update(
      { signInClientIds: patch },
      none ? 'Sign-in app client IDs removed: practice mode only.' : 'Sign-in app client IDs saved.',
    );
  };

  const practice = settings !== null && effectivePracticeMode(settings);
  return (
    <div className={styles.root}>
      <Title2 as="h2">Settings</Title2>
      <div>
        {message !== null && (
          <MessageBar intent={message.ok ? 'success' : 'error'}>
            <MessageBarBody>{message.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>

      <TitledSection className={styles.section} title="Sign-in app">
        <Text>
          Real clients are signed in through your MSP’s own registration of the sign-in app: a multi-tenant
          public client in your MSP’s tenant. Microsoft needs a registration in each cloud your clients use: a
          client in US Government or China cannot sign in with the Global one. How to register it is described
          in <span className={styles.code}>docs/sign-in-app.md</span> in the Pia Onboarding source.
        </Text>
        {SIGN_IN_APP_CLOUDS.map((cloud) => (
          <Field
            key={cloud}
            className={styles.grow}
            label={`Sign-in app client ID: ${SIGN_IN_APP_CLOUD_NAMES[cloud]}`}
            hint={CLIENT_ID_HINTS[cloud]}
            validationState={clientIdErrors[cloud] === undefined ? 'none' : 'error'}
            validationMessage={clientIdErrors[cloud]}
          >
            <Input
              value={clientIds[cloud]}
              onChange={(_, data) => setClientIds((ids) => ({ ...ids, [cloud]: data.value }))}
              spellCheck={false}
              autoComplete="off"
              className={styles.code}
            />
          </Field>
        ))}
        <div className={styles.row}>
          <Button onClick={() => void saveClientIds()} disabled={settings === null}>
            Save client IDs
          </Button>
        </div>
      </TitledSection>

      <TitledSection className={styles.section} title="Practice mode">
        <Switch
          label="Onboard the built-in practice tenant instead of real clients"
          // The mode that applies: on, and locked on, until a sign-in app is configured.
          checked={settings === null || practice}
          disabled={settings === null || !hasSignInApp(settings)}
          onChange={(_, data) =>
            void update(
              { practiceMode: data.checked },
              data.checked ? 'Practice mode on.' : 'Practice mode off.',
            )
          }
        />
        <Text>
          {settings === null
            ? ''
            : practice
              ? !hasSignInApp(settings)
                ? 'Practice mode is on, and stays on until a sign-in app client ID is saved above.'
                : 'Practice mode is on: runs go to the practice tenant on this computer.'
              : 'Practice mode is off: runs go to real clients through your sign-in app.'}
        </Text>
      </TitledSection>

      <TitledSection className={styles.section} title="Sign-in browser">
        <Field
          label="Where Microsoft’s sign-in pages open"
          hint="Microsoft’s admin-consent page always opens in the in-app window, which can see where it returns to."
        >
          <RadioGroup
            value={settings?.browser ?? 'in-app'}
            disabled={settings === null}
            onChange={(_, data) =>
              void update({ browser: data.value as Settings['browser'] }, 'Sign-in browser saved.')
            }
          >
            <Radio value="in-app" label="In-app window with a session of its own (recommended)" />
            <Radio value="system" label="Your default browser" />
          </RadioGroup>
        </Field>
      </TitledSection>

      <TitledSection className={styles.section} title="The tool’s own access at Finish">
        <Text>
          When a client’s administrator first signs in, Microsoft adds this tool to the client’s tenant as an
          enterprise application and records a delegated grant of its five scopes, which include writing
          applications and permission grants. Removing that grant at Finish leaves the client’s tenant without
          a third party holding directory-write access; the next sign-in there asks an administrator to
          consent again. The Report step can change this for one run.
        </Text>
        <Switch
          label="Remove the tool’s delegated grants at Finish (recommended)"
          checked={settings?.removeOwnAccessAtFinish ?? true}
          disabled={settings === null}
          onChange={(_, data) =>
            void update(
              { removeOwnAccessAtFinish: data.checked },
              data.checked ? 'Finish removes the tool’s own grants.' : 'Finish keeps the tool’s own grants.',
            )
          }
        />
        <Switch
          label="Also delete the tool’s enterprise application at Finish"
          checked={settings !== null && ownAccessDefaults(settings).deleteEnterpriseApp}
          disabled={settings === null || !settings.removeOwnAccessAtFinish}
          onChange={(_, data) =>
            void update(
              { deleteOwnEnterpriseAppAtFinish: data.checked },
              data.checked
                ? 'Finish deletes the tool’s enterprise application too.'
                : 'Finish keeps the tool’s enterprise application.',
            )
          }
        />
        <Text>
          Without grants, the enterprise application holds no access. Deleting it as well removes every trace
          from the client’s list of enterprise applications; Microsoft keeps it in deleted items for 30 days.
        </Text>
      </TitledSection>

      <TitledSection className={styles.section} title="Clouds">
        <Text>
          Nothing to choose: the client’s cloud is found from its domain or tenant ID before anyone signs in,
          and the run signs in and writes there only. Supported:
        </Text>
        <ul className={styles.list}>
          {MICROSOFT_CLOUDS.map((cloud) => (
            <li key={cloud.id}>
              {cloud.displayName} <span className={styles.code}>({new URL(cloud.authorityOrigin).host})</span>
            </li>
          ))}
        </ul>
      </TitledSection>

      <ProfilesSection bridge={bridge} />

      <TitledSection className={styles.section} title="Logs">
        <div className={styles.row}>
          <Button
            onClick={() =>
              void bridge.logs
                .openFolder({})
                .then(({ opened }) =>
                  setMessage(
                    opened
                      ? { ok: true, text: 'The logs folder is open.' }
                      : { ok: false, text: 'The logs folder can be opened from the desktop app only.' },
                  ),
                )
                .catch((error: unknown) => setMessage({ ok: false, text: refusalMessage(error) }))
            }
          >
            Open the logs folder
          </Button>
        </div>
      </TitledSection>
    </div>
  );
};
