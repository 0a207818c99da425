import { z } from 'zod';

/** Who can make the error go away. */
export const WhoCanFixSchema = z.enum([
  /** The technician running the onboarding, now. */
  'technician',
  /** The client's administrator (roles, Conditional Access, MFA registration). */
  'client-administrator',
  /** Whoever manages the app registrations at the MSP (the tool's sign-in app, Pia's registration). */
  'msp-app-owner',
  /** Nobody: Microsoft's service is busy or still replicating; waiting and retrying fixes it. */
  'wait-and-retry',
  /** Nothing is wrong: the state is already what was asked for. */
  'nothing-to-fix',
]);

/** Who can make the error go away. */
export type WhoCanFix = z.infer<typeof WhoCanFixSchema>;

/** How the checklist names each {@link WhoCanFix}. */
export const WHO_CAN_FIX_LABELS: Readonly<Record<WhoCanFix, string>> = {
  technician: 'You can fix this',
  'client-administrator': 'The client’s administrator can fix this',
  'msp-app-owner': 'Whoever manages your MSP’s app registrations can fix this',
  'wait-and-retry': 'Nobody needs to act: wait and try again',
  'nothing-to-fix': 'Nothing needs fixing',
};

/** Where an error came from. */
export const ErrorSourceSchema = z.enum([
  /** Microsoft Entra sign-in or token service (AADSTS codes), through msal-node or an OAuth error response. */
  'sign-in',
  /** The redirect back from Microsoft's sign-in or admin-consent page (`error`, `error_description`). */
  'redirect',
  /** Microsoft Graph. */
  'graph',
  /** The connection itself: no answer from Microsoft. */
  'network',
  /** The run itself: the technician cancelled, a wait timed out, or a guard stopped it before any write. */
  'run',
]);

/** Where an error came from. */
export type ErrorSource = z.infer<typeof ErrorSourceSchema>;

/**
 * The identifiers Microsoft support asks for. None of them is a secret: they locate the request in
 * Microsoft's logs (Entra sign-in logs search by correlation ID; Graph support by request-id and date).
 * https://learn.microsoft.com/graph/errors#error-resource-type
 */
export const SupportIdsSchema = z
  .object({
    correlationId: z.string().optional(),
    traceId: z.string().optional(),
    requestId: z.string().optional(),
    clientRequestId: z.string().optional(),
    timestamp: z.string().optional(),
  })
  .readonly();

/** The identifiers Microsoft support asks for. */
export type SupportIds = z.infer<typeof SupportIdsSchema>;

/** What the catalog says about one kind of error, in words a technician can act on. */
export const CatalogEntrySchema = z
  .object({
    title: z.string(),
    whatHappened: z.string(),
    whatToDo: z.array(z.string()).readonly(),
    whoCanFix: WhoCanFixSchema,
    /** Whether the same request can succeed later without anyone changing anything. */
    retryable: z.boolean(),
    /** Microsoft's page about this error. */
    learnMore: z.string(),
  })
  .readonly();

/** What the catalog says about one kind of error. */
export type CatalogEntry = z.infer<typeof CatalogEntrySchema>;

/** An error turned into guidance: the catalog's words plus the raw facts for support. */
export const GuidanceSchema = z
  .object({
    source: ErrorSourceSchema,
    /** The raw code as Microsoft sent it: `AADSTS50076`, `Authorization_RequestDenied`, `access_denied`. */
    code: z.string(),
    /** The HTTP status, when there was one. */
    httpStatus: z.number().int().nullable(),
    /** The catalog entry used (`AADSTS50076`, `graph:403:Authorization_RequestDenied`, `unknown:graph`). */
    catalogKey: z.string(),
    /** False when the catalog does not know the code and the fallback entry was used. */
    known: z.boolean(),
    /** Microsoft's own message, kept for support (without the trailing trace lines). */
    rawMessage: z.string(),
    /** Seconds Microsoft asked us to wait (Retry-After), when it did. */
    retryAfterSeconds: z.number().nonnegative().nullable(),
    support: SupportIdsSchema,
  })
  .extend(CatalogEntrySchema.unwrap().shape)
  .readonly();

/** An error turned into guidance a technician can act on. */
export type Guidance = z.infer<typeof GuidanceSchema>;
