import { z } from 'zod';
import { assertNever } from '../assert-never';
import {
  CHINA_CLOUD,
  type Cloud,
  CloudSchema,
  createPracticeCloud,
  GLOBAL_CLOUD,
  type PracticeOrigins,
  US_GOV_DOD_CLOUD,
  US_GOV_GCC_HIGH_CLOUD,
} from './cloud';

const optionalText = z.string().nullish();

/**
 * The fields of an OpenID discovery document (`/{tenant}/v2.0/.well-known/openid-configuration`) that say
 * where a tenant lives. Microsoft adds `tenant_region_scope`, `tenant_region_sub_scope`,
 * `cloud_instance_name`, `cloud_graph_host_name` and `msgraph_host` to the standard fields; every other field
 * is ignored.
 * https://learn.microsoft.com/entra/identity-platform/v2-protocols-oidc#find-your-apps-openid-configuration-document-uri
 */
export const OpenIdDiscoveryDocumentSchema = z
  .looseObject({
    issuer: z.string().min(1),
    authorization_endpoint: z.string().min(1),
    token_endpoint: optionalText,
    /** `NA`, `EU`, `AS`, `OC`, `WW`... in Global; `USGov` (formerly `USG`) for Entra ID Government. */
    tenant_region_scope: optionalText,
    /** `GCC` for GCC (Moderate) tenants in Global; `DODCON` for GCC High and `DOD` for DoD tenants. */
    tenant_region_sub_scope: optionalText,
    /** `microsoftonline.com`, `microsoftonline.us` or `partner.microsoftonline.cn`. */
    cloud_instance_name: optionalText,
    /** The legacy Azure AD Graph host of the cloud (graph.windows.net, graph.chinacloudapi.cn). */
    cloud_graph_host_name: optionalText,
    /** The Microsoft Graph host of the cloud. */
    msgraph_host: optionalText,
  })
  .readonly();

/** The parts of an OpenID discovery document that locate a tenant. */
export type OpenIdDiscoveryDocument = z.infer<typeof OpenIdDiscoveryDocumentSchema>;

/** Why a discovery document does not lead to a cloud this tool can onboard. */
export const CloudIdentificationFailureSchema = z.enum(['malformed-document', 'unsupported-cloud']);

/** The answer to "which cloud is this tenant in?", read from its discovery document. */
export const CloudIdentificationSchema = z.discriminatedUnion('identified', [
  z
    .object({
      identified: z.literal(true),
      cloud: CloudSchema,
      /** The tenant ID in the document's issuer, when the document names one (it does for a tenant). */
      tenantId: z.string().nullable(),
      regionScope: z.string().nullable(),
      regionSubScope: z.string().nullable(),
      /** Which fields decided, for the run record: "cloud_instance_name microsoftonline.us, sub-scope DOD". */
      evidence: z.string(),
    })
    .readonly(),
  z
    .object({ identified: z.literal(false), reason: CloudIdentificationFailureSchema, message: z.string() })
    .readonly(),
]);

/** Which cloud a discovery document points at, or why it points at none we support. */
export type CloudIdentification = z.infer<typeof CloudIdentificationSchema>;

/** Options for {@link identifyCloud}. */
export type IdentifyCloudOptions = {
  /** Where the practice tenant listens, when it runs: a document issued there is the practice tenant's. */
  readonly practice?: PracticeOrigins;
};

const TENANT_IN_PATH =
  /^https:\/\/[^/]+\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/|$)/i;
