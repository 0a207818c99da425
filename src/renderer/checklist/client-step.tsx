import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { type FormEvent, type ReactElement, useId, useState } from 'react';
import type { BridgeApi } from '../../shared/bridge/contract';
import { BridgeError } from '../../shared/bridge/errors';
import type { ClientIdentifierCheck } from '../../shared/tenant/client-identifier';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '36rem' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

type Outcome =
  | { readonly kind: 'idle' }
  | { readonly kind: 'checking' }
  | { readonly kind: 'checked'; readonly check: ClientIdentifierCheck }
  | { readonly kind: 'failed'; readonly message: string };

const summarise = (check: Extract<ClientIdentifierCheck, { valid: true }>): string =>
  check.identifier.kind === 'tenant-id'
    ? `Tenant ID ${check.identifier.tenantId}.`
    : `Domain ${check.identifier.domain}.`;

/** Step 1: the technician names the client by domain or tenant ID; the main process checks it. */
export const ClientStep = ({
  bridge,
  onChecked,
}: {
  readonly bridge: BridgeApi;
  readonly onChecked: (check: ClientIdentifierCheck) => void;
}): ReactElement => {
  const styles = useStyles();
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const resultId = useId();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setOutcome({ kind: 'checking' });
    try {
      const check = await bridge.client.check({ text });
      setOutcome({ kind: 'checked', check });
      onChecked(check);
    } catch (error) {
      setOutcome({
        kind: 'failed',
        message: error instanceof BridgeError ? `${error.message} (${error.code})` : String(error),
      });
    }
  };

  const refused = outcome.kind === 'checked' && !outcome.check.valid ? outcome.check : undefined;
  return (
    <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate>
      <Field
        label="Client domain or tenant ID"
        hint="For example contoso.com, contoso.onmicrosoft.com or the tenant’s ID."
        validationState={refused ? 'error' : 'none'}
        validationMessage={refused?.message}
      >
        <Input
          value={text}
          onChange={(_, data) => setText(data.value)}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={resultId}
        />
      </Field>
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={outcome.kind === 'checking'}>
          Check client
        </Button>
      </div>
      <div id={resultId} aria-live="polite">
        {outcome.kind === 'checked' && outcome.check.valid && (
          <MessageBar intent="success">
            <MessageBarBody>
              <MessageBarTitle>Client recognised</MessageBarTitle>
              {summarise(outcome.check)} {outcome.check.note}
            </MessageBarBody>
          </MessageBar>
        )}
        {outcome.kind === 'failed' && (
          <MessageBar intent="error">
            <MessageBarBody>
              <MessageBarTitle>The check did not complete</MessageBarTitle>
              {outcome.message}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </form>
  );
};
