/**
 * The consent page's description of a permission when the resource's registration gives none. The OIDC scopes and
 * `User.Read` carry the words Microsoft's consent page uses; others are spelled out from the permission's value
 * (`{Resource}.{Operation}[.{Constraint}]`, Microsoft Graph's naming scheme:
 * https://learn.microsoft.com/graph/permissions-overview#permissions-naming-pattern).
 */
export const describePermission = (value: string, kind: 'delegated' | 'application'): string => {
  const known: Readonly<Record<string, string>> = {
    openid: 'Sign you in',
    profile: 'View your basic profile',
    email: 'View your email address',
    offline_access: 'Maintain access to data you have given it access to',
    'User.Read': 'Sign you in and read your profile',
  };
  const fixed = known[value];
  if (fixed !== undefined) return fixed;
  const [resource = value, operation = '', constraint = ''] = value.split('.');
  const words = resource.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const verb =
    operation === 'ReadWrite'
      ? 'Read and write'
      : operation === 'ReadBasic'
        ? 'Read basic'
        : operation === ''
          ? 'Use'
          : operation.replace(/([a-z])([A-Z])/g, '$1 $2');
  const scope =
    constraint === 'All'
      ? ' in your organization'
      : constraint === ''
        ? ''
        : ` (${constraint.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()})`;
  const who = kind === 'delegated' ? ', as you' : ', without a signed-in user';
  return `${verb} ${words}${scope}${who}`;
};
