/**
 * What the client's administrator does to enable a disabled enterprise application, in Microsoft's own steps: no
 * write of this tool can do it (only a Cloud Application Administrator, Application Administrator or the app's
 * owner may), so the run says where to click and verifies again afterwards.
 * https://learn.microsoft.com/entra/identity/enterprise-apps/disable-user-sign-in-portal
 */
export const enableEnterpriseAppSteps = (appName: string): readonly string[] => [
  `Ask the client’s administrator (Cloud Application Administrator, Application Administrator or the app’s owner) to open the Microsoft Entra admin center at Identity › Applications › Enterprise applications › All applications › ${appName} › Properties.`,
  'There, set “Enabled for users to sign-in?” to Yes and select Save.',
  'Then verify again: the permissions granted to it are on record already.',
];
