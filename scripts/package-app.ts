import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util/out/DebugLogger';
import { build, type Configuration, createTargets, Platform } from 'electron-builder';

// Builds the installers from electron-builder.yml (see docs/packaging.md).
//
//   npx tsx scripts/package-app.ts --check              validate electron-builder.yml offline, build nothing
//   npx tsx scripts/package-app.ts --linux --dir        local, unsigned test build of this platform
//   npx tsx scripts/package-app.ts --release --win      signed release build; refuses to ship unsigned
//
// electron-builder 26 and its native-module rebuild tooling want Node 22 or later at packaging time.

type Env = Readonly<Record<string, string | undefined>>;

const has = (env: Env, name: string): boolean => (env[name] ?? '').trim() !== '';

/** What must be in the environment for a release build of each platform, and what is missing. */
export const missingReleaseSecrets = (
  env: Env,
  platforms: readonly ('win' | 'mac' | 'linux')[],
): string[] => {
  const missing: string[] = [];
  if (!has(env, 'PIA_UPDATE_URL') || !(env.PIA_UPDATE_URL ?? '').startsWith('https://')) {
    missing.push('PIA_UPDATE_URL (https)');
  }
  if (platforms.includes('win')) {
    const azure = azureSignOptionsFrom(env) !== undefined;
    const certificate = has(env, 'WIN_CSC_LINK') || has(env, 'CSC_LINK');
    if (!azure && !certificate) missing.push('CSC_LINK + CSC_KEY_PASSWORD, or AZURE_TRUSTED_SIGNING_*');
  }
  if (platforms.includes('mac')) {
    if (!has(env, 'CSC_LINK') && !has(env, 'CSC_NAME'))
      missing.push('CSC_LINK + CSC_KEY_PASSWORD (Developer ID)');
    const notary =
      (has(env, 'APPLE_ID') && has(env, 'APPLE_APP_SPECIFIC_PASSWORD') && has(env, 'APPLE_TEAM_ID')) ||
      (has(env, 'APPLE_API_KEY') && has(env, 'APPLE_API_KEY_ID') && has(env, 'APPLE_API_ISSUER')) ||
      has(env, 'APPLE_KEYCHAIN_PROFILE');
    if (!notary)
      missing.push('APPLE_ID/APPLE_APP_SPECIFIC_PASSWORD/APPLE_TEAM_ID or APPLE_API_KEY/_ID/_ISSUER');
  }
  return missing;
};

/** electron-builder's Azure Trusted Signing options, when all four variables are set. */
export const azureSignOptionsFrom = (
  env: Env,
): NonNullable<NonNullable<Configuration['win']>['azureSignOptions']> | undefined => {
  const names = [
    'AZURE_TRUSTED_SIGNING_ENDPOINT',
    'AZURE_TRUSTED_SIGNING_ACCOUNT_NAME',
    'AZURE_TRUSTED_SIGNING_CERTIFICATE_PROFILE',
    'AZURE_TRUSTED_SIGNING_PUBLISHER_NAME',
  ];
  if (!names.every((name) => has(env, name))) return undefined;
  return {
    endpoint: env.AZURE_TRUSTED_SIGNING_ENDPOINT ?? '',
    codeSigningAccountName: env.AZURE_TRUSTED_SIGNING_ACCOUNT_NAME ?? '',
    certificateProfileName: env.AZURE_TRUSTED_SIGNING_CERTIFICATE_PROFILE ?? '',
    publisherName: env.AZURE_TRUSTED_SIGNING_PUBLISHER_NAME ?? '',
  };
};

/** The configuration laid over electron-builder.yml: the release flag and Azure signing from the environment. */
export const configOverrides = (env: Env, release: boolean): Configuration => {
  const azure = azureSignOptionsFrom(env);
  return {
    forceCodeSigning: release,
    // Azure Trusted Signing and signtool options exclude each other (electron-builder's schema).
    ...(azure === undefined ? {} : { win: { azureSignOptions: azure, signtoolOptions: null } }),
  };
};

const main = async (): Promise<void> => {
  const args = new Set(process.argv.slice(2));
  const root = join(import.meta.dirname, '..');
  const release = args.has('--release');
  const platforms = (['win', 'mac', 'linux'] as const).filter((p) => args.has(`--${p}`));
  const overrides = configOverrides(process.env, release);

  if (args.has('--check')) {
    // Validation needs the publish URL macro to expand; a placeholder is enough to check the schema.
    process.env.PIA_UPDATE_URL ??= 'https://updates.invalid/pia-onboarding';
    const config = await getConfig(root, join(root, 'electron-builder.yml'), overrides);
    await validateConfiguration(config, new DebugLogger(false));
    console.log(`electron-builder.yml is valid: ${config.appId} (${config.productName}).`);
    return;
  }
  if (release) {
    const missing = missingReleaseSecrets(process.env, platforms.length === 0 ? ['linux'] : platforms);
    if (missing.length > 0) throw new Error(`A release build needs: ${missing.join('; ')}.`);
  }
  execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  const chosen = platforms.map(
    (p) => ({ win: Platform.WINDOWS, mac: Platform.MAC, linux: Platform.LINUX })[p],
  );
  await build({
    projectDir: root,
    config: overrides,
    // The generic provider has no upload: the installers and latest*.yml in dist/ are copied to the server.
    publish: 'never',
    // No platform flag builds for the current one; `--dir` builds an unpacked folder, no installer.
    targets: createTargets(
      chosen.length === 0 ? [Platform.current()] : chosen,
      args.has('--dir') ? 'dir' : null,
    ),
  });
};

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
