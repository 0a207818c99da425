import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import {
  ArrowDownload20Regular,
  ArrowUpload20Regular,
  Delete20Regular,
  Eye20Regular,
} from '@fluentui/react-icons';
import { type ChangeEvent, type ReactElement, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { z } from 'zod';
import type { BridgeApi, ProfileEntrySchema } from '../../shared/bridge/contract';
import { formatProfileImportIssue, type ProfileImportIssue } from '../../shared/profile/import-profile';
import { countPermissions, profileName } from '../../shared/profile/permission-profile';
import { TableHead } from '../app/table-head';
import { base64Bytes, downloadFile } from '../report/download';
import { refusalMessage } from '../run/run-session';
import { MovedAsideBar } from './moved-aside-bar';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  text: { fontFamily: tokens.fontFamilyMonospace, minHeight: '10rem' },
  issues: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  names: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, columns: '2 16rem' },
  fileInput: { display: 'none' },
});

type ProfileEntry = z.infer<typeof ProfileEntrySchema>;

type ImportStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saved'; readonly message: string }
  | { readonly kind: 'invalid'; readonly issues: readonly ProfileImportIssue[] }
  | { readonly kind: 'exists'; readonly existingId: string }
  | { readonly kind: 'failed'; readonly message: string };

/** One profile's permissions, read-only, in a dialog. */
const ProfileView = ({ entry }: { readonly entry: ProfileEntry }): ReactElement => {
  const styles = useStyles();
  const name = profileName(entry.profile);
  return (
    <Dialog>
      <DialogTrigger disableButtonEnhancement>
        <Button size="small" icon={<Eye20Regular />} aria-label={`View ${name}`}>
          View
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{name}</DialogTitle>
          <DialogContent>
            <Text>
              For {entry.profile.targetApp.displayName} (
              <span className={styles.code}>{entry.profile.targetApp.appId}</span>)
              {entry.profile.targetApp.adminConsentRedirectUri !== undefined &&
                `, admin-consent redirect ${entry.profile.targetApp.adminConsentRedirectUri}`}
              .
            </Text>
            {entry.profile.permissions.map((resource) => (
              <div key={resource.resourceAppId}>
                <Subtitle2 as="h3">{resource.resourceDisplayName}</Subtitle2>
                {(['delegated', 'application'] as const).map((type) =>
                  resource[type] === undefined ? null : (
                    <div key={type}>
                      <Text weight="semibold">
                        {type === 'delegated' ? 'Delegated' : 'Application'} ({resource[type]?.length ?? 0})
                      </Text>
                      <ul className={styles.names}>
                        {(resource[type] ?? []).map((p) => (
                          <li key={p.name}>
                            <span className={styles.code}>{p.name}</span>
                            {p.description === undefined ? '' : `: ${p.description}`}
                          </li>
                        ))}
                      </ul>
                    </div>
                  ),
                )}
              </div>
            ))}
          </DialogContent>
          <DialogActions>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="primary">Close</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
};

/**
 * Permission profiles: the built-in one and those imported, each to view, export or remove; import by pasting
 * the text or choosing a file, with every problem named by field, line and column.
 */
export const ProfilesSection = ({ bridge }: { readonly bridge: BridgeApi }): ReactElement => {
  const styles = useStyles();
  const [profiles, setProfiles] = useState<readonly ProfileEntry[]>([]);
  const [movedAside, setMovedAside] = useState<readonly string[]>([]);
  const [text, setText] = useState('');
  const [status, setStatus] = useState<ImportStatus>({ kind: 'idle' });
  const [message, setMessage] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const headingId = useId();

  const load = useCallback(async () => {
    try {
      const listing = await bridge.profiles.list({});
      setProfiles(listing.profiles);
      setMovedAside(listing.movedAside);
    } catch (error) {
      setMessage(refusalMessage(error));
    }
  }, [bridge]);
  useEffect(() => {
    void load();
  }, [load]);

  const importText = async (replace: boolean): Promise<void> => {
    try {
      const result = await bridge.profiles.import({ text, replace });
      switch (result.kind) {
        case 'saved':
          setStatus({
            kind: 'saved',
            message: `${result.replaced ? 'Replaced' : 'Imported'} ${profileName(result.profile.profile)}.`,
          });
          setText('');
          await load();
          return;
        case 'invalid':
          setStatus({ kind: 'invalid', issues: result.issues });
          return;
        case 'exists':
          setStatus({ kind: 'exists', existingId: result.existingId });
          return;
      }
    } catch (error) {
      setStatus({ kind: 'failed', message: refusalMessage(error) });
    }
  };

  const chooseFile = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    setText(await file.text());
    setStatus({ kind: 'idle' });
  };

  const exportProfile = async (entry: ProfileEntry): Promise<void> => {
    try {
      const exported = await bridge.profiles.export({ id: entry.id });
      switch (exported.kind) {
        case 'download':
          downloadFile(exported.fileName, exported.mimeType, base64Bytes(exported.base64));
          setMessage(`${exported.fileName} downloaded.`);
          break;
        case 'saved':
          setMessage(`Saved to ${exported.path}.`);
          break;
        case 'cancelled':
          setMessage('Export cancelled: nothing was saved.');
          break;
      }
    } catch (error) {
      setMessage(refusalMessage(error));
    }
  };

  const remove = async (entry: ProfileEntry): Promise<void> => {
    try {
      const { removed } = await bridge.profiles.remove({ id: entry.id });
      setMessage(removed ? `Removed ${profileName(entry.profile)}.` : 'That profile was already gone.');
      await load();
    } catch (error) {
      setMessage(refusalMessage(error));
    }
  };

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId}>
        Permission profiles
      </Subtitle2>
      <div>
        <Table size="small" aria-labelledby={headingId}>
          <TableHead columns={['Profile', 'Target app', 'Permissions', 'Actions']} />
          <TableBody>
            {profiles.map((entry) => {
              const counts = countPermissions(entry.profile);
              const name = profileName(entry.profile);
              return (
                <TableRow key={entry.id} data-profile={entry.id}>
                  <TableCell>
                    {name} {entry.builtIn && <Badge appearance="outline">built-in</Badge>}
                  </TableCell>
                  <TableCell>
                    {entry.profile.targetApp.displayName}{' '}
                    <span className={styles.code}>{entry.profile.targetApp.appId}</span>
                  </TableCell>
                  <TableCell>
                    {counts.delegated} delegated, {counts.application} application
                  </TableCell>
                  <TableCell>
                    <div className={styles.row}>
                      <ProfileView entry={entry} />
                      <Button
                        size="small"
                        icon={<ArrowDownload20Regular />}
                        aria-label={`Export ${name}`}
                        onClick={() => void exportProfile(entry)}
                      >
                        Export
                      </Button>
                      {!entry.builtIn && (
                        <Button
                          size="small"
                          icon={<Delete20Regular />}
                          aria-label={`Remove ${name}`}
                          onClick={() => void remove(entry)}
                        >
                          Remove
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
      <MovedAsideBar
        movedAside={movedAside}
        title="Some saved profiles could not be read and were moved aside"
      />
      <div aria-live="polite">{message !== null && <Text>{message}</Text>}</div>
      <Field
        label="Import a profile"
        hint="Paste the profile’s JSON here, or choose its file. The format is described in docs/profiles.md."
      >
        <Textarea
          className={styles.text}
          value={text}
          onChange={(_, data) => setText(data.value)}
          resize="vertical"
          spellCheck={false}
        />
      </Field>
      <div className={styles.row}>
        <Button appearance="primary" disabled={text.trim() === ''} onClick={() => void importText(false)}>
          Import
        </Button>
        <Button icon={<ArrowUpload20Regular />} onClick={() => fileInput.current?.click()}>
          Choose a file…
        </Button>
        <input
          ref={fileInput}
          className={styles.fileInput}
          type="file"
          accept=".json,application/json"
          aria-label="Profile file"
          tabIndex={-1}
          onChange={(event) => void chooseFile(event)}
        />
      </div>
      <div aria-live="polite">
        {status.kind === 'saved' && (
          <MessageBar intent="success">
            <MessageBarBody>{status.message}</MessageBarBody>
          </MessageBar>
        )}
        {status.kind === 'invalid' && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>The profile was not imported</MessageBarTitle>
              Nothing was saved. Correct these and import again:
              <ul className={styles.issues} aria-label="Problems in the profile">
                {status.issues.map((issue) => (
                  <li key={`${issue.line}:${issue.column}:${issue.path}:${issue.message}`}>
                    {formatProfileImportIssue(issue)}
                  </li>
                ))}
              </ul>
            </MessageBarBody>
          </MessageBar>
        )}
        {status.kind === 'exists' && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>A profile for this app exists</MessageBarTitle>
              The profile {status.existingId} is for the same app. Replace it with the pasted one?
            </MessageBarBody>
            <MessageBarActions>
              <Button onClick={() => void importText(true)}>Replace it</Button>
              <Button onClick={() => setStatus({ kind: 'idle' })}>Keep the saved one</Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {status.kind === 'failed' && (
          <MessageBar intent="error">
            <MessageBarBody>{status.message}</MessageBarBody>
          </MessageBar>
        )}
      </div>
    </section>
  );
};
