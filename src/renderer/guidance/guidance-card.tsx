import {
  Button,
  Link,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { Copy20Regular } from '@fluentui/react-icons';
import { type ReactElement, useId, useState } from 'react';
import { type Guidance, WHO_CAN_FIX_LABELS } from '../../shared/guidance/guidance';
import { AnnouncedText } from '../announce/announced-text';
import { copyText } from './copy-text';
import { guidanceDetailsText } from './guidance-details';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  list: { margin: `${tokens.spacingVerticalXS} 0`, paddingLeft: tokens.spacingHorizontalXL },
  meta: { color: tokens.colorNeutralForeground2 },
  details: { width: '100%', marginTop: tokens.spacingVerticalS },
});

const intentOf = (guidance: Guidance): 'error' | 'warning' | 'info' => {
  switch (guidance.whoCanFix) {
    case 'wait-and-retry':
      return 'warning';
    case 'nothing-to-fix':
      return 'info';
    default:
      return 'error';
  }
};

/**
 * An error as the engine's catalog explains it: what happened, what to do, who can fix it, and "Copy details"
 * for the raw code, Microsoft's message and the IDs Microsoft support asks for.
 */
export const GuidanceCard = ({ guidance }: { readonly guidance: Guidance }): ReactElement => {
  const styles = useStyles();
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const whatToDoId = useId();
  const details = guidanceDetailsText(guidance);

  const copy = async (): Promise<void> => setCopied((await copyText(details)) ? 'yes' : 'failed');

  return (
    <MessageBar intent={intentOf(guidance)} layout="multiline" data-guidance={guidance.code}>
      <MessageBarBody className={styles.body}>
        <MessageBarTitle>{guidance.title}</MessageBarTitle>
        <Text>{guidance.whatHappened}</Text>
        {guidance.whatToDo.length > 0 && (
          <>
            <Text weight="semibold" id={whatToDoId}>
              What to do
            </Text>
            <ol className={styles.list} aria-labelledby={whatToDoId}>
              {guidance.whatToDo.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ol>
          </>
        )}
        <Text weight="semibold">{WHO_CAN_FIX_LABELS[guidance.whoCanFix]}.</Text>
        <Text size={200} className={styles.meta}>
          Code {guidance.code}
          {guidance.httpStatus === null ? '' : ` (HTTP ${guidance.httpStatus})`} ·{' '}
          <Link href={guidance.learnMore} target="_blank" rel="noreferrer" inline>
            Microsoft’s page about it
          </Link>
        </Text>
        {copied === 'yes' && <AnnouncedText size={200}>Details copied.</AnnouncedText>}
        {copied === 'failed' && (
          <Textarea
            className={styles.details}
            aria-label="Error details to copy"
            readOnly
            value={details}
            resize="vertical"
          />
        )}
      </MessageBarBody>
      <MessageBarActions>
        <Button icon={<Copy20Regular />} onClick={() => void copy()}>
          Copy details
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
};

/** A request the main process refused or that never arrived: not the tenant's problem, but still the technician's. */
export const RefusalBar = ({ message }: { readonly message: string }): ReactElement => (
  <MessageBar intent="error" layout="multiline">
    <MessageBarBody>
      <MessageBarTitle>This step did not go through</MessageBarTitle>
      {message}
    </MessageBarBody>
  </MessageBar>
);
