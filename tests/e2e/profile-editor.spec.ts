import type { Download, Page } from '@playwright/test';
import { TARGET_APP_ID } from '../../src/main/practice-tenant/directory/builtin-scenario';
import { expect, test } from './support/fixtures';
import { expectStep, pressButton, recordStep } from './support/technician';

const APP_ID = '6f1c0a52-3d7e-4b8a-9c11-2e5f7a9b0c3d';
const NAME = 'Helper for Contoso';

const textOf = async (download: Download): Promise<string> =>
  Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');

const openSettings = async (app: Page): Promise<void> => {
  await app.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Settings' }).click();
  await expect(app.getByRole('heading', { name: 'Settings', level: 2 })).toBeVisible();
};

const exportProfile = async (app: Page): Promise<string> => {
  const download = app.waitForEvent('download');
  await app.getByRole('button', { name: `Export ${NAME}` }).click();
  return textOf(await download);
};

test('a profile for another app is made without JSON, used for a run, exported and imported back identical', async ({
  app,
}) => {
  await openSettings(app);
  await app.getByRole('button', { name: 'New empty profile' }).focus();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { name: 'New profile', level: 3 })).toBeFocused();

  await app.getByRole('textbox', { name: 'Profile name' }).fill(NAME);
  await app.getByRole('textbox', { name: /^App display name/ }).fill('Helper');
  const appId = app.getByRole('textbox', { name: /^Application \(client\) ID/ });
  await appId.fill('not-a-guid');

  // Names are suggested from Microsoft Graph's catalog as they are typed.
  const delegated = app.getByRole('combobox', { name: 'Add a delegated permission of Microsoft Graph' });
  await delegated.pressSequentially('User.Rea');
  await app.getByRole('option', { name: 'User.Read', exact: true }).click();
  const delegatedList = app.locator('[data-permission-list="delegated"]');
  await expect(delegatedList.locator('[data-permission="User.Read"]')).toContainText('user consent allowed');

  // A delegated name Microsoft publishes only as an application permission is flagged as it is typed, and again
  // in the list once it is added.
  const onlyAsApplication =
    'Microsoft Graph publishes Device.ReadWrite.All as an application permission only: no grant can give it as delegated. Use the application permission instead.';
  await delegated.pressSequentially('Device.ReadWrite.All');
  await expect(delegated).toHaveAccessibleDescription(onlyAsApplication);
  await expect(app.locator('[data-typed-flag]')).toHaveText(onlyAsApplication);
  await delegated.press('Enter');
  await expect(app.locator('[data-typed-flag]')).toHaveCount(0);
  const flagged = delegatedList.locator('[data-permission="Device.ReadWrite.All"]');
  await expect(flagged).toHaveAttribute('data-hint', 'other-type');
  await expect(flagged).toContainText(onlyAsApplication);
  await recordStep(app, 'settings-profile-editor', { dark: true });
  await flagged.getByRole('button', { name: 'Use the application permission instead' }).click();
  const applicationList = app.locator('[data-permission-list="application"]');
  await expect(applicationList.locator('[data-permission="Device.ReadWrite.All"]')).toContainText(
    'admin consent',
  );
  await expect(delegatedList.locator('[data-permission="Device.ReadWrite.All"]')).toHaveCount(0);

  const application = app.getByRole('combobox', { name: 'Add an application permission of Microsoft Graph' });
  await application.fill('Directory.Read.All');
  await application.press('Enter');
  await expect(applicationList.locator('[data-permission="Directory.Read.All"]')).toHaveAttribute(
    'data-hint',
    'known',
  );

  // The same checks as an imported file: a wrong application ID is named by its field, nothing saved.
  await app.getByRole('button', { name: 'Save profile' }).click();
  await expect(app.getByRole('list', { name: 'Problems in the profile' })).toContainText(
    'Application (client) ID:',
  );
  await appId.fill(APP_ID.toUpperCase());
  await app.getByRole('button', { name: 'Save profile' }).click();
  await expect(app.getByText(`Saved ${NAME}.`)).toBeVisible();
  const row = app.locator(`[data-profile="${APP_ID}"]`);
  await expect(row).toContainText('1 delegated, 2 application');

  // Used for a run: chosen on the Client step, carried into the run.
  await app.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Checklist' }).click();
  await app.getByRole('textbox', { name: /Client domain or tenant ID/ }).fill('contoso.com');
  await app.getByRole('textbox', { name: /Your name/ }).fill('Alex Wilber');
  await app.getByRole('combobox', { name: 'Permission profile' }).selectOption(APP_ID);
  await pressButton(app, 'Start onboarding', 30);
  await expectStep(app, 2, 'Preflight');
  await expect(app.locator('[data-check="profile"]')).toHaveAttribute('data-ok', 'true');
  await app
    .getByRole('navigation', { name: 'Onboarding steps' })
    .getByRole('button', { name: /1\. Client/ })
    .click();
  await expect(app.getByText(`${NAME} (${APP_ID})`)).toBeVisible();

  // Exported, removed (asked first), imported back: the same text.
  await openSettings(app);
  const exported = await exportProfile(app);
  expect(JSON.parse(exported)).toMatchObject({
    name: NAME,
    targetApp: { displayName: 'Helper', appId: APP_ID },
  });
  await row.getByRole('button', { name: `Remove ${NAME}` }).click();
  const confirm = app.getByRole('alertdialog', { name: `Remove the profile ${NAME}?` });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: `Remove ${NAME}` }).click();
  await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(app.getByText(`Removed ${NAME}.`)).toBeVisible();
  await expect(row).toHaveCount(0);

  await app.getByRole('textbox', { name: 'Import a profile' }).fill(exported);
  await app.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(app.getByText(`Imported ${NAME}.`)).toBeVisible();
  expect(await exportProfile(app)).toBe(exported);

  // Editing it again and saving replaces it in place; its name, not its ID, is what the window says.
  await row.getByRole('button', { name: `Edit ${NAME}` }).click();
  await expect(app.getByRole('heading', { name: `Edit ${NAME}`, level: 3 })).toBeFocused();
  await app.getByRole('button', { name: `Remove User.Read from the delegated permissions` }).click();
  await app.getByRole('button', { name: 'Save profile' }).click();
  await expect(app.getByText(`Replaced ${NAME}.`)).toBeVisible();
  await expect(row).toContainText('0 delegated, 2 application');
});

