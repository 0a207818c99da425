import { z } from 'zod';
import { assertNever } from '../assert-never';
import type { CloudId } from './cloud';

/**
 * The clouds that each need their own registration of the sign-in app. An app registered in the Global cloud does
 * not exist in US Government or China (a sign-in there answers AADSTS700016): each national cloud is a separate
 * instance of Microsoft Entra ID with its own app registrations. GCC High and DoD share the US Government one.
 * https://learn.microsoft.com/entra/identity-platform/authentication-national-cloud#app-registration-endpoints
 * https://learn.microsoft.com/graph/deployments#app-registration-and-token-service-root-endpoints
 */
export const SignInAppCloudSchema = z.enum(['global', 'us-government', 'china']);

/** A cloud with a registration of the sign-in app of its own. */
export type SignInAppCloud = z.infer<typeof SignInAppCloudSchema>;

/** The sign-in app clouds in the order the technician sees them. */
export const SIGN_IN_APP_CLOUDS: readonly SignInAppCloud[] = SignInAppCloudSchema.options;

/** How the settings and guidance name each sign-in app cloud. */
export const SIGN_IN_APP_CLOUD_NAMES: Readonly<Record<SignInAppCloud, string>> = {
  global: 'Global',
  'us-government': 'US Government (GCC High, DoD)',
  china: 'China (operated by 21Vianet)',
};

/** The client ID of the sign-in app's registration in each cloud, where it has one (and the practice tenant's). */
export type SignInClientIds = Readonly<Partial<Record<SignInAppCloud | 'practice', string>>>;

/** Which registration of the sign-in app a tenant in `cloud` signs in with. */
export const signInAppCloudOf = (cloud: CloudId): SignInAppCloud | 'practice' => {
  switch (cloud) {
    case 'global':
      return 'global';
    case 'us-gov-gcc-high':
    case 'us-gov-dod':
      return 'us-government';
    case 'china':
      return 'china';
    case 'practice':
      return 'practice';
    default:
      return assertNever(cloud);
  }
};

/** The sign-in app's client ID for a tenant in `cloud`, or null when none is configured for that cloud. */
export const signInClientIdFor = (ids: SignInClientIds, cloud: CloudId): string | null =>
  ids[signInAppCloudOf(cloud)] ?? null;
