import { z } from 'zod';

/** The technician's settings, kept between launches in `<userData>/settings.json`. */
export const SettingsSchema = z
  .object({
    /** Remembered from the last run's Client step. */
    technicianName: z.string().trim().max(200).nullable().default(null),
    /**
     * The application (client) ID of the MSP's own registration of the sign-in app (docs/sign-in-app.md). Without
     * it only the practice tenant can be onboarded.
     */
    signInClientId: z.uuid().nullable().default(null),
    /** Onboard the practice tenant instead of real clients. Forced on while no sign-in app is configured. */
    practiceMode: z.boolean().default(true),
    /** Where Microsoft's pages open: the app's own isolated window, or the technician's default browser. */
    browser: z.enum(['in-app', 'system']).default('in-app'),
    /** The profile the Client step starts with. */
    defaultProfileId: z.string().max(100).default('built-in'),
    /** The folder of the last report saved, offered again by the save dialog. */
    lastExportFolder: z.string().max(4096).nullable().default(null),
  })
  .readonly();

/** The technician's settings. */
export type Settings = z.infer<typeof SettingsSchema>;

/** Settings of a first launch. */
export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/** A change to the settings: any subset of fields. */
export const SettingsPatchSchema = z
  .object({
    technicianName: z.string().trim().max(200).nullable(),
    signInClientId: z.uuid().nullable(),
    practiceMode: z.boolean(),
    browser: z.enum(['in-app', 'system']),
    defaultProfileId: z.string().max(100),
  })
  .partial()
  .strict();

/** Whether runs go to the practice tenant: chosen, or forced because no sign-in app is configured. */
export const effectivePracticeMode = (settings: Settings): boolean =>
  settings.practiceMode || settings.signInClientId === null;
