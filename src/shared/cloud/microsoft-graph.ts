/**
 * Microsoft Graph's application ID: the same GUID in every cloud, so a profile names Graph the same way
 * whichever cloud the client's tenant lives in.
 * https://learn.microsoft.com/graph/permissions-reference
 */
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** The display name of Microsoft Graph's service principal. */
export const MICROSOFT_GRAPH_DISPLAY_NAME = 'Microsoft Graph';
