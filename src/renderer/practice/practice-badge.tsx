import { Badge } from '@fluentui/react-components';
import type { ReactElement } from 'react';

/**
 * The one mark of practice: beside the app's name while practice mode is on, and beside every practice run in the
 * run history. The report carries its own mark (PRACTICE_MARK), in the same words.
 */
export const PracticeBadge = (): ReactElement => (
  <Badge appearance="filled" color="warning">
    Practice
  </Badge>
);
