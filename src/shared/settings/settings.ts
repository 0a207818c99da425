import { z } from 'zod';
import { SIGN_IN_APP_CLOUDS } from '../cloud/sign-in-app';
import { EntraIdSchema } from '../guid';
import type { OwnAccessOptions } from '../onboarding/own-access';

/**
 * The application (client) ID of the MSP's own registration of the sign-in app in each cloud
 * (docs/sign-in-app.md). Microsoft needs a registration per national cloud, so each has its own ID; a client in a
 * cloud without one cannot be onboarded.
 */
export const SignInClientIdsSchema = z
  .object({
    global: EntraIdSchema.nullable().default(null),
    'us-government': EntraIdSchema.nullable().default(null),
    china: EntraIdSchema.nullable().default(null),
  })
  .readonly();

/** The sign-in app's client ID in each cloud, null where none is configured. */
export type ConfiguredSignInClientIds = z.infer<typeof SignInClientIdsSchema>;

/**
 * Settings files written before the sign-in app had an ID per cloud hold one `signInClientId`: that registration
 * lives in the Global cloud (the only one the tool could onboard then), so it becomes the Global ID.
 */
const migrateSingleClientId = (input: unknown): unknown => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const { signInClientId, ...rest } = input as Record<string, unknown>;
  if (signInClientId === undefined || 'signInClientIds' in rest) return rest;
  return { ...rest, signInClientIds: { global: signInClientId } };
};

/** The technician's settings, kept between launches in `<userData>/settings.json`. */
export const SettingsSchema = z.preprocess(
  migrateSingleClientId,
  z
    .object({
      /** Remembered from the last run's Client step. */
      technicianName: z.string().trim().max(200).nullable().default(null),
      /** The sign-in app's client ID per cloud. Without any, only the practice tenant can be onboarded. */
      signInClientIds: SignInClientIdsSchema.default({ global: null, 'us-government': null, china: null }),
      /** Onboard the practice tenant instead of real clients. Forced on while no sign-in app is configured. */
      practiceMode: z.boolean().default(true),
      /** Where Microsoft's pages open: the app's own isolated window, or the technician's default browser. */
      browser: z.enum(['in-app', 'system']).default('in-app'),
      /** The profile the Client step starts with. */
      defaultProfileId: z.string().max(100).default('built-in'),
      /**
       * At Finish, remove the tool's own delegated grants from the client's tenant (docs/own-access.md). On by
       * default; the Report step can turn it off for one run.
       */
      removeOwnAccessAtFinish: z.boolean().default(true),
      /** At Finish, delete the tool's enterprise application as well. Off by default. */
      deleteOwnEnterpriseAppAtFinish: z.boolean().default(false),
      /** The folder of the last report saved, offered again by the save dialog. */
      lastExportFolder: z.string().max(4096).nullable().default(null),
    })
    .readonly(),
);

/** The technician's settings. */
export type Settings = z.infer<typeof SettingsSchema>;

/** Settings of a first launch. */
export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/** A change to the settings: any subset of fields; `signInClientIds` changes only the clouds it names. */
export const SettingsPatchSchema = z
  .object({
    technicianName: z.string().trim().max(200).nullable(),
    signInClientIds: z
      .object({
        global: EntraIdSchema.nullable(),
        'us-government': EntraIdSchema.nullable(),
        china: EntraIdSchema.nullable(),
      })
      .partial()
      .strict(),
    practiceMode: z.boolean(),
    browser: z.enum(['in-app', 'system']),
    defaultProfileId: z.string().max(100),
    removeOwnAccessAtFinish: z.boolean(),
    deleteOwnEnterpriseAppAtFinish: z.boolean(),
  })
  .partial()
  .strict();

/** Whether any cloud has a sign-in app configured. */
export const hasSignInApp = (settings: Settings): boolean =>
  SIGN_IN_APP_CLOUDS.some((cloud) => settings.signInClientIds[cloud] !== null);

/** Whether runs go to the practice tenant: chosen, or forced because no sign-in app is configured. */
export const effectivePracticeMode = (settings: Settings): boolean =>
  settings.practiceMode || !hasSignInApp(settings);

/** What Finish does about the tool's own access unless the technician chooses otherwise for the run. */
export const ownAccessDefaults = (settings: Settings): OwnAccessOptions => ({
  removeGrants: settings.removeOwnAccessAtFinish,
  deleteEnterpriseApp: settings.removeOwnAccessAtFinish && settings.deleteOwnEnterpriseAppAtFinish,
});