const ORIGIN = /^(https:\/\/[^/?#]+)/i;

const originOf = (url: string): string | null => ORIGIN.exec(url)?.[1]?.toLowerCase() ?? null;
const hostOf = (url: string): string | null =>
  originOf(url)?.slice('https://'.length).replace(/:\d+$/, '') ?? null;
const lower = (text: string | null | undefined): string | null =>
  text === undefined || text === null || text.trim() === '' ? null : text.trim().toLowerCase();

type Instance = 'global' | 'us-gov' | 'china';

/** Authority hosts per instance, for documents without `cloud_instance_name`. */
const INSTANCE_BY_AUTHORITY_HOST: Readonly<Record<string, Instance>> = {
  'login.microsoftonline.com': 'global',
  'login.windows.net': 'global',
  'sts.windows.net': 'global',
  'login.microsoftonline.us': 'us-gov',
  'login.partner.microsoftonline.cn': 'china',
  'login.chinacloudapi.cn': 'china',
};

const INSTANCE_BY_NAME: Readonly<Record<string, Instance>> = {
  'microsoftonline.com': 'global',
  'microsoftonline.us': 'us-gov',
  'partner.microsoftonline.cn': 'china',
  'chinacloudapi.cn': 'china',
};

const INSTANCE_BY_GRAPH_HOST: Readonly<Record<string, Instance>> = {
  'graph.microsoft.com': 'global',
  'graph.microsoft.us': 'us-gov',
  'dod-graph.microsoft.us': 'us-gov',
  'microsoftgraph.chinacloudapi.cn': 'china',
  'graph.chinacloudapi.cn': 'china',
};

const locateInstance = (
  doc: OpenIdDiscoveryDocument,
): { instance: Instance; evidence: string } | { instance: null; unknownName: string | null } => {
  const name = lower(doc.cloud_instance_name);
  if (name !== null) {
    const instance = INSTANCE_BY_NAME[name];
    return instance === undefined
      ? { instance: null, unknownName: name }
      : { instance, evidence: `cloud_instance_name ${name}` };
  }
  // Older or trimmed documents may lack cloud_instance_name: fall back on the hosts they name.
  const authorityHost = hostOf(doc.authorization_endpoint);
  const byAuthority = authorityHost === null ? undefined : INSTANCE_BY_AUTHORITY_HOST[authorityHost];
  if (byAuthority !== undefined)
    return { instance: byAuthority, evidence: `authorization endpoint ${authorityHost}` };
  for (const [field, host] of [
    ['msgraph_host', lower(doc.msgraph_host)],
    ['cloud_graph_host_name', lower(doc.cloud_graph_host_name)],
  ] as const) {
    const byGraph = host === null ? undefined : INSTANCE_BY_GRAPH_HOST[host];
    if (byGraph !== undefined) return { instance: byGraph, evidence: `${field} ${host}` };
  }
  const scope = lower(doc.tenant_region_scope);
  if (scope === 'usgov' || scope === 'usg')
    return { instance: 'us-gov', evidence: `tenant_region_scope ${scope}` };
  return { instance: null, unknownName: authorityHost };
};

/**
 * Identifies the cloud a tenant lives in from its OpenID discovery document, without signing in.
 *
 * `cloud_instance_name` names the Entra ID instance (Global, US Government or China). Within US Government,
 * GCC High and DoD tenants share the authority (login.microsoftonline.us) but not the Graph endpoint, so
 * `tenant_region_sub_scope` (`DOD` for DoD, `DODCON` for GCC High) or `msgraph_host` decides. GCC (Moderate)
 * tenants live in Global (sub-scope `GCC`) and use Global's endpoints.
 * https://learn.microsoft.com/graph/deployments
 * https://learn.microsoft.com/azure/azure-government/documentation-government-plan-identity
 */
export const identifyCloud = (document: unknown, options: IdentifyCloudOptions = {}): CloudIdentification => {
  const parsed = OpenIdDiscoveryDocumentSchema.safeParse(document);
  if (!parsed.success) {
    return {
      identified: false,
      reason: 'malformed-document',
      message: 'The sign-in service answered with something that is not an OpenID discovery document.',
    };
  }
  const doc = parsed.data;
  const tenantId =
    (TENANT_IN_PATH.exec(doc.issuer) ??
      TENANT_IN_PATH.exec(doc.authorization_endpoint))?.[1]?.toLowerCase() ?? null;
  const regionScope = doc.tenant_region_scope ?? null;
  const regionSubScope = doc.tenant_region_sub_scope ?? null;
  const found = (cloud: Cloud, evidence: string): CloudIdentification => ({
    identified: true,
    cloud,
    tenantId,
    regionScope,
    regionSubScope,
    evidence,
  });

  if (options.practice !== undefined) {
    const practiceOrigin = options.practice.authorityOrigin.toLowerCase();
    if (originOf(doc.issuer) === practiceOrigin || originOf(doc.authorization_endpoint) === practiceOrigin) {
      return found(createPracticeCloud(options.practice), `issuer at the practice tenant ${practiceOrigin}`);
    }
  }

  const located = locateInstance(doc);
  if (located.instance === null) {
    return {
      identified: false,
      reason: 'unsupported-cloud',
      message:
        located.unknownName === null
          ? 'The discovery document does not say which Microsoft cloud the tenant is in.'
          : `The tenant is in a Microsoft cloud this tool does not support (${located.unknownName}). Supported: Global, US Government (GCC High, DoD) and China (21Vianet).`,
    };
  }
  const instance: Instance = located.instance;
  switch (instance) {
    case 'global':
      return found(
        GLOBAL_CLOUD,
        located.evidence + (lower(regionSubScope) === 'gcc' ? ', sub-scope GCC' : ''),
      );
    case 'china':
      return found(CHINA_CLOUD, located.evidence);
    case 'us-gov': {
      const subScope = lower(regionSubScope);
      if (subScope === 'dod') return found(US_GOV_DOD_CLOUD, `${located.evidence}, sub-scope DOD`);
      if (lower(doc.msgraph_host) === 'dod-graph.microsoft.us') {
        return found(US_GOV_DOD_CLOUD, `${located.evidence}, msgraph_host dod-graph.microsoft.us`);
      }
      return found(
        US_GOV_GCC_HIGH_CLOUD,
        subScope === null ? located.evidence : `${located.evidence}, sub-scope ${subScope.toUpperCase()}`,
      );
    }
    default:
      return assertNever(instance);
  }
};
