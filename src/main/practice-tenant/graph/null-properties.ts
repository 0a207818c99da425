// Which properties of Graph's answers may be null, and the answers with chosen ones sent as null.
//
// In Microsoft's v1.0 metadata (microsoftgraph/msgraph-metadata, schemas/v1.0-Prod.csdl) a property may be null
// unless it is declared Nullable="false"; the reference pages say the same per type
// (https://learn.microsoft.com/graph/api/resources/serviceprincipal: `appId`, `displayName`, … carry no "not
// nullable"). A client that expects a value where Microsoft may send null fails on a real tenant only, so the
// practice tenant can send those nulls on demand (the tenant knob `nullProperties`), and refuses to send one where
// Microsoft never does.

/**
 * Per Graph type the practice Graph sends, the properties Microsoft's v1.0 metadata declares Nullable="false",
 * those of its base types included (`entity.id`; `directoryObject` adds none). Read from schemas/v1.0-Prod.csdl.
 */
const NOT_NULLABLE = {
  servicePrincipal: [
    'id',
    'addIns',
    'alternativeNames',
    'appRoleAssignmentRequired',
    'appRoles',
    'keyCredentials',
    'notificationEmailAddresses',
    'oauth2PermissionScopes',
    'passwordCredentials',
    'replyUrls',
    'resourceSpecificApplicationPermissions',
    'servicePrincipalNames',
    'tags',
  ],
  user: [
    'id',
    'assignedLicenses',
    'assignedPlans',
    'birthday',
    'businessPhones',
    'deviceEnrollmentLimit',
    'hireDate',
    'otherMails',
    'provisionedPlans',
    'proxyAddresses',
  ],
  oAuth2PermissionGrant: ['id', 'clientId', 'resourceId'],
  appRoleAssignment: ['id', 'appRoleId'],
  organization: [
    'id',
    'assignedPlans',
    'businessPhones',
    'marketingNotificationEmails',
    'mobileDeviceManagementAuthority',
    'provisionedPlans',
    'securityComplianceNotificationMails',
    'securityComplianceNotificationPhones',
    'technicalNotificationMails',
    'verifiedDomains',
  ],
  domain: [
    'id',
    'authenticationType',
    'isAdminManaged',
    'isDefault',
    'isInitial',
    'isRoot',
    'isVerified',
    'supportedServices',
  ],
  directoryRole: ['id'],
  unifiedRoleAssignment: ['id'],
  unifiedRoleAssignmentScheduleInstance: ['id'],
  unifiedRoleEligibilitySchedule: ['id'],
  // Complex types: objects inside `appRoles`, `oauth2PermissionScopes` and `verifiedDomains`.
  appRole: ['allowedMemberTypes', 'id', 'isEnabled'],
  permissionScope: ['id', 'isEnabled'],
  verifiedDomain: [],
} as const satisfies Record<string, readonly string[]>;

/** A Graph v1.0 type (entity or complex) whose objects the practice Graph sends, by its metadata name. */
export type GraphTypeName = keyof typeof NOT_NULLABLE;

const TYPE_NAMES = Object.keys(NOT_NULLABLE) as GraphTypeName[];

const isTypeName = (name: string): name is GraphTypeName => TYPE_NAMES.includes(name as GraphTypeName);

/**
 * Why the practice Graph may not send `type.property` as null, or undefined when it may: the type must be one it
 * sends, and Microsoft's metadata must not declare the property Nullable="false".
 */
export const nullPropertyRefusal = (entry: string): string | undefined => {
  const match = /^([A-Za-z0-9]+)\.([A-Za-z0-9]+)$/.exec(entry);
  if (match === null) return `"${entry}" is not type.property (for example servicePrincipal.displayName).`;
  const [, type = '', property = ''] = match;
  if (!isTypeName(type))
    return `"${type}" is not a type the practice Graph sends (${TYPE_NAMES.join(', ')}).`;
  const notNullable: readonly string[] = NOT_NULLABLE[type];
  if (notNullable.includes(property)) {
    return `Microsoft's v1.0 metadata declares ${type}.${property} Nullable="false": Graph never sends it as null.`;
  }
  return undefined;
};

// The Graph type of each object the shapes build, so that the properties chosen for a type are found in every
// answer (collections, single objects, `$batch` items) and inside other objects (a service principal's app roles).
const typeOf = new WeakMap<object, GraphTypeName>();

/** Marks `value` as an object of Graph type `type` (for {@link withNullProperties}); returns it. */
export const ofGraphType = <T extends object>(type: GraphTypeName, value: T): T => {
  typeOf.set(value, type);
  return value;
};

/**
 * `value` with each property named in `nullProperties` (`type.property`, already accepted by
 * {@link nullPropertyRefusal}) set to null on every object of that type, nested ones included. A property the object
 * does not carry stays absent: Graph does not add properties the type lacks.
 */
export const withNullProperties = <T>(value: T, nullProperties: readonly string[]): T => {
  if (nullProperties.length === 0) return value;
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    const type = typeOf.get(node);
    const nulled = new Set(
      type === undefined
        ? []
        : nullProperties.filter((p) => p.startsWith(`${type}.`)).map((p) => p.slice(type.length + 1)),
    );
    return Object.fromEntries(
      Object.entries(node).map(([key, child]) => [key, nulled.has(key) ? null : visit(child)]),
    );
  };
  return visit(value) as T;
};
