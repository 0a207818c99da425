import { tokens } from '@fluentui/react-components';

/** The card a page's content sits on (the checklist's step, the run history, the settings), for `makeStyles`. */
export const pageSurface = {
  display: 'flex',
  flexDirection: 'column',
  padding: tokens.spacingHorizontalXL,
  backgroundColor: tokens.colorNeutralBackground1,
  borderRadius: tokens.borderRadiusLarge,
  boxShadow: tokens.shadow4,
} as const;
