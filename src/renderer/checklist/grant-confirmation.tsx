import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from '@fluentui/react-components';
import { type ReactElement, useRef } from 'react';
import type { RunView } from '../../shared/bridge/contract';
import { removalSummary } from '../offboarding/removal-plan-view';
import { planSummary } from './plan-step';

/**
 * "Grant consent in Contoso?": the last word before anything is written. It lives with the checklist page rather
 * than the plan step, because confirming moves the checklist on to the next step: a modal unmounted while it
 * closes would leave the page behind it hidden from assistive technology. The grant starts on the confirmation
 * itself (a window that is hidden or throttled may never finish the closing animation); once the dialog has
 * closed, `onClosed` lets the page put focus on the next step's heading, where closing the modal left none.
 */
export const GrantConfirmation = ({
  view,
  open,
  onConfirm,
  onDismiss,
  onClosed,
}: {
  readonly view: RunView | null;
  readonly open: boolean;
  /** Called when the technician confirms. */
  readonly onConfirm: () => void;
  readonly onDismiss: () => void;
  /** Called once the dialog has finished closing after a confirmation. */
  readonly onClosed: () => void;
}): ReactElement | null => {
  const confirmed = useRef(false);
  const record = view?.record;
  const plan = record?.plan ?? null;
  const removal = record?.removalPlan ?? null;
  if (record === undefined || (plan === null && removal === null)) return null;
  const organization = record.organization?.displayName ?? record.input.clientText;
  const consentPage = record.input.strategy === 'admin-consent-page' && removal === null;
  const tenant = `${organization} (${record.discovery?.tenantId ?? ''})`;
  const content =
    removal !== null
      ? `This removes the app’s access from ${tenant} now: ${removalSummary(removal)}. Every removal is journaled; one already gone is not repeated.`
      : plan === null
        ? ''
        : consentPage
          ? `Microsoft’s admin-consent page opens in the sign-in window. The administrator reviews the permissions there, consents on behalf of the organization and accepts. The plan: ${planSummary(plan)}.`
          : `This writes to ${tenant} now: ${planSummary(plan)}. Every write is journaled; a write already present is not repeated.`;
  const action = removal !== null ? 'Remove access' : consentPage ? 'Open the consent page' : 'Grant consent';
  return (
    <Dialog
      open={open}
      onOpenChange={(_, data) => (data.open ? undefined : onDismiss())}
      modalType="alert"
      surfaceMotion={{
        onMotionFinish: (_, data) => {
          if (data.direction !== 'exit' || !confirmed.current) return;
          confirmed.current = false;
          onClosed();
        },
      }}
    >
      <DialogSurface>
        <DialogBody>
          <DialogTitle>
            {removal !== null ? 'Remove access' : 'Grant consent'} in {organization}?
          </DialogTitle>
          <DialogContent>{content}</DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              onClick={() => {
                confirmed.current = true;
                onDismiss();
                onConfirm();
              }}
            >
              {action}
            </Button>
            <Button onClick={onDismiss}>Not yet</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
};
