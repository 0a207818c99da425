import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  makeStyles,
  Subtitle2,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Eye20Regular } from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import type { z } from 'zod';
import type { ProfileEntrySchema } from '../../shared/bridge/contract';
import { profileName } from '../../shared/profile/permission-profile';

/** A saved or built-in profile as the main process lists it. */
export type ProfileEntry = z.infer<typeof ProfileEntrySchema>;

const useStyles = makeStyles({
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  names: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, columns: '2 16rem' },
});

/** One profile's permissions, read-only, in a dialog. */
export const ProfileView = ({ entry }: { readonly entry: ProfileEntry }): ReactElement => {
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
