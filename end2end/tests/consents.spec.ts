import { test, expect, ACCOUNTS, CLUBS } from './fixtures/base';
import { useSession } from './fixtures/auth';
import { submitAndLoad } from './fixtures/header';
import { ModulesPage } from './fixtures/settings_page';

// Consent per purpose and the export register (issue 17), with and without JavaScript:
// every form here is a plain POST.
const club = CLUBS.kempenvlug;

test('a member withdraws a consent and it shows in the history', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugMember);
  await page.goto(`/c/${club.slug}/me`);
  await page.getByTestId('my-consents-link').click();
  await expect(page).toHaveURL(new RegExp(`/c/${club.slug}/me/consents$`));
  const mine = page.getByTestId('consents').first();
  const purpose = mine.getByTestId('consent-purpose').first();
  await expect(purpose).toBeVisible();
  // Given first if it is not (the other project may have withdrawn it already).
  if ((await purpose.getByTestId('consent-withdraw').count()) === 0) {
    await submitAndLoad(page, purpose.getByTestId('consent-give'));
    await expect(page.getByTestId('notice')).toBeVisible();
  }
  const rows = page.getByTestId('consents').first().getByTestId('consent-history').locator('tbody tr');
  const before = await rows.count();
  await submitAndLoad(page, page.getByTestId('consents').first().getByTestId('consent-purpose').first().getByTestId('consent-withdraw'));
  await expect(page).toHaveURL(new RegExp(`/c/${club.slug}/me/consents\\?done=consent$`));
  await expect(page.getByTestId('notice')).toBeVisible();
  const after = page.getByTestId('consents').first().getByTestId('consent-history').locator('tbody tr');
  await expect(after).toHaveCount(before + 1);
  // The newest entry: withdrawn, by the member.
  await expect(after.first().locator('.badge-ended')).toBeVisible();
  // Withdrawing is as easy as giving: the purpose now offers to give it again.
  await expect(
    page.getByTestId('consents').first().getByTestId('consent-purpose').first().getByTestId('consent-give'),
  ).toBeVisible();
});

test('staff export chosen columns as XLSX and the export shows in the register', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  const modules = new ModulesPage(page);
  await modules.goto(club.slug);
  if (!(await modules.isOn('exports'))) await modules.toggle('exports');
  expect(await modules.isOn('exports')).toBe(true);

  await page.goto(`/c/${club.slug}/exports`);
  const form = page.getByTestId('export-form');
  const purpose = `Season list ${test.info().project.name} ${Date.now()}`;
  await form.locator('input[name=purpose]').fill(purpose);
  await form.getByTestId('column-given_name').check();
  await form.getByTestId('column-email').check();
  const [download] = await Promise.all([page.waitForEvent('download'), form.getByTestId('export-xlsx').click()]);
  expect(download.suggestedFilename()).toMatch(/^vc-kempenvlug-herentals-members-all-.*\.xlsx$/);

  await page.goto(`/c/${club.slug}/privacy/exports`);
  const newest = page.getByTestId('export-record').first();
  await expect(newest).toContainText(purpose);
  await expect(newest).toContainText('xlsx');
  await expect(newest).toContainText('given_name, email');
  await expect(newest.getByTestId('export-people')).not.toHaveText('0');
});

test('an export without a purpose is refused and not recorded', async ({ page }) => {
  await useSession(page, ACCOUNTS.kempenvlugAdmin);
  const modules = new ModulesPage(page);
  await modules.goto(club.slug);
  if (!(await modules.isOn('exports'))) await modules.toggle('exports');
  await page.goto(`/c/${club.slug}/privacy/exports`);
  const before = await page.getByTestId('export-record').count();
  // The browser asks for the purpose itself (required); a forged empty one gets a 400.
  const r = await page.request.post(`/c/${club.slug}/exports/members.csv`, {
    form: { purpose: '', status: '' },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(r.status()).toBe(400);
  await page.reload();
  await expect(page.getByTestId('export-record')).toHaveCount(before);
});
