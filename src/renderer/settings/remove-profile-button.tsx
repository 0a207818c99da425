import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
} from '@fluentui/react-components';
import { Delete20Regular } from '@fluentui/react-icons';
import { type ReactElement, useState } from 'react';

/** Remove, asked first: a profile removed by mistake can only come back from an export of it. */
export const RemoveProfileButton = ({
  name,
  onRemove,
}: {
  readonly name: string;
  readonly onRemove: () => void;
}): ReactElement => {
  const [open, setOpen] = useState(false);
  return (
    <Dialog modalType="alert" open={open} onOpenChange={(_, data) => setOpen(data.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button size="small" icon={<Delete20Regular />} aria-label={`Remove ${name}`}>
          Remove
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{`Remove the profile ${name}?`}</DialogTitle>
          <DialogContent>
            Runs already made keep their record and report. New runs can no longer choose this profile; an
            export of it can be imported again.
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              onClick={() => {
                setOpen(false);
                onRemove();
              }}
            >
              Remove
            </Button>
            <DialogTrigger disableButtonEnhancement>
              <Button>Keep it</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
};
