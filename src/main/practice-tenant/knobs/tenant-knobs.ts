import { z } from 'zod';
import { nullPropertyRefusal } from '../graph/null-properties';

/**
 * Realism settings of one practice tenant.
 *
 * Set from the scenario (`tenants[].knobs`) or at run time through {@link Knobs.setTenant}. The identity half reads
 * the sign-in settings; the directory and Graph read the replication delay.
 */
export const TenantKnobsSchema = z
  .object({
    /**
     * Seconds during which a change in the tenant (by Graph or by a consent) is not yet seen by Graph reads: a new
     * object answers 404, a changed one shows its earlier properties, a deleted one is still listed. Microsoft
     * documents this as replication delay: https://learn.microsoft.com/graph/best-practices-concept#handling-expected-errors
     */
    replicationDelaySeconds: z.number().min(0).max(3600).default(0),
    /**
     * Replicas that serve Graph reads, by how many seconds each lags behind the changes the others see (on top of
     * `replicationDelaySeconds`); reads are served by each in turn, so one read can miss what the read before it saw.
     * Empty (the default): one replica, reads never go backwards. Entra writes are replicated asynchronously across
     * directory replicas, so a read need not show what an earlier one did:
     * https://devblogs.microsoft.com/identity/designing-for-eventual-consistency-for-microsoft-entra/
     * https://learn.microsoft.com/graph/best-practices-concept#handling-expected-errors
     */
    replicaLagSeconds: z.array(z.number().min(0).max(3600)).max(16).readonly().default([]),
    /**
     * Properties Graph sends as `null`, as `type.property` (`servicePrincipal.displayName`, `user.displayName`,
     * `oAuth2PermissionGrant.scope`, `appRole.value`), on every object of that type in every answer: collections,
     * single objects, `$batch` items and objects inside others. Empty by default. Microsoft's v1.0 metadata lets a
     * property be null unless it is declared Nullable="false" (microsoftgraph/msgraph-metadata,
     * schemas/v1.0-Prod.csdl; https://learn.microsoft.com/graph/api/resources/serviceprincipal): a property
     * declared so (`id`, `appRoles`, a grant's `clientId`, …) is refused here, since Graph never sends it as null.
     */
    nullProperties: z
      .array(
        z.string().superRefine((entry, ctx) => {
          const refusal = nullPropertyRefusal(entry);
          if (refusal !== undefined) ctx.addIssue({ code: 'custom', message: refusal });
        }),
      )
      .readonly()
      .default([]),
    /**
     * Whether users without an application role may create service principals (the "Users can register
     * applications" user setting, `defaultUserRolePermissions.allowedToCreateApps` of the authorization policy).
     * Microsoft's default is yes; when an administrator turns it off, `POST /servicePrincipals` needs Global
     * Administrator, Application Administrator, Cloud Application Administrator or Application Developer:
     * https://learn.microsoft.com/graph/api/serviceprincipal-post-serviceprincipals
     * https://learn.microsoft.com/entra/fundamentals/users-default-permissions#restrict-member-users-default-permissions
     */
    usersCanCreateServicePrincipals: z.boolean().default(true),
    /** Sign-in is blocked by a Conditional Access policy (AADSTS53003). */
    conditionalAccessBlock: z.boolean().default(false),
    /** Sign-in needs multifactor authentication the practice tenant cannot satisfy (AADSTS50076). */
    mfaRequired: z.boolean().default(false),
    /**
     * Sign-in needs multifactor authentication and the account has no method registered (AADSTS50079,
     * UserStrongAuthEnrollmentRequired); the practice tenant cannot register one.
     * https://learn.microsoft.com/entra/identity-platform/reference-error-codes
     */
    mfaRegistrationRequired: z.boolean().default(false),
    /**
     * A Conditional Access policy requires a compliant device, and the practice browser is not one (AADSTS53000,
     * DeviceNotCompliant). https://learn.microsoft.com/entra/identity-platform/reference-error-codes
     */
    compliantDeviceRequired: z.boolean().default(false),
    /**
     * Client IDs whose service principal in the tenant requires assignment ("Assignment required?" Yes,
     * `appRoleAssignmentRequired`): a user without an app role assignment to it gets AADSTS50105.
     * https://learn.microsoft.com/entra/identity/enterprise-apps/assign-user-or-group-access-portal
     */
    assignmentRequiredAppIds: z.array(z.guid()).readonly().default([]),
    /** The consent page answers as if the user declined (AADSTS65004). */
    consentDeclined: z.boolean().default(false),
    /** Client IDs the tenant's sign-in treats as unknown applications (AADSTS700016). */
    unknownClientAppIds: z.array(z.guid()).readonly().default([]),
  })
  .readonly();

/** Realism settings of one practice tenant, with every default filled in. */
export type TenantKnobs = z.infer<typeof TenantKnobsSchema>;

/** The settings of a tenant the scenario says nothing about. */
export const defaultTenantKnobs: TenantKnobs = TenantKnobsSchema.parse({});