test('a profile started from the built-in one keeps its app; a second one for the same app names the first and replaces it only when asked', async ({
  app,
}) => {
  const newFromBuiltIn = async (name: string, redirectUri: string): Promise<void> => {
    await app.getByRole('button', { name: 'New profile from the built-in one' }).click();
    await expect(
      app.getByRole('heading', { name: 'New profile, from the built-in one', level: 3 }),
    ).toBeFocused();
    // The built-in profile's app and permissions, under a name of the technician's own.
    await expect(app.getByRole('textbox', { name: /^Application \(client\) ID/ })).toHaveValue(TARGET_APP_ID);
    await expect(app.locator('[data-permission-list="application"] [data-permission]')).toHaveCount(21);
    await app.getByRole('textbox', { name: 'Profile name' }).fill(name);
    await app.getByRole('textbox', { name: 'Admin-consent redirect URI' }).fill(redirectUri);
    await app.getByRole('button', { name: 'Save profile' }).click();
  };
  await openSettings(app);
  await newFromBuiltIn('Pia for the north office', 'https://pia.example/consent/north');
  await expect(app.getByText('Saved Pia for the north office.')).toBeVisible();

  await newFromBuiltIn('Pia for the south office', 'https://pia.example/consent/south');
  const exists = app.getByText('A profile for Pia exists');
  await expect(exists).toBeVisible();
  await expect(
    app.getByText(
      'The profile Pia for the north office is for the same application ID. Replace it with this one?',
    ),
  ).toBeVisible();
  // The window names the profile, never its application ID.
  await expect(app.locator('[data-profile-editor]')).not.toContainText(`profile ${TARGET_APP_ID}`);
  await app.getByRole('button', { name: 'Keep the saved one' }).click();
  await expect(exists).toHaveCount(0);
  await app.getByRole('button', { name: 'Save profile' }).click();
  await app.getByRole('button', { name: 'Replace it' }).click();
  await expect(app.getByText('Replaced Pia for the south office.')).toBeVisible();

  const download = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Export Pia for the south office' }).click();
  const saved = JSON.parse(await textOf(await download));
  expect(saved).toMatchObject({
    name: 'Pia for the south office',
    targetApp: { appId: TARGET_APP_ID, adminConsentRedirectUri: 'https://pia.example/consent/south' },
  });
});
