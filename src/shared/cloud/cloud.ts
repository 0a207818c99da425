import { z } from 'zod';

/**
 * The clouds a client tenant can live in. Each is a separate instance of Microsoft Entra ID and Microsoft
 * Graph with endpoints of its own; a token from one is worthless in another.
 * https://learn.microsoft.com/entra/identity-platform/authentication-national-cloud
 * https://learn.microsoft.com/graph/deployments
 */
export const CloudIdSchema = z.enum(['global', 'us-gov-gcc-high', 'us-gov-dod', 'china', 'practice']);

/** Which cloud a tenant lives in. */
export type CloudId = z.infer<typeof CloudIdSchema>;

/** An `https://host[:port]` origin: no path, query or trailing slash. */
const OriginSchema = z
  .string()
  .regex(
    /^https:\/\/[a-z0-9.-]+(?::\d{1,5})?$/,
    'expected an https origin such as https://login.microsoftonline.com',
  );

/** Where one cloud signs users in and serves Microsoft Graph. */
export const CloudSchema = z
  .object({
    id: CloudIdSchema,
    /** What the technician reads: "US Government (GCC High)". */
    displayName: z.string().min(1),
    /** The Microsoft Entra authority host; the tenant goes in the path after it. */
    authorityOrigin: OriginSchema,
    /** The Microsoft Graph service root; `/v1.0` and `/beta` go after it. */
    graphOrigin: OriginSchema,
    /**
     * The Graph resource identifier scopes are built from (`${graphResourceId}/.default`). It is the national
     * Graph host in national clouds, and the Global one in the practice tenant, which simulates Global.
     */
    graphResourceId: OriginSchema,
    /** The values of `cloud_instance_name` in OpenID discovery that name this cloud. */
    cloudInstanceNames: z.array(z.string()).readonly(),
  })
  .readonly();

/** Where one cloud signs users in and serves Microsoft Graph. */
export type Cloud = z.infer<typeof CloudSchema>;

/** Microsoft's worldwide cloud, which also serves GCC (Moderate) tenants. */
export const GLOBAL_CLOUD: Cloud = {
  id: 'global',
  displayName: 'Global',
  authorityOrigin: 'https://login.microsoftonline.com',
  graphOrigin: 'https://graph.microsoft.com',
  graphResourceId: 'https://graph.microsoft.com',
  cloudInstanceNames: ['microsoftonline.com'],
};

/**
 * Microsoft 365 GCC High: Entra ID for US Government with the L4 Graph endpoint.
 * https://learn.microsoft.com/graph/deployments#microsoft-graph-and-graph-explorer-service-root-endpoints
 */
export const US_GOV_GCC_HIGH_CLOUD: Cloud = {
  id: 'us-gov-gcc-high',
  displayName: 'US Government (GCC High)',
  authorityOrigin: 'https://login.microsoftonline.us',
  graphOrigin: 'https://graph.microsoft.us',
  graphResourceId: 'https://graph.microsoft.us',
  cloudInstanceNames: ['microsoftonline.us'],
};

/** Microsoft 365 DoD: the same Entra ID as GCC High, with the L5 (DoD) Graph endpoint. */
export const US_GOV_DOD_CLOUD: Cloud = {
  id: 'us-gov-dod',
  displayName: 'US Government (DoD)',
  authorityOrigin: 'https://login.microsoftonline.us',
  graphOrigin: 'https://dod-graph.microsoft.us',
  graphResourceId: 'https://dod-graph.microsoft.us',
  cloudInstanceNames: ['microsoftonline.us'],
};

/**
 * Microsoft Azure and Microsoft 365 operated by 21Vianet in China. Discovery reports its instance as
 * `partner.microsoftonline.cn`; login.chinacloudapi.cn is the authority host Microsoft Graph's deployment
 * table lists for it.
 * https://learn.microsoft.com/graph/deployments#app-registration-and-token-service-root-endpoints
 */
export const CHINA_CLOUD: Cloud = {
  id: 'china',
  displayName: 'China (operated by 21Vianet)',
  authorityOrigin: 'https://login.chinacloudapi.cn',
  graphOrigin: 'https://microsoftgraph.chinacloudapi.cn',
  graphResourceId: 'https://microsoftgraph.chinacloudapi.cn',
  cloudInstanceNames: ['partner.microsoftonline.cn', 'chinacloudapi.cn'],
};

/** Microsoft's clouds, in the order the technician sees them. */
export const MICROSOFT_CLOUDS: readonly Cloud[] = [
  GLOBAL_CLOUD,
  US_GOV_GCC_HIGH_CLOUD,
  US_GOV_DOD_CLOUD,
  CHINA_CLOUD,
];

/** Where the practice tenant listens on this machine, decided when it starts. */
export const PracticeOriginsSchema = z
  .object({ authorityOrigin: OriginSchema, graphOrigin: OriginSchema })
  .readonly();

/** Where the practice tenant listens on this machine. */
export type PracticeOrigins = z.infer<typeof PracticeOriginsSchema>;

/**
 * The practice tenant as a cloud. Its origins are local and only known at run time; it simulates the Global
 * cloud, so scopes name the Global Graph resource (https://graph.microsoft.com).
 */
export const createPracticeCloud = (origins: PracticeOrigins): Cloud => {
  const { authorityOrigin, graphOrigin } = PracticeOriginsSchema.parse(origins);
  return {
    id: 'practice',
    displayName: 'Practice tenant',
    authorityOrigin,
    graphOrigin,
    graphResourceId: GLOBAL_CLOUD.graphResourceId,
    cloudInstanceNames: [],
  };
};

/** The `.default` scope of Microsoft Graph in a cloud: every permission already granted to the app. */
export const graphDefaultScope = (cloud: Cloud): string => `${cloud.graphResourceId}/.default`;
